import { KeycloakInvalidTokenError } from '../errors.js';
import type { KeycloakConnection } from '../http/connection.js';
import { requestJson, tokenConnection } from '../jwks/request-json.js';
import { cacheLookups, publishCacheLookup, realmOfPath } from '../shared/diagnostics.js';
import { abortable } from '../jwks/remote-key-set.js';
import { carrier, resolvedOr } from '../shared/resolved.js';
import type { KeycloakAccessTokenClaims } from './claims.js';
import { invalidToken } from './internal/fail.js';
import { INACTIVE_SHARE_DURATION, SharedAnswers, type SharedAnswer } from './internal/shared-answers.js';
import { checkTimes, validateClaims } from './internal/validate-claims.js';
import {
  resolveIntrospectorOptions,
  type ResolvedIntrospectorOptions,
  type TokenIntrospectorOptions,
} from './introspector-options.js';
import { TokenCache } from './token-cache.js';
import { VerifiedToken } from './verified-token.js';

export type { TokenIntrospectorOptions } from './introspector-options.js';

/** Counters of an introspector, for metrics and tests. */
export interface TokenIntrospectorStats {
  /** Introspections answered from the cache of active answers. */
  cacheHits: number;
  /** Introspection requests sent to Keycloak (successful or not). */
  introspections: number;
  /** Calls that waited for an identical introspection already in flight instead of sending their own. */
  coalesced: number;
  /** Active answers currently cached. */
  cachedTokens: number;
  /** Answers another instance had asked Keycloak for, read from the shared `store` (active or not). */
  sharedHits: number;
}

const MAX_ANSWER_BYTES = 256 * 1024;

/**
 * Asks Keycloak whether a token is active (RFC 7662), for opaque or lightweight tokens or when revocation
 * must be seen at once. Active answers are cached; identical concurrent questions share one request; with a
 * `store`, answers are shared with the other instances of the API.
 */
export class TokenIntrospector<C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims> {
  readonly #options: ResolvedIntrospectorOptions;
  readonly #authorization: string;
  readonly #cache: TokenCache<C> | undefined;
  readonly #shared: SharedAnswers | undefined;
  readonly #inFlight = new Map<string, Promise<VerifiedToken<C>>>();
  readonly #connection: KeycloakConnection;
  #cacheHits = 0;
  #introspections = 0;
  #coalesced = 0;
  #sharedHits = 0;

  /** @throws TypeError naming the first invalid option. */
  constructor(options: TokenIntrospectorOptions) {
    this.#options = resolvedOr(options, resolveIntrospectorOptions);
    const { clientId, clientSecret, cache, store, storePrefix, endpoint, dispatcher, now } = this.#options;
    // RFC 6749 §2.3.1: both parts form-encoded before base64; Keycloak decodes them.
    const credentials = `${formEncode(clientId)}:${formEncode(clientSecret)}`;
    this.#authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    this.#cache = cache === undefined ? undefined : new TokenCache<C>(cache.maxEntries, cache.maxAge);
    // Sharing follows the cache: an introspector told to ask every time does not read another instance's answer.
    this.#shared = cache === undefined || store === undefined ? undefined : new SharedAnswers(store, storePrefix, now);
    this.#connection = tokenConnection(endpoint, dispatcher, MAX_ANSWER_BYTES);
  }

  /** Counters since construction. */
  get stats(): TokenIntrospectorStats {
    return {
      cacheHits: this.#cacheHits,
      introspections: this.#introspections,
      coalesced: this.#coalesced,
      cachedTokens: this.#cache?.size ?? 0,
      sharedHits: this.#sharedHits,
    };
  }

