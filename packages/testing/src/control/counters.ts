import type { EndpointName } from './endpoints.js';

/** Per-endpoint request counters. */
export class RequestCounters {
  readonly #counts = new Map<EndpointName, number>();

  /** Requests received by an endpoint since start or the last reset. */
  get(name: EndpointName): number {
    return this.#counts.get(name) ?? 0;
  }

  /** All non-zero counters. */
  snapshot(): Partial<Record<EndpointName, number>> {
    return Object.fromEntries(this.#counts);
  }

  /** Sets every counter back to zero. */
  reset(): void {
    this.#counts.clear();
  }

  /** @internal Counts one request. */
  increment(name: EndpointName): void {
    this.#counts.set(name, this.get(name) + 1);
  }
}
