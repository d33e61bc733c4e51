/** The time source of the server: tokens' iat/exp and session expiry read it. */
export interface Clock {
  /** Current time in milliseconds since the epoch. */
  now(): number;
}

/** A clock tests can move. It starts at the wall time and then only moves when told. */
export class TestClock implements Clock {
  #offsetMs = 0;
  #frozenAtMs: number | undefined;

  /** `base` supplies the underlying time (default Date.now); `frozen` stops it from moving by itself. */
  constructor(
    private readonly base: Clock = { now: () => Date.now() },
    frozen = false,
  ) {
    if (frozen) this.#frozenAtMs = base.now();
  }

  /** Current time in ms. */
  now(): number {
    return (this.#frozenAtMs ?? this.base.now()) + this.#offsetMs;
  }

  /** Moves time forward by `ms` (negative moves it back). */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new TypeError('advance(ms): ms must be a finite number');
    this.#offsetMs += ms;
  }

  /** Sets the current time to `ms` since the epoch. */
  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new TypeError('set(ms): ms must be a finite number');
    this.#offsetMs = ms - (this.#frozenAtMs ?? this.base.now());
  }
}
