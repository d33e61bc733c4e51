import type { KeyObject } from 'node:crypto';
import { KeycloakInvalidTokenError } from '../errors.js';
import { entryMatches, importEntry, parseKeyEntries, type KeyEntry } from './key-entries.js';
import { carrier, resolvedOr } from '../shared/resolved.js';
import { resolveKeySetOptions, type RemoteKeySetOptions, type ResolvedKeySetOptions } from './key-set-options.js';
import type { KeycloakConnection } from '../http/connection.js';
import { cacheLookups, publishCacheLookup, realmOfPath } from '../shared/diagnostics.js';
import { requestJson, tokenConnection } from './request-json.js';

export type { RemoteKeySetOptions } from './key-set-options.js';

/** The header fields that select a key. */
export interface KeySelector {
  alg: string;
  kid?: string | undefined;
  /** Only keys whose own `alg` is `alg` match (the algorithm is accepted because the JWKS advertises it). */
  advertisedOnly?: boolean | undefined;
}

const MAX_JWKS_BYTES = 512 * 1024;
/**
 * After a failed fetch while no key was ever loaded, callers fail fast with that failure for this long (or the
 * cooldown, if shorter) instead of each starting a fetch: with a realm resolver, any client could otherwise make
 * the app ask Keycloak once per request during an outage. Short, so a Keycloak that comes back is used soon.
 */
const FIRST_LOAD_RETRY_MS = 5_000;

/**
 * A realm's JSON Web Key Set fetched over HTTP and cached, with jose's remote key set semantics: keys are
 * refetched after `cacheMaxAge`; a `kid` not in the set triggers a refetch at most once per
 * `cooldownDuration`; however many callers wait, one fetch is in flight. When a fetch fails, the last good
 * keys keep serving for `staleIfErrorDuration`. Only signature keys are kept (see `parseKeyEntries`).
 * One instance can be shared by several verifiers of the same realm.
 */
export class RemoteKeySet {
  readonly #jwksUri: string;
  readonly #cacheMaxAge: number;
  readonly #cooldownDuration: number;
  readonly #timeoutDuration: number;
  readonly #staleIfErrorDuration: number;
  readonly #connection: KeycloakConnection;
  readonly #now: () => number;
  #entries: KeyEntry[] | undefined;
  // Never, until keys load: `fresh` is then false by the clock alone.
  #fetchedAt = Number.NEGATIVE_INFINITY;
  #attemptedAt = Number.NEGATIVE_INFINITY;
  #lastError: KeycloakInvalidTokenError | undefined;
  #inFlight: Promise<void> | undefined;

  /** @throws TypeError naming the first invalid option. */
  constructor(options: RemoteKeySetOptions) {
    const resolved = resolvedOr(options, resolveKeySetOptions);
    this.#jwksUri = resolved.jwksUri;
    this.#cacheMaxAge = resolved.cacheMaxAge;
    this.#cooldownDuration = resolved.cooldownDuration;
    this.#timeoutDuration = resolved.timeoutDuration;
    this.#staleIfErrorDuration = resolved.staleIfErrorDuration;
    this.#connection = tokenConnection(resolved.jwksUri, resolved.dispatcher, MAX_JWKS_BYTES);
    this.#now = resolved.now;
  }

  /** The URL keys are fetched from. */
  get jwksUri(): string {
    return this.#jwksUri;
  }

  /** True while keys are loaded and within `cacheMaxAge` (stale keys served on error do not count). */
  get fresh(): boolean {
    return this.#now() - this.#fetchedAt < this.#cacheMaxAge;
  }

