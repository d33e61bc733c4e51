import { LRUCache } from 'lru-cache';

/**
 * One revocation, as Keycloak's callbacks carry it: a session (`sid`), a user (`sub`), or a realm's not-before
 * (every token issued before `at`). `at` is in epoch seconds of Keycloak's clock (the logout token's `iat`, the
 * admin action's `notBefore`), so it compares with the tokens' `iat` without any skew of ours.
 */
export interface RevocationEntry {
  kind: 'sid' | 'sub' | 'notBefore';
  /** The realm's issuer URL. */
  issuer: string;
  /** The session id or the subject; absent for `notBefore`. */
  value?: string;
  at: number;
}

interface Held {
  readonly at: number;
  /** Epoch ms after which every token of this session or user issued before `at` has expired. */
  readonly expiresAt: number;
}

/** The claims a revocation check reads. */
export interface RevocableClaims {
  iss?: unknown;
  sid?: unknown;
  sub?: unknown;
  iat?: unknown;
}

/**
 * This instance's view of the revocations: revoked sessions and users (bounded, each kept `maxTokenLifetime`)
 * and each realm's not-before. Read on every request, synchronously, so a warm request stays in its tick.
 */
export class RevocationList {
  readonly #entries: LRUCache<string, Held>;
  readonly #notBefore = new Map<string, number>();
  readonly #maxTokenLifetime: number;
  readonly #now: () => number;

  constructor(maxEntries: number, maxTokenLifetime: number, now: () => number, onEvict: () => void) {
    this.#maxTokenLifetime = maxTokenLifetime;
    this.#now = now;
    this.#entries = new LRUCache({
      max: maxEntries,
      dispose: (held, _key, reason) => {
        if (reason === 'evict' && held.expiresAt > this.#now()) onEvict();
      },
    });
  }

  /** Sessions and users held, expired ones included until they are next read or evicted. */
  get size(): number {
    return this.#entries.size;
  }

  /** Records `entry`; false when it adds nothing to what was held (a message heard twice). */
  apply(entry: RevocationEntry): boolean {
    if (entry.kind === 'notBefore') {
      if ((this.#notBefore.get(entry.issuer) ?? 0) >= entry.at) return false;
      this.#notBefore.set(entry.issuer, entry.at);
      return true;
    }
    const key = keyOf(entry.kind, entry.issuer, entry.value as string);
    const held = this.#entries.get(key);
    if (held !== undefined && held.at >= entry.at) return false;
    this.#entries.set(key, { at: entry.at, expiresAt: entry.at * 1000 + this.#maxTokenLifetime });
    return true;
  }

  /** The realm's not-before in epoch seconds (0: none): the token verifier refuses tokens issued before it. */
  notBefore(issuer: string): number {
    return this.#notBefore.get(issuer) ?? 0;
  }

  /**
   * True when the token's session or user was revoked at or after its `iat`. A logout revokes what was issued
   * in its own second too (`iat` has whole seconds): a token minted just before the logout must not survive it,
   * at the cost of a new login in that same second being refused until the next one.
   */
  revoked(claims: RevocableClaims): boolean {
    if (this.#entries.size === 0) return false;
    const { iss, sid, sub, iat } = claims;
    if (typeof iss !== 'string' || typeof iat !== 'number') return false;
    return (
      (typeof sid === 'string' && this.#revokedAfter(keyOf('sid', iss, sid), iat)) ||
      (typeof sub === 'string' && this.#revokedAfter(keyOf('sub', iss, sub), iat))
    );
  }

  /** What is held and still live, for a store that lost it. */
  entries(): RevocationEntry[] {
    const now = this.#now();
    const live: RevocationEntry[] = [];
    for (const [key, held] of this.#entries.entries()) {
      if (held.expiresAt <= now) continue;
      const [kind, issuer, value] = key.split('\n') as ['sid' | 'sub', string, string];
      live.push({ kind, issuer, value, at: held.at });
    }
    for (const [issuer, at] of this.#notBefore) live.push({ kind: 'notBefore', issuer, at });
    return live;
  }

  #revokedAfter(key: string, iat: number): boolean {
    const held = this.#entries.get(key);
    if (held === undefined) return false;
    if (held.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return false;
    }
    return iat <= held.at;
  }
}

// A newline cannot occur in an issuer URL, and splits the key back for entries().
function keyOf(kind: 'sid' | 'sub', issuer: string, value: string): string {
  return `${kind}\n${issuer}\n${value}`;
}

/** The wire form of an entry (store member and channel message); compact, holds no token. */
export function encodeEntry(entry: RevocationEntry): string {
  return JSON.stringify(
    entry.kind === 'notBefore'
      ? { k: entry.kind, i: entry.issuer, at: entry.at }
      : { k: entry.kind, i: entry.issuer, v: entry.value, at: entry.at },
  );
}

/** Reads an entry back; undefined for anything that is not one (another writer on the channel, garbage). */
export function decodeEntry(text: unknown): RevocationEntry | undefined {
  if (typeof text !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const { k, i, v, at } = value as Record<string, unknown>;
  if (typeof i !== 'string' || i === '' || i.includes('\n')) return undefined;
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) return undefined;
  if (k === 'notBefore') return { kind: k, issuer: i, at };
  if ((k === 'sid' || k === 'sub') && typeof v === 'string' && v !== '') return { kind: k, issuer: i, value: v, at };
  return undefined;
}
