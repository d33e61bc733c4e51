/**
 * A value fetched once and shared: the first caller starts the fetch, later callers wait for the same
 * promise, a failure is not cached (the next caller tries again). Each caller may stop waiting with its
 * own signal without cancelling the fetch others wait for.
 */
import { KeycloakConnectionError } from '../errors.js';

export class SharedFetch<T> {
  readonly #fetch: () => Promise<T>;
  #value: Promise<T> | undefined;

  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  /** The cached value, fetching it when absent. */
  get(signal?: AbortSignal): Promise<T> {
    if (this.#value === undefined) {
      const pending = this.#fetch();
      this.#value = pending;
      pending.catch(() => {
        if (this.#value === pending) this.#value = undefined;
      });
    }
    return raceSignal(this.#value, signal);
  }

  /** Replaces the cached value (e.g. after an explicit refetch). */
  set(value: T): void {
    this.#value = Promise.resolve(value);
  }
}

/** Settles with `promise`, or rejects with ERR_ABORTED as soon as `signal` fires. */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  const aborted = (): KeycloakConnectionError =>
    new KeycloakConnectionError('The call was aborted', { code: 'ERR_ABORTED', cause: signal.reason });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
