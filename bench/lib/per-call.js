// Cost of one call of an async function, measured in-process: nanoseconds and heap bytes per call.
// Bytes are read from heapUsed around small batches after a forced GC; the median batch is kept (a GC
// inside a batch lowers its figure, a timer allocating meanwhile raises it).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { median } from './stats.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const BATCH = 100;

/** `{ nsPerCall, bytesPerCall }` of `fn` (awaited each call), over about `durationMs`. */
export async function perCall(fn, durationMs = 1000) {
  for (let i = 0; i < BATCH; i++) await fn(); // warm-up: JIT and caches
  const batches = [];
  for (let attempt = 0; attempt < 9; attempt++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < BATCH; i++) await fn();
    batches.push((process.memoryUsage().heapUsed - before) / BATCH);
  }
  const bytes = median(batches);
  let calls = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(durationMs) * 1_000_000n;
  while (process.hrtime.bigint() < end) {
    for (let i = 0; i < 500; i++) await fn();
    calls += 500;
  }
  const ns = Number(process.hrtime.bigint() - start) / calls;
  return { nsPerCall: ns, bytesPerCall: bytes };
}
