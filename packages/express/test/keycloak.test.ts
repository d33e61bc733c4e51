import express from 'express';
import express4 from 'express4';
import type { Express } from 'express';
import { describeAudience } from '../../../test/support/guard/audience-scenarios.js';
import { describeBadTokens, describeOutage } from '../../../test/support/guard/bad-tokens.js';
import { describeGuardBehaviour } from '../../../test/support/guard/scenarios.js';
import { expressFactory } from './support.js';

const express5 = (): Express => express();
const legacy = (): Express => express4() as unknown as Express;

describeGuardBehaviour('Express 5', expressFactory(express5));
describeGuardBehaviour('Express 4', expressFactory(legacy));
describeBadTokens('Express 5', expressFactory(express5));
describeBadTokens('Express 4', expressFactory(legacy));
describeOutage('Express 5', expressFactory(express5));
describeOutage('Express 4', expressFactory(legacy));
describeAudience('Express 5', expressFactory(express5));
describeAudience('Express 4', expressFactory(legacy));
