import express from 'express';
import express4 from 'express4';
import type { Express } from 'express';
import { describeUmaGuardBehaviour } from '../../../test/support/guard/uma-scenarios.js';
import { expressFactory } from './support.js';

describeUmaGuardBehaviour(
  'Express 5',
  expressFactory((): Express => express()),
);
describeUmaGuardBehaviour(
  'Express 4',
  expressFactory((): Express => express4() as unknown as Express),
);
