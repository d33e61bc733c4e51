import { LRUCache } from 'lru-cache';
import type { KeycloakAccessTokenClaims } from './claims.js';
import type { VerifiedToken } from './verified-token.js';

/** Options of a verified-token or introspection cache. */
export interface TokenCacheOptions {
  /** Most tokens kept; the least recently used goes first. */
  maxEntries?: number;
  /** Longest time, in ms, an entry is trusted without asking again; never past the token's `exp`. */
  maxAge?: number;
}

interface Entry<C extends KeycloakAccessTokenClaims> {
  token: VerifiedToken<C>;
  /** Epoch ms after which the entry is dropped. */
  until: number;
}

/**
 * Results keyed by the token string. Expiry is kept in the entry and compared with the injected clock
 * (lru-cache's own TTL would follow the real clock). Failures are never stored: a bad token costs a
 * verification each time, exactly as without a cache.
 */
export class TokenCache<C extends KeycloakAccessTokenClaims> {
  readonly #lru: LRUCache<string, Entry<C>>;
  readonly #maxAge: number;

  constructor(maxEntries: number, maxAge: number) {
    this.#lru = new LRUCache({ max: maxEntries });
    this.#maxAge = maxAge;
  }

  /** The cached result, or undefined when absent or past its time (the stale entry is dropped). */
  get(token: string, now: number): VerifiedToken<C> | undefined {
    const entry = this.#lru.get(token);
    if (entry === undefined) return undefined;
    if (now < entry.until) return entry.token;
    this.#lru.delete(token);
    return undefined;
  }

  /** Stores a result until the earlier of `now + maxAge` and the token's expiry. */
  set(token: string, verified: VerifiedToken<C>, now: number): void {
    const until = Math.min(now + this.#maxAge, verified.expiresAt);
    if (until > now) this.#lru.set(token, { token: verified, until });
  }

  /** Drops one token, e.g. after a logout event. */
  delete(token: string): void {
    this.#lru.delete(token);
  }

  /** Entries currently held. */
  get size(): number {
    return this.#lru.size;
  }
}
