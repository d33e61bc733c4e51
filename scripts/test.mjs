// `pnpm test`: build, type-check, format and lint, the dependency rules, the in-memory tier (with a real Redis),
// the pack-and-install check, the API reference, then the real-Keycloak tier, with one closing line for all
// (each check outside vitest counts as one test).
import { acquireRedis } from './redis/server.mjs';
import { ci, pnpm, printTotals, runRealTier, totals, vitest } from './tiers.mjs';

console.log('building packages (tsc -b, about 20 s)...');
if ((await pnpm('build')) !== 0) process.exit(1);
console.log('type-checking sources, tests, examples and benchmarks...');
if ((await pnpm('typecheck')) !== 0) process.exit(1);

/** A check outside vitest, counted as one test. */
async function check(title, script) {
  console.log(`\n== ${title} ==`);
  const passed = (await pnpm(script)) === 0;
  totals[passed ? 'passed' : 'failed'] += 1;
  return passed;
}
const lintPassed = await check('format and lint: Biome over every TypeScript and JavaScript file', 'lint');
const depsPassed = await check(
  "the house rules: no import cycle, no import into another domain's internal/",
  'check:deps',
);

// The suites that share state between instances need a real Redis (scripts/redis/server.mjs finds or installs one).
const redis = await acquireRedis({ log: (line) => console.log(line) });
let redisPassed = true;
const redisEnv = {};
if ('skipped' in redis) {
  console.log(`Redis suites: skipped: ${redis.skipped}`);
  if (ci) {
    console.log('CI=true: the Redis suites must run, so this run fails.');
    redisPassed = false;
  }
} else {
  console.log(`Redis suites: against ${redis.url} (${redis.source})`);
  Object.assign(redisEnv, { REDIS_URL: redis.url, REDIS_SERVER: redis.binary ?? '' });
}

console.log('\n== in-memory tier: every suite against @keycloak-ts/testing ==');
let memoryPassed;
try {
  memoryPassed = (await vitest(['--project', 'memory'], redisEnv)) === 0;
} finally {
  if (!('skipped' in redis)) await redis.stop();
}

const packPassed = await check(
  'packages as users install them: pack, install into a scratch app, type-check, run',
  'check:pack',
);
const docsPassed = await check('the API reference: TypeDoc over every package, failing on a broken link', 'docs');

const realPassed = await runRealTier();

printTotals();
process.exit(
  lintPassed &&
    depsPassed &&
    memoryPassed &&
    redisPassed &&
    packPassed &&
    docsPassed &&
    realPassed &&
    totals.failed === 0
    ? 0
    : 1,
);
