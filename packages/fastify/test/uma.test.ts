import { describeUmaGuardBehaviour } from '../../../test/support/guard/uma-scenarios.js';
import { fastifyFactory } from './support.js';

describeUmaGuardBehaviour('Fastify', fastifyFactory);
