/**
 * Introspection answers shared by the instances of an API through a {@link SharedStore} (Redis behind a
 * TieredStore), as UMA decisions are: one instance asks Keycloak, the others read its answer. A key is a SHA-256
 * of the token (a raw token never leaves the process); a value is the answer Keycloak gave (the claims the local
 * cache holds already, nothing more) and the time it may be used until.
 */
import { createHash } from 'node:crypto';
import { parseJsonOrUndefined } from '../../shared/json.js';
import type { SharedStore } from '../../store/shared-store.js';

/**
 * How long an inactive answer is shared: a revoked or expired token stays so, and a client replaying one over
 * many instances should cost Keycloak one call; short all the same, as that answer carries no `exp` to bound it.
 */
export const INACTIVE_SHARE_DURATION = 5_000;

/** An answer read back: the active answer's claims, or `inactive`. */
export type SharedAnswer = Record<string, unknown> | 'inactive';

/** Reads and writes a realm's answers; a store that fails or answers garbage is a store that does not know. */
export class SharedAnswers {
  readonly #store: SharedStore;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(store: SharedStore, prefix: string, now: () => number) {
    this.#store = store;
    this.#prefix = prefix;
    this.#now = now;
  }

  /** The answer another instance stored for `token` and that is still usable, with its end; else undefined. */
  async read(token: string): Promise<{ answer: SharedAnswer; until: number } | undefined> {
    let text: string | undefined;
    try {
      text = await this.#store.get(this.#key(token));
    } catch {
      return undefined;
    }
    const value = typeof text === 'string' ? parseJsonOrUndefined(text) : undefined;
    if (!isObject(value) || typeof value.until !== 'number' || !(value.until > this.#now())) return undefined;
    const { answer, until } = value;
    if (!isObject(answer) || typeof answer.active !== 'boolean') return undefined;
    return { answer: answer.active ? answer : 'inactive', until };
  }

  /** Stores Keycloak's answer until `until` (epoch ms); nothing when that is already past. */
  async write(token: string, answer: SharedAnswer, until: number): Promise<void> {
    const ttl = until - this.#now();
    if (ttl < 1) return;
    const value = JSON.stringify({ until, answer: answer === 'inactive' ? { active: false } : answer });
    try {
      await this.#store.set(this.#key(token), value, ttl);
    } catch {
      // Kept locally all the same; the other instances will ask Keycloak themselves.
    }
  }

  #key(token: string): string {
    return this.#prefix + createHash('sha256').update(token).digest('base64url');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
