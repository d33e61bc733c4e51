// CPU time per request in the server process, in microseconds: the measure that can see a few of them on
// a shared 2-core machine, where req/s ratios of two identical routes move by 20% from one run to the next.
// Run after `pnpm build`: node bench/cpu.js (BENCH_ROUNDS, BENCH_REQUESTS, BENCH_COLD_REQUESTS,
// BENCH_WARMUP_REQUESTS, BENCH_CONNECTIONS adjust the run; BENCH_ONLY=warm|cold keeps one part).
// Warm: one token for every request (verified once, then a cache hit), on Express and Fastify: the route
// open, behind a step that does nothing, behind protect(), protect({ roles }) and a UMA permission with a
// warm decision cache; the guard's extra is read against the no-op step, the framework's price of any step.
// Cold: every request carries a token its server has not seen (the same claims, a new `jti`, signed by
// the realm's key): a full verification per request, ours against express-oauth2-jwt-bearer (jose's
// jwtVerify per request) on the same Express app, and on Fastify against a step that only checks the
// signature (node's crypto.verify, key imported once): the floor, so the guard's own share is printed apart;
// and against arithmetic calibrated to cost what crypto.verify costs in a tight loop: how the harness reads a
// known amount of CPU, so a floor far above its in-process cost is the signature check's, not the harness's.
// Each server runs in its own child, the Keycloak test server in another, autocannon here. No pass/fail:
// the goals (issue 13) are printed, never asserted.
import { cpuSettings, measureCpu, pairedExtra } from './lib/cpu-rounds.js';
import { startChild } from './lib/children.js';
import { summary } from './lib/stats.js';

const SERVERS = new URL('./cpu/servers.js', import.meta.url).href;
const WARM_GOAL_US = 5;
const COLD_GOAL_US = 50;
const FRAMEWORKS = {
  express: { open: 'express unprotected', noop: 'express no-op middleware' },
  fastify: { open: 'fastify unprotected', noop: 'fastify no-op preHandler' },
};
const GUARDS = ['protect()', 'protect({ roles })', "protect('orders:read')"];
const AUTH0 = 'express express-oauth2-jwt-bearer';
// The signature check alone (bench/cpu/servers.js): the cold floor of any verifier.
const FLOOR = 'fastify crypto.verify preHandler';
// Arithmetic that costs in-process what crypto.verify does: how the harness reads a known amount of CPU.
const RULER = 'fastify arithmetic preHandler';

const only = process.env.BENCH_ONLY;
if (only !== undefined && only !== 'warm' && only !== 'cold')
  throw new Error(`BENCH_ONLY=${only} is neither warm nor cold`);
const settings = cpuSettings();
const fixed = (value) => value.toFixed(1);
const spread = ({ median, min, max }) => `${fixed(median).padStart(7)} [${fixed(min)} to ${fixed(max)}]`.padEnd(26);
// Contention only ever adds CPU time (cache misses, a shared core's other thread), so each target's
// cheapest round is its least disturbed one: the floor difference reads the cost with the noise mostly out.
const floorExtra = (results, a, b) => fixed(Math.min(...results[a]) - Math.min(...results[b])).padStart(7);

// Cold tokens: a slice per round (and one for the warm-up), shared by the targets of that round: each
// server has its own guard, so a token another server saw is still new to it. Slack covers requests
// autocannon prepares but never sends.
const coldSettings = {
  ...settings,
  requests: settings.coldRequests,
  warmupRequests: Math.min(settings.warmupRequests, settings.coldRequests),
};
const perRound = coldSettings.requests + 4 * settings.connections;
const coldTokens = only === 'warm' ? 0 : (settings.rounds + 1) * perRound;

const children = [];
try {
  console.log(
    `# server CPU per request, us: ${settings.rounds} rounds of ${settings.requests} requests (cold: ${coldSettings.requests}) ` +
      `after ${settings.warmupRequests}, ${settings.connections} connections; medians [min to max] of the rounds`,
  );
  if (coldTokens > 0) console.log(`(signing ${coldTokens} cold tokens first)`);
  const keycloak = await startChild(SERVERS, 'keycloak', { coldTokens }, { startTimeoutMs: 600_000 });
  children.push(keycloak);
  const { url: keycloakUrl, token, audience } = keycloak.info;
  const startTargets = async (names) => {
    const targets = [];
    for (const name of names) {
      const server = await startChild(SERVERS, name, {
        keycloakUrl,
        audience,
        authorization: { cacheMaxAge: 3_600_000 },
      });
      children.push(server);
      targets.push({ name, url: server.info.url, server });
    }
    return targets;
  };
  if (only !== 'cold') await warm(await startTargets(warmNames()), token);
  if (only !== 'warm') await cold(await startTargets(coldNames()), keycloak.info.coldTokens);
} finally {
  await Promise.all(children.map((child) => child.close()));
}

