import { describeAudience } from '../../../test/support/guard/audience-scenarios.js';
import { describeBadTokens, describeOutage } from '../../../test/support/guard/bad-tokens.js';
import { describeGuardBehaviour } from '../../../test/support/guard/scenarios.js';
import { fastifyFactory } from './support.js';

describeGuardBehaviour('Fastify', fastifyFactory);
describeBadTokens('Fastify', fastifyFactory);
describeOutage('Fastify', fastifyFactory);
describeAudience('Fastify', fastifyFactory);
