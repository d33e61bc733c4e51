// Prints bench results: a table of targets, then paired ratios against targets' goals.
import { pairedRatios, summary } from './stats.js';

const fixed = (value, digits) => value.toFixed(digits);

/** One row per target: median req/s with its spread, and median server CPU per request. */
export function printTable({ results, loadShares }, settings) {
  console.log(
    `${settings.rounds} rounds x ${settings.roundMs} ms after a ${settings.warmupMs} ms warm-up, ${settings.connections} connections; medians [min-max]`,
  );
  console.log(
    `${'target'.padEnd(32)} ${'req/s'.padStart(8)} ${'spread'.padStart(15)} ${'server CPU us/req'.padStart(18)}`,
  );
  for (const [name, { rates, cpuPerRequest }] of Object.entries(results)) {
    const rate = summary(rates);
    const cpu = summary(cpuPerRequest);
    console.log(
      `${name.padEnd(32)} ${fixed(rate.median, 0).padStart(8)} ${`[${fixed(rate.min, 0)}-${fixed(rate.max, 0)}]`.padStart(15)} ${fixed(cpu.median, 1).padStart(18)}`,
    );
  }
  const share = summary(loadShares);
  console.log(
    `load generator CPU share: ${fixed(share.median, 2)} [${fixed(share.min, 2)}-${fixed(share.max, 2)}]` +
      (share.median > 0.9 ? ' (saturated: req/s ratios understate the cost; read the CPU ratio)' : ''),
  );
}

/**
 * Prints `a / b` for throughput (paired per round) and the same from server CPU per request (b's cost
 * over a's, i.e. the throughput ratio a CPU-bound server would show), each with its spread and the goal.
 * Returns the medians, `{ throughput, cpu }`.
 */
export function printRatio({ results }, a, b, goal) {
  const throughput = summary(pairedRatios(results[a].rates, results[b].rates));
  const cpu = summary(pairedRatios(results[b].cpuPerRequest, results[a].cpuPerRequest));
  const verdict = (value) => (value >= goal ? 'meets' : 'BELOW');
  console.log(`${a} / ${b}`);
  console.log(
    `  req/s ${fixed(throughput.median, 2)}x [${fixed(throughput.min, 2)}-${fixed(throughput.max, 2)}]` +
      `  cpu ${fixed(cpu.median, 2)}x [${fixed(cpu.min, 2)}-${fixed(cpu.max, 2)}]` +
      `  goal >= ${goal}x: ${verdict(throughput.median)} / ${verdict(cpu.median)}`,
  );
  return { throughput: throughput.median, cpu: cpu.median };
}