function warmNames() {
  return Object.entries(FRAMEWORKS).flatMap(([framework, { open, noop }]) => [
    open,
    noop,
    ...GUARDS.map((guard) => `${framework} ${guard}`),
  ]);
}

function coldNames() {
  return [
    FRAMEWORKS.express.open,
    'express protect()',
    AUTH0,
    FRAMEWORKS.fastify.open,
    RULER,
    FLOOR,
    'fastify protect()',
  ];
}

async function warm(targets, token) {
  const header = `Bearer ${token}`;
  const results = await measureCpu(targets, () => header, settings);
  console.log('\n## warm token (verified once, then cached)');
  console.log(
    `${'target'.padEnd(36)} ${'CPU us/req'.padEnd(26)} ${'over no-op step'.padEnd(26)} ${'floor'.padStart(7)}`,
  );
  for (const [framework, { open, noop }] of Object.entries(FRAMEWORKS)) {
    console.log(`${open.padEnd(36)} ${spread(summary(results[open]))}`);
    console.log(
      `${noop.padEnd(36)} ${spread(summary(results[noop]))} ${`(${fixed(pairedExtra(results, noop, open).median)} over open)`.padEnd(26)} ${floorExtra(results, noop, open)}`,
    );
    for (const guard of GUARDS) {
      const name = `${framework} ${guard}`;
      const extra = pairedExtra(results, name, noop);
      const verdict = extra.median <= WARM_GOAL_US ? 'meets' : 'ABOVE';
      console.log(
        `${name.padEnd(36)} ${spread(summary(results[name]))} ${spread(extra)} ${floorExtra(results, name, noop)}  goal <= ${WARM_GOAL_US}: ${verdict}`,
      );
    }
  }
}

async function cold(targets, tokens) {
  const authorization = (round, i) => {
    if (i >= perRound) throw new Error(`round ${round} asked for more than ${perRound} cold tokens`);
    return `Bearer ${tokens[(round + 1) * perRound + i]}`;
  };
  const results = await measureCpu(targets, authorization, coldSettings);
  const verifyUs = targets.find((target) => target.name === RULER).server.info.verifyUs;
  console.log('\n## cold token (every request carries a token its server has not seen)');
  console.log(`${'target'.padEnd(36)} ${'CPU us/req'.padEnd(26)} ${'over open'.padEnd(26)} ${'floor'.padStart(7)}`);
  for (const { open } of Object.values(FRAMEWORKS)) {
    console.log(`${open.padEnd(36)} ${spread(summary(results[open]))}`);
    for (const name of Object.keys(results).filter(
      (target) => target !== open && target.startsWith(open.split(' ')[0]),
    )) {
      const extra = pairedExtra(results, name, open);
      const goal = name.endsWith('protect()')
        ? `  goal <= ${COLD_GOAL_US}: ${extra.median <= COLD_GOAL_US ? 'meets' : 'ABOVE'}`
        : '';
      console.log(
        `${name.padEnd(36)} ${spread(summary(results[name]))} ${spread(extra)} ${floorExtra(results, name, open)}${goal}`,
      );
    }
  }
  // The signature check alone, in the same server under the same load: what no verifier can go under. The guard's
  // extra over it is everything else a cold token costs (decoding, claims, cache, the guard's decision).
  const own = pairedExtra(results, 'fastify protect()', FLOOR);
  console.log(
    `fastify protect() over ${FLOOR}: ${spread(own)} floor ${floorExtra(results, 'fastify protect()', FLOOR)}` +
      ` (the signature check alone: ${fixed(pairedExtra(results, FLOOR, FRAMEWORKS.fastify.open).median)} over open)`,
  );
  // The ruler reads about what it costs in-process: the signature check's higher reading in the server is its own.
  console.log(
    `crypto.verify in a tight loop in the server's process: ${fixed(verifyUs)}; arithmetic of that cost as a step: ` +
      `${fixed(pairedExtra(results, RULER, FRAMEWORKS.fastify.open).median)} over open, floor ${floorExtra(results, RULER, FRAMEWORKS.fastify.open)}`,
  );
  const ratio = summary(results[AUTH0].map((value, round) => value / results['express protect()'][round]));
  console.log(
    `express-oauth2-jwt-bearer / ours, CPU per cold request: ${ratio.median.toFixed(2)}x [${ratio.min.toFixed(2)} to ${ratio.max.toFixed(2)}]` +
      `  goal >= 1: ${ratio.median >= 1 ? 'meets' : 'BELOW'}`,
  );
}
