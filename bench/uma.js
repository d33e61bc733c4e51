// Throughput of one route unprotected vs protect('orders:read') and vs a policy-enforcer route asking the
// same permission, with a warm UMA decision cache, on Express and on Fastify: after the first request,
// every decision is a cache hit, so this measures the guard's own cost (token verification + cache
// lookup), not Keycloak. Run after `pnpm build`: node bench/uma.js (BENCH_ROUNDS, BENCH_ROUND_MS,
// BENCH_WARMUP_MS, BENCH_CONNECTIONS adjust the run; BENCH_ONLY=express|fastify keeps one framework;
// BENCH_CPU_PROF=<dir> writes a --cpu-prof of every server child). Servers run in child processes,
// rounds alternate the targets and ratios are paired per round (see lib/compare.js). No pass/fail:
// machines are noisy. Goal (issue 5): protected >= 0.8x unprotected. The 1,000-concurrent-first-requests
// count (one UMA call, one JWKS fetch) is a test, packages/fastify/test/uma-concurrency.test.ts, not a figure.
import { startChild } from './lib/children.js';
import { measureRounds, roundSettings } from './lib/compare.js';
import { printRatio, printTable } from './lib/report.js';

const SERVERS = new URL('./uma/servers.js', import.meta.url).href;
const PAIRS = [
  ["express protect('orders:read')", 'express unprotected'],
  ['express protect({ config })', 'express unprotected'],
  ["fastify protect('orders:read')", 'fastify unprotected'],
  ['fastify protect({ config })', 'fastify unprotected'],
];
const only = process.env.BENCH_ONLY;
const pairs = only === undefined ? PAIRS : PAIRS.filter(([name]) => name.startsWith(`${only} `));
if (pairs.length === 0) throw new Error(`BENCH_ONLY=${only} matches no target (express, fastify)`);
const names = [...new Set(pairs.flat())];
const settings = roundSettings();
const profileDir = process.env.BENCH_CPU_PROF;

const children = [];
try {
  const keycloak = await startChild(SERVERS, 'keycloak');
  children.push(keycloak);
  const { url: keycloakUrl, token, deniedToken } = keycloak.info;
  const targets = [];
  for (const name of names) {
    const execArgv =
      profileDir === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name.replace(/\W+/g, '-')}.cpuprofile`];
    const server = await startChild(SERVERS, name, { keycloakUrl }, { execArgv });
    children.push(server);
    targets.push({ name, url: server.info.url, server });
  }
  const headers = { authorization: `Bearer ${token}` };
  for (const target of targets) await sanityCheck(target, headers, deniedToken);

  const measured = await measureRounds(targets, { headers, ...settings });
  printTable(measured, settings);
  console.log('');
  for (const [protectedName, unprotectedName] of pairs) printRatio(measured, protectedName, unprotectedName, 0.8);
} finally {
  await Promise.all(children.map((child) => child.close()));
}

// A guard that lets everything through would bench like an unprotected route: prove each one decides.
// The allowed request also warms the decision cache before the warm-up rounds.
async function sanityCheck({ name, url }, headers, deniedToken) {
  const status = async (init) => (await fetch(url, { ...init, signal: AbortSignal.timeout(5000) })).status;
  const open = name.endsWith('unprotected');
  const expected = [200, open ? 200 : 401, open ? 200 : 403];
  const got = [
    await status({ headers }),
    await status({}),
    await status({ headers: { authorization: `Bearer ${deniedToken}` } }),
  ];
  if (got.join() !== expected.join())
    throw new Error(`${name} answered ${got.join('/')} (token/none/denied), not ${expected.join('/')}`);
}
