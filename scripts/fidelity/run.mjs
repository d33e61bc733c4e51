// `pnpm fidelity`: replays scripts/fidelity/steps against the in-memory server and a real Keycloak (KEYCLOAK_URL,
// else one started as the real test tier starts it) and prints, per request, whether both answered alike.
import { randomBytes } from 'node:crypto';
import { startKeycloak } from '@keycloak-ts/testing';
import { acquireKeycloak } from '../keycloak/server.mjs';
import { runFidelity } from './engine.mjs';
import { STEPS } from './steps/index.mjs';

const memory = await startKeycloak();
const real = await acquireKeycloak({ log: (line) => process.stderr.write(`${line}\n`) });
if ('skipped' in real) {
  await memory.close();
  console.error(`fidelity: no real Keycloak to compare with: ${real.skipped}`);
  process.exit(1);
}
try {
  console.log(`fidelity: in-memory ${memory.url} vs real ${real.source}`);
  // A report: it exits 0 whatever the figure, and 1 only when it could not run.
  await runFidelity({
    targets: [
      { name: 'memory', url: memory.url },
      { name: 'real', url: real.url },
    ],
    steps: STEPS,
    realm: `fidelity-${randomBytes(4).toString('hex')}`,
  });
} finally {
  await memory.close();
  await real.stop();
}
