// `pnpm test`: build, type-check, the in-memory tier, the pack-and-install check, then the real-Keycloak tier,
// with one closing line for all (the pack check and the API reference count as one test each).
import { pnpm, printTotals, runRealTier, totals, vitest } from './tiers.mjs';

console.log('building packages (tsc -b, about 20 s)...');
if ((await pnpm('build')) !== 0) process.exit(1);
console.log('type-checking sources, tests, examples and benchmarks...');
if ((await pnpm('typecheck')) !== 0) process.exit(1);

console.log('\n== in-memory tier: every suite against @keycloak-ts/testing ==');
const memoryPassed = (await vitest(['--project', 'memory'])) === 0;

/** A check outside vitest, counted as one test. */
async function check(title, script) {
  console.log(`\n== ${title} ==`);
  const passed = (await pnpm(script)) === 0;
  totals[passed ? 'passed' : 'failed'] += 1;
  return passed;
}
const packPassed = await check('packages as users install them: pack, install into a scratch app, type-check, run', 'check:pack');
const docsPassed = await check('the API reference: TypeDoc over every package, failing on a broken link', 'docs');

const realPassed = await runRealTier();

printTotals();
process.exit(memoryPassed && packPassed && docsPassed && realPassed && totals.failed === 0 ? 0 : 1);
