// Throughput of one route unprotected vs protect() vs protect({ roles }), on Express and on Fastify,
// and keycloak-connect (bearer-only, protect('realm:user')) on the same Express route and token.
// Run after `pnpm build`: node bench/guards.js (BENCH_ROUNDS, BENCH_ROUND_MS, BENCH_WARMUP_MS,
// BENCH_CONNECTIONS adjust the run; BENCH_ONLY=express|fastify keeps one framework, so compared runs sit
// closer in time; BENCH_CPU_PROF=<dir> writes a --cpu-prof of every server child).
// Each server runs in its own process, the Keycloak test server in another, autocannon here; rounds
// alternate the targets and ratios are paired per round. No pass/fail: machines are noisy.
// Goals (issue 4): Fastify protected >= 0.85x unprotected, Express >= 0.95x, ours >= 2x keycloak-connect.
import { startChild } from './lib/children.js';
import { measureRounds, roundSettings } from './lib/compare.js';
import { printRatio, printTable } from './lib/report.js';

const SERVERS = new URL('./guards/servers.js', import.meta.url).href;
const NAMES = [
  'express unprotected',
  'express no-op middleware',
  'express protect()',
  'express protect({ roles })',
  'express keycloak-connect',
  'fastify unprotected',
  'fastify no-op preHandler',
  'fastify protect()',
  'fastify protect({ roles })',
];
const only = process.env.BENCH_ONLY;
const names = only === undefined ? NAMES : NAMES.filter((name) => name.startsWith(`${only} `));
if (names.length === 0) throw new Error(`BENCH_ONLY=${only} matches no target (express, fastify)`);
const settings = roundSettings();
const profileDir = process.env.BENCH_CPU_PROF;

const children = [];
try {
  const keycloak = await startChild(SERVERS, 'keycloak');
  children.push(keycloak);
  const { url: keycloakUrl, token } = keycloak.info;
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
  for (const target of targets) await sanityCheck(target, headers);

  const measured = await measureRounds(targets, { headers, ...settings });
  printTable(measured, settings);
  console.log('');
  const ratios = [
    ['express protect()', 'express unprotected', 0.95],
    ['express protect({ roles })', 'express unprotected', 0.95],
    ['fastify protect()', 'fastify unprotected', 0.85],
    ['fastify protect({ roles })', 'fastify unprotected', 0.85],
    ['express protect({ roles })', 'express keycloak-connect', 2],
    // The guard alone: against a middleware / hook that does nothing, the framework's price of one more.
    ['express protect({ roles })', 'express no-op middleware', 0.95],
    ['fastify protect({ roles })', 'fastify no-op preHandler', 0.85],
  ];
  for (const [a, b, goal] of ratios) {
    if (names.includes(a) && names.includes(b)) printRatio(measured, a, b, goal);
  }
} finally {
  await Promise.all(children.map((child) => child.close()));
}

// A guard that lets everything through would bench like an unprotected route: prove each one refuses.
async function sanityCheck({ name, url }, headers) {
  const allowed = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  if (allowed.status !== 200) throw new Error(`${name} answered ${allowed.status} to the bench token`);
  const anonymous = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const expected =
    name.endsWith('unprotected') || name.includes('no-op') ? 200 : name.endsWith('keycloak-connect') ? 403 : 401;
  if (anonymous.status !== expected)
    throw new Error(`${name} answered ${anonymous.status} without a token, not ${expected}`);
}