  /**
   * Returns the token's claims when Keycloak says it is active.
   * @throws KeycloakInvalidTokenError `revoked` when inactive, `wrong_token_type` for a refresh or ID
   *   token, `keycloak_unreachable`/`keycloak_error` when Keycloak cannot answer.
   */
  async introspect(token: string, options: { signal?: AbortSignal } = {}): Promise<VerifiedToken<C>> {
    const { maxTokenSize, rules, now } = this.#options;
    if (typeof token !== 'string' || token === '')
      throw invalidToken('malformed', 'The token is not a non-empty string');
    if (token.length > maxTokenSize) throw invalidToken('malformed', `The token is longer than ${maxTokenSize} bytes`);
    const cached = this.#cache?.get(token, now());
    if (this.#cache !== undefined && cacheLookups.hasSubscribers)
      publishCacheLookup('introspection', cached !== undefined, realmOfPath(this.#options.endpoint));
    if (cached !== undefined) {
      const { exp, iat, nbf } = cached.claims;
      checkTimes(exp, iat, nbf, rules, now());
      this.#cacheHits++;
      return cached;
    }
    let shared = this.#inFlight.get(token);
    if (shared === undefined) {
      shared = this.#answer(token).finally(() => this.#inFlight.delete(token));
      this.#inFlight.set(token, shared);
    } else {
      this.#coalesced++;
    }
    return options.signal === undefined ? shared : abortable(shared, options.signal);
  }

  /** Drops a token from the cache. */
  forget(token: string): void {
    this.#cache?.delete(token);
  }

  /** Another instance's answer when the store has a usable one, else Keycloak's (then shared). */
  async #answer(token: string): Promise<VerifiedToken<C>> {
    const stored = await this.#shared?.read(token);
    const reused = stored === undefined ? undefined : this.#reuse(token, stored.answer, stored.until);
    if (reused !== undefined) return reused;
    this.#introspections++;
    return this.#ask(token);
  }

  /**
   * A stored answer judged by this instance's own rules, as a fresh one would be. One that does not pass them is
   * not what an instance of this realm wrote (a garbled or foreign value): a miss, and Keycloak is asked.
   */
  #reuse(token: string, answer: SharedAnswer, until: number): VerifiedToken<C> | undefined {
    if (answer === 'inactive') {
      this.#sharedHits++;
      throw inactive();
    }
    let verified: VerifiedToken<C>;
    try {
      verified = this.#accept(answer);
    } catch {
      return undefined;
    }
    this.#sharedHits++;
    this.#cache?.set(token, verified, this.#options.now(), until);
    return verified;
  }

  async #ask(token: string): Promise<VerifiedToken<C>> {
    const { endpoint, timeoutDuration, now, cache } = this.#options;
    const { body } = await requestJson(this.#connection, {
      url: endpoint,
      method: 'POST',
      headers: { authorization: this.#authorization },
      form: new URLSearchParams({ token, token_type_hint: 'access_token' }),
      timeoutDuration,
      what: 'the token introspection',
    });
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new KeycloakInvalidTokenError('The introspection answer is not a JSON object', 'keycloak_error');
    }
    const answer = body as Record<string, unknown>;
    const maxAge = cache?.maxAge ?? 0;
    if (!Object.hasOwn(answer, 'active') || answer.active !== true) {
      await this.#shared?.write(token, 'inactive', now() + Math.min(maxAge, INACTIVE_SHARE_DURATION));
      throw inactive();
    }
    const verified = this.#accept(answer);
    const at = now();
    this.#cache?.set(token, verified, at);
    await this.#shared?.write(token, answer, Math.min(at + maxAge, verified.expiresAt));
    return verified;
  }

  /** The checks of an active answer: Keycloak's access-token profile and the configured rules. */
  #accept(answer: Record<string, unknown>): VerifiedToken<C> {
    const { rules, now } = this.#options;
    validateClaims(answer, { ...rules, issuers: Object.hasOwn(answer, 'iss') ? rules.issuers : undefined }, now());
    return new VerifiedToken<C>(answer as C);
  }
}

/**
 * Builds an introspector from options core resolved already (the guard's, validated at its edge): core's own
 * way in, not exported from the package, so the public constructor still checks every user's input.
 */
export function introspectorFromResolved<C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims>(
  options: ResolvedIntrospectorOptions,
): TokenIntrospector<C> {
  return new TokenIntrospector<C>(carrier<TokenIntrospectorOptions, ResolvedIntrospectorOptions>(options));
}

function inactive(): KeycloakInvalidTokenError {
  return invalidToken('revoked', 'Keycloak reports the token inactive');
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
