import type { EndpointName } from './endpoints.js';

/** A failure to answer with instead of the real response. */
export type Fault =
  | { kind: 'status'; status: number; body?: string | object; times?: number }
  | { kind: 'hang'; times?: number }
  | { kind: 'reset'; times?: number };

/** Fault injection per endpoint: the next requests (all, or `times` of them) fail as told. */
export class FaultInjector {
  readonly #faults = new Map<EndpointName, { fault: Fault; remaining: number }>();
  readonly #onClear: (endpoint?: EndpointName) => void;

  /** @internal `onClear` releases requests held by a hang. */
  constructor(onClear: (endpoint?: EndpointName) => void) {
    this.#onClear = onClear;
  }

  /** Makes `endpoint` fail with `fault` (for `fault.times` requests, or until cleared). */
  inject(endpoint: EndpointName, fault: Fault): void {
    if (fault.kind === 'status' && (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)) {
      throw new TypeError('fault.status must be an HTTP status code (100-599)');
    }
    const times = fault.times ?? Infinity;
    if (!(times > 0)) throw new TypeError('fault.times must be a positive number');
    this.#faults.set(endpoint, { fault, remaining: times });
  }

  /** Removes the fault of one endpoint (or all) and ends requests a hang holds. */
  clear(endpoint?: EndpointName): void {
    if (endpoint) this.#faults.delete(endpoint);
    else this.#faults.clear();
    this.#onClear(endpoint);
  }

  /** @internal The fault to apply to one request to `endpoint`, consuming one use. */
  take(endpoint: EndpointName): Fault | undefined {
    const entry = this.#faults.get(endpoint);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#faults.delete(endpoint);
    return entry.fault;
  }
}