  /**
   * Returns the key that verifies a token with this `alg` and `kid`: a node `KeyObject`, imported once
   * per key set fetch (node:crypto's `verify` and jose's functions both take it).
   * @throws KeycloakInvalidTokenError `unknown_kid` when no key matches, even after a refetch allowed by
   *   the cooldown; `keycloak_unreachable`/`keycloak_error` when keys are needed and cannot be fetched.
   */
  async getKey(selector: KeySelector, options: { signal?: AbortSignal | undefined } = {}): Promise<KeyObject> {
    const fresh = this.fresh;
    await this.#ensureUsable(options.signal);
    let entry = this.#find(selector);
    // A hit: the key was there without waiting for a fetch.
    if (cacheLookups.hasSubscribers)
      publishCacheLookup('jwks', fresh && entry !== undefined, realmOfPath(this.#jwksUri));
    // Joining a fetch already in flight matters: its outcome decides between a bad kid and an outage.
    if (entry === undefined && (this.#inFlight !== undefined || this.#mayFetch())) {
      await this.#refresh(options.signal).catch(() => undefined);
      entry = this.#find(selector);
    }
    if (entry === undefined) {
      // After a failed fetch we cannot tell a rotated key from a forged kid: report Keycloak, not the token.
      if (this.#lastError !== undefined) throw this.#lastError;
      throw new KeycloakInvalidTokenError('No key in the realm JWKS matches the token kid and alg', 'unknown_kid');
    }
    const key = importEntry(entry);
    if (key === undefined) {
      throw new KeycloakInvalidTokenError('The matching JWKS key cannot be imported', 'unknown_kid');
    }
    return key;
  }

  /**
   * Whether a signature key of the set names `alg` as its algorithm. A miss refetches the set at most
   * once per cooldown, as an unknown `kid` does, so a realm that switched to a new algorithm is seen.
   * @throws KeycloakInvalidTokenError `keycloak_unreachable`/`keycloak_error` when keys are needed and cannot be fetched.
   */
  async advertises(alg: string, options: { signal?: AbortSignal | undefined } = {}): Promise<boolean> {
    await this.#ensureUsable(options.signal);
    // #ensureUsable returned: keys are loaded (fresh, refreshed, or stale within their grace).
    const named = (): boolean => (this.#entries as KeyEntry[]).some((entry) => entry.alg === alg);
    if (named() || (this.#inFlight === undefined && !this.#mayFetch())) return named();
    await this.#refresh(options.signal).catch(() => undefined);
    return named();
  }

  /**
   * {@link getKey} answered without waiting: the key when the set is fresh and holds exactly the key `getKey`
   * would return; undefined when only `getKey` can tell (keys to load or refresh, an unknown `kid`, a key that
   * does not import). Lets a verifier check a token it has not seen in the same tick, without a promise.
   */
  keyNow(selector: KeySelector): KeyObject | undefined {
    if (!this.fresh) return undefined;
    const entry = this.#find(selector);
    return entry === undefined ? undefined : importEntry(entry);
  }

  /** True when the set is fresh and a signature key names `alg`; false when only {@link advertises} can tell. */
  advertisesNow(alg: string): boolean {
    // fresh means loaded.
    return this.fresh && (this.#entries as KeyEntry[]).some((entry) => entry.alg === alg);
  }

  /** Fetches the keys now unless a fetch is already in flight, ignoring max age and cooldown. */
  async reload(options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    this.#attemptedAt = Number.NEGATIVE_INFINITY;
    await this.#refresh(options.signal);
  }

  async #ensureUsable(signal: AbortSignal | undefined): Promise<void> {
    if (this.fresh) return;
    if (this.#entries === undefined) {
      const retryAfter = Math.min(this.#cooldownDuration, FIRST_LOAD_RETRY_MS);
      if (this.#inFlight === undefined && this.#lastError !== undefined && this.#now() - this.#attemptedAt < retryAfter)
        throw this.#lastError;
      await this.#refresh(signal);
      return;
    }
    // Callers that arrive while a recovery fetch is in flight wait for it rather than fail on the expired keys.
    if (this.#inFlight !== undefined || this.#mayFetch()) await this.#refresh(signal).catch(() => undefined);
    if (this.#now() - this.#fetchedAt >= this.#cacheMaxAge + this.#staleIfErrorDuration) {
      throw (
        this.#lastError ??
        new KeycloakInvalidTokenError('The realm keys expired and cannot be refreshed', 'keycloak_unreachable')
      );
    }
  }

  #mayFetch(): boolean {
    return this.#now() - this.#attemptedAt >= this.#cooldownDuration;
  }

  #find({ alg, kid, advertisedOnly }: KeySelector): KeyEntry | undefined {
    let found: KeyEntry | undefined;
    // Called once keys are loaded (fresh, or after #ensureUsable).
    for (const entry of this.#entries as KeyEntry[]) {
      if (!entryMatches(entry, alg, kid, advertisedOnly)) continue;
      // With a kid, the first match; without one, guessing among several keys would let any of them vouch for the token.
      if (kid !== undefined) return entry;
      if (found !== undefined) return undefined;
      found = entry;
    }
    return found;
  }

  /** One fetch for all callers; each caller may stop waiting through its own signal without cancelling it. */
  #refresh(signal: AbortSignal | undefined): Promise<void> {
    this.#inFlight ??= this.#fetch().finally(() => {
      this.#inFlight = undefined;
    });
    return signal === undefined ? this.#inFlight : abortable(this.#inFlight, signal);
  }

  async #fetch(): Promise<void> {
    this.#attemptedAt = this.#now();
    try {
      const { status, body } = await requestJson(this.#connection, {
        url: this.#jwksUri,
        method: 'GET',
        timeoutDuration: this.#timeoutDuration,
        what: 'the realm JWKS',
      });
      const entries = parseKeyEntries(body);
      if (entries === undefined) {
        throw new KeycloakInvalidTokenError('The realm JWKS is not a JSON Web Key Set', 'keycloak_error', { status });
      }
      this.#entries = entries;
      this.#fetchedAt = this.#now();
      this.#lastError = undefined;
    } catch (error) {
      this.#lastError =
        error instanceof KeycloakInvalidTokenError
          ? error
          : new KeycloakInvalidTokenError('Fetching the realm JWKS failed', 'keycloak_unreachable', { cause: error });
      throw this.#lastError;
    }
  }
}

/**
 * Builds a key set from options core resolved already (a verifier's, the guard's): core's own way in, not
 * exported from the package, so the public constructor still checks every user's input.
 */
export function keySetFromResolved(options: ResolvedKeySetOptions): RemoteKeySet {
  return new RemoteKeySet(carrier<RemoteKeySetOptions, ResolvedKeySetOptions>(options));
}

/** Resolves like `promise` unless `signal` aborts first, in which case it rejects as unreachable. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  const aborted = (): KeycloakInvalidTokenError =>
    new KeycloakInvalidTokenError('Waiting for Keycloak was aborted', 'keycloak_unreachable', { cause: signal.reason });
  if (signal.aborted) {
    // Nobody else may be waiting on `promise`: its failure is recorded by the key set, not left unhandled.
    promise.catch(() => undefined);
    return Promise.reject(aborted());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
