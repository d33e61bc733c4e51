// `pnpm test`: build, type-check, the in-memory tier, the pack-and-install check, then the real-Keycloak tier,
// with one closing line for all (the pack check counts as one test).
import { pnpm, printTotals, runRealTier, totals, vitest } from './tiers.mjs';

console.log('building packages (tsc -b, about 20 s)...');
if ((await pnpm('build')) !== 0) process.exit(1);
console.log('type-checking sources, tests, examples and benchmarks...');
if ((await pnpm('typecheck')) !== 0) process.exit(1);

console.log('\n== in-memory tier: every suite against @keycloak-ts/testing ==');
const memoryPassed = (await vitest(['--project', 'memory'])) === 0;

console.log('\n== packages as users install them: pack, install into a scratch app, type-check, run ==');
const packPassed = (await pnpm('check:pack')) === 0;
totals[packPassed ? 'passed' : 'failed'] += 1;

const realPassed = await runRealTier();

printTotals();
process.exit(memoryPassed && packPassed && realPassed && totals.failed === 0 ? 0 : 1);
