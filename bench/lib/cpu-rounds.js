// CPU time per request in a server process: the server's own `process.cpuUsage()` (asked over IPC, see
// ./children.js) around a fixed number of requests sent by autocannon in this process. Unlike req/s,
// which on a shared 2-core machine moves with whatever else runs, the CPU a request costs the server
// moves little: it is the figure that can see a few microseconds. Rounds alternate the targets' order
// (forward, backward) and differences are paired within a round.
import autocannon from 'autocannon';
import { summary } from './stats.js';

/** Run-size knobs; each may be set by an environment variable and is bounded so a run stays short. */
export function cpuSettings(env = process.env) {
  return {
    rounds: bounded(env.BENCH_ROUNDS, 6, 1, 20),
    requests: bounded(env.BENCH_REQUESTS, 2000, 100, 100_000),
    // Each cold request needs a token of its own, signed before the run (about 1 ms of CPU apiece).
    coldRequests: bounded(env.BENCH_COLD_REQUESTS, 1000, 100, 100_000),
    warmupRequests: bounded(env.BENCH_WARMUP_REQUESTS, 2000, 0, 100_000),
    connections: bounded(env.BENCH_CONNECTIONS, 10, 1, 100),
  };
}

function bounded(raw, fallback, min, max) {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`bench setting ${raw} must be an integer in [${min}, ${max}]`);
  return value;
}

/**
 * Measures `targets` (`{ name, url, server }`, `server` a child from startChild). `authorization(round, i)`
 * gives the Authorization header of request `i` of a round (round -1 is the warm-up): one token for a warm
 * run, a token per request for a cold one. Returns `{ [name]: number[] }`, server CPU microseconds per
 * request, one entry per round.
 */
export async function measureCpu(targets, authorization, { rounds, requests, warmupRequests, connections }) {
  for (const target of targets) assertLoopback(target.url);
  if (warmupRequests > 0) {
    for (const target of targets) await send(target, warmupRequests, connections, (i) => authorization(-1, i));
  }
  const results = Object.fromEntries(targets.map((target) => [target.name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const before = await target.server.cpuUsage();
      const sent = await send(target, requests, connections, (i) => authorization(round, i));
      const after = await target.server.cpuUsage();
      results[target.name].push((after.user + after.system - before.user - before.system) / sent);
    }
  }
  return results;
}

/** Sends exactly `amount` GET requests (each with its own Authorization header) and checks every answer. */
async function send(target, amount, connections, header) {
  let next = 0;
  const result = await autocannon({
    url: target.url,
    connections,
    amount,
    requests: [
      { setupRequest: (request) => ({ ...request, headers: { ...request.headers, authorization: header(next++) } }) },
    ],
  });
  if (result.errors > 0 || result.non2xx > 0 || result.requests.total !== amount) {
    throw new Error(
      `${target.name}: ${result.requests.total} of ${amount} requests, ${result.non2xx} non-2xx, ${result.errors} errors`,
    );
  }
  return amount;
}

/** `{ median, min, max }` of `a - b`, paired per round: the extra CPU microseconds `a` costs over `b`. */
export function pairedExtra(results, a, b) {
  return summary(results[a].map((value, round) => value - results[b][round]));
}

function assertLoopback(url) {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1' && hostname !== '[::1]')
    throw new Error(`bench targets must be on loopback, not ${url}`);
}
