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
  /** The whole token string: a hit needs it equal, not just the key. */
  raw: string;
  token: VerifiedToken<C>;
  /** Epoch ms after which the entry is dropped. */
  until: number;
}

/**
 * Characters of the token's tail used as the map key. Hashing a whole ~1 KB token on every request
 * costs more than the rest of a cache hit (each request brings a fresh string, so V8 has no hash
 * cached); the tail of a JWS is its signature, 240 random bits here, and a hit still needs the whole
 * string equal, so a forged token sharing a tail is only a miss.
 */
const KEY_LENGTH = 40;

/** The map key of a token: its signature's tail (a sliced string, not a copy), or a short token whole. */
function keyOf(token: string): string {
  // Stryker disable next-line all: any key of the token is correct (a hit compares the whole string); this one is cheap.
  return token.length > 2 * KEY_LENGTH ? token.slice(-KEY_LENGTH) : token;
}

/**
 * Results keyed by the token string (through {@link keyOf}). Expiry is kept in the entry and compared with the injected clock
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
    const key = keyOf(token);
    const entry = this.#lru.get(key);
    if (entry === undefined || entry.raw !== token) return undefined;
    if (now < entry.until) return entry.token;
    this.#lru.delete(key);
    return undefined;
  }

  /**
   * Stores a result until the earliest of `now + maxAge`, the token's expiry and `notAfter` (the end another
   * instance gave an answer it shared).
   */
  set(token: string, verified: VerifiedToken<C>, now: number, notAfter = Number.POSITIVE_INFINITY): void {
    const until = Math.min(now + this.#maxAge, verified.expiresAt, notAfter);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: an entry stored already past its end is never read (get needs now < until).
    if (until > now) this.#lru.set(keyOf(token), { raw: token, token: verified, until });
  }

  /** Drops one token, e.g. after a logout event. */
  delete(token: string): void {
    const key = keyOf(token);
    if (this.#lru.peek(key)?.raw === token) this.#lru.delete(key);
  }

  /** Entries currently held. */
  get size(): number {
    return this.#lru.size;
  }
}
