import { createHash } from 'node:crypto';
import type { SharedStore } from '../store/shared-store.js';

/** What the guard does with a DPoP proof when the shared store cannot tell whether it was used before. */
import type { StoreDownPolicy } from '../store/store-option.js';

/** The answer of one replay check. */
export type ReplayVerdict = 'fresh' | 'replayed' | 'full' | 'store-down';

/** Where the replay check reports that it degraded; the guard's logger. */
export interface ReplayLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** A {@link SharedStore} that knows whether its shared tier answers (core's `TieredStore`). */
interface TierAware {
  readonly sharedAvailable?: boolean;
}

/**
 * Remembers each DPoP proof's `jti` until the proof is too old to be accepted, so a proof is used once
 * (RFC 9449 §11.1). The local set is bounded but never forgets an entry before its window ends: when it is
 * full of live entries a new proof is refused (`full`) rather than an old one evicted, since an evicted
 * `jti` could be replayed. With a shared `store` (Redis) a proof used at another instance is refused too,
 * through one atomic set-if-absent; the key is a digest of the key thumbprint and `jti`, never the proof.
 */
export class DpopReplayCache {
  readonly #seen = new Map<string, number>();
  readonly #max: number;
  readonly #store: SharedStore | undefined;
  readonly #storeDown: StoreDownPolicy;
  readonly #logger: ReplayLogger | undefined;
  #earliestExpiry = Number.POSITIVE_INFINITY;
  // Stryker disable next-line BooleanLiteral: every insertion resets it, and only insertions fill the set.
  #warnedFull = false;
  #warnedDown = false;

  constructor(
    max: number,
    store: SharedStore | undefined,
    storeDown: StoreDownPolicy,
    logger: ReplayLogger | undefined,
  ) {
    this.#max = max;
    this.#store = store;
    this.#storeDown = storeDown;
    this.#logger = logger;
  }

  /** Entries held, expired ones included until the next sweep. */
  get size(): number {
    return this.#seen.size;
  }

  /**
   * Records the proof of key `jkt` with `jti`, accepted until `acceptedUntil` (epoch ms, that millisecond
   * included: the last one the proof check takes the proof, so a replay then is one too), and says whether it is new.
   */
  async check(jkt: string, jti: string, acceptedUntil: number, now: number): Promise<ReplayVerdict> {
    const key = createHash('sha256').update(`${jkt}\n${jti}`).digest('base64url');
    if ((this.#seen.get(key) ?? Number.NEGATIVE_INFINITY) >= now) return 'replayed';
    // A full set is swept first; an expired entry of this very key goes with the sweep.
    if (this.#seen.size >= this.#max && !this.#sweptRoom(now)) return this.#full();
    this.#warnedFull = false;
    this.#seen.set(key, acceptedUntil);
    this.#earliestExpiry = Math.min(this.#earliestExpiry, acceptedUntil);
    return this.#store === undefined ? 'fresh' : this.#claimShared(key, Math.max(1, acceptedUntil - now + 1));
  }

  #full(): ReplayVerdict {
    if (!this.#warnedFull) {
      this.#warnedFull = true;
      this.#logger?.warn(
        { maxReplayEntries: this.#max },
        'keycloak guard: the DPoP replay cache is full of live proofs; new proofs are refused until some expire (raise dpop.maxReplayEntries)',
      );
    }
    return 'full';
  }

  async #claimShared(key: string, ttl: number): Promise<ReplayVerdict> {
    const store = this.#store as SharedStore & TierAware;
    let claimed: boolean;
    try {
      claimed = await store.claim(`dpop-jti:${key}`, '1', ttl);
    } catch (error) {
      return this.#down(error);
    }
    // A TieredStore answers for its local tier alone while the shared one is down.
    if (store.sharedAvailable === false) return this.#down(undefined);
    this.#warnedDown = false;
    if (typeof claimed !== 'boolean') return this.#down(new Error('the store answered a non-boolean claim'));
    return claimed ? 'fresh' : 'replayed';
  }

  #down(error: unknown): ReplayVerdict {
    if (!this.#warnedDown) {
      this.#warnedDown = true;
      this.#logger?.warn(
        {
          // Only a store can be down.
          store: (this.#store as SharedStore).kind,
          storeDown: this.#storeDown,
          cause: error instanceof Error ? error.message : error === undefined ? undefined : String(error),
        },
        this.#storeDown === 'fail-open'
          ? 'keycloak guard: the shared store is down; DPoP replay is checked per instance until it is back'
          : 'keycloak guard: the shared store is down; DPoP requests are refused (503) until it is back',
      );
    }
    return this.#storeDown === 'fail-open' ? 'fresh' : 'store-down';
  }

  /**
   * Drops the expired entries and says whether that made room. Walks the set only when an entry has expired
   * since the last walk.
   */
  #sweptRoom(now: number): boolean {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; a walk then would drop nothing.
    if (now <= this.#earliestExpiry) return false;
    let earliest = Number.POSITIVE_INFINITY;
    for (const [key, until] of this.#seen) {
      if (until < now) this.#seen.delete(key);
      else earliest = Math.min(earliest, until);
    }
    this.#earliestExpiry = earliest;
    // Not always room: a jti taken again after its window moved its entry later, past the expiry noted before.
    return this.#seen.size < this.#max;
  }
}
