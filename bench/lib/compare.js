// Measures several HTTP targets (each served by its own child process, see ./children.js) with
// autocannon in this process: a warm-up, then short rounds in which every target runs once, the order
// alternating forward/backward so drift and noise hit all targets alike. Ratios are then taken within a
// round (paired), and their median and spread reported; absolute req/s on a shared machine mean little.
import autocannon from 'autocannon';

/** Run-size knobs; each may be set by an environment variable and is bounded so a run stays short. */
export function roundSettings(env = process.env) {
  return {
    rounds: bounded(env.BENCH_ROUNDS, 8, 1, 20),
    roundMs: bounded(env.BENCH_ROUND_MS, 2000, 500, 30_000),
    warmupMs: bounded(env.BENCH_WARMUP_MS, 2000, 0, 30_000),
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
 * Runs the rounds. `targets` is a list of `{ name, url, server }`, `server` being a child from
 * startChild (for its CPU time). Returns, per target name, `{ rates, cpuPerRequest }`: req/s and server
 * CPU microseconds per request, one entry per round; and `loadGenerator`: this process's CPU share
 * during the rounds (near 1 means autocannon, not the server, was the bottleneck).
 */
export async function measureRounds(targets, { headers = {}, rounds, roundMs, warmupMs, connections }) {
  for (const target of targets) assertLoopback(target.url);
  if (warmupMs > 0) {
    for (const target of targets) await load(target, headers, connections, warmupMs);
  }
  const results = Object.fromEntries(targets.map((target) => [target.name, { rates: [], cpuPerRequest: [] }]));
  const loadShares = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const before = await target.server.cpuUsage();
      const ownBefore = process.cpuUsage();
      const started = performance.now();
      const { requests, seconds } = await load(target, headers, connections, roundMs);
      const wallMs = performance.now() - started;
      const own = process.cpuUsage(ownBefore);
      const after = await target.server.cpuUsage();
      const serverCpu = after.user + after.system - before.user - before.system;
      results[target.name].rates.push(requests / seconds);
      results[target.name].cpuPerRequest.push(serverCpu / requests);
      loadShares.push((own.user + own.system) / 1000 / wallMs);
    }
  }
  return { results, loadShares };
}

async function load(target, headers, connections, durationMs) {
  const result = await autocannon({ url: target.url, connections, duration: durationMs / 1000, headers });
  if (result.errors > 0 || result.non2xx > 0 || result.requests.total === 0) {
    throw new Error(
      `${target.name}: ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors`,
    );
  }
  return { requests: result.requests.total, seconds: result.duration };
}

function assertLoopback(url) {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1' && hostname !== '[::1]')
    throw new Error(`bench targets must be on loopback, not ${url}`);
}
