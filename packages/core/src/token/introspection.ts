import type { Dispatcher } from 'undici';
import { KeycloakInvalidTokenError } from '../errors.js';
import {
  clockOption,
  dispatcherOption,
  durationOption,
  issuersOption,
  positiveIntegerOption,
  stringListOption,
  urlOption,
} from '../shared/options.js';
import type { KeycloakConnection } from '../http/connection.js';
import { requestJson, tokenConnection } from '../jwks/request-json.js';
import { cacheLookups, publishCacheLookup, realmOfPath } from '../shared/diagnostics.js';
import { abortable } from '../jwks/remote-key-set.js';
import type { KeycloakAccessTokenClaims } from './claims.js';
import { invalidToken } from './internal/fail.js';
import { ACCESS_TOKEN_ONLY, checkTimes, validateClaims, type ClaimRules } from './internal/validate-claims.js';
import { TokenCache, type TokenCacheOptions } from './token-cache.js';
import { cacheOption } from './verifier-options.js';
import { VerifiedToken } from './verified-token.js';

/** Options of {@link TokenIntrospector}. Durations are milliseconds. */
export interface TokenIntrospectorOptions {
  /** The realm URL (or URLs), as for the verifier; an `iss` in the answer must be one of them. */
  issuer: string | readonly string[];
  /** A confidential client allowed to introspect (public clients get 403 from Keycloak). */
  clientId: string;
  clientSecret: string;
  /** Default `${issuer}/protocol/openid-connect/token/introspect` (the first issuer). */
  introspectionEndpoint?: string;
  /** When set, `aud` must contain one of these. */
  audience?: string | readonly string[];
  /** When set, `azp` must be one of these. */
  authorizedParty?: string | readonly string[];
  /** Timeout of one introspection request. Default 5 000 (5 s). */
  timeoutDuration?: number;
  /** Slack on `exp`. Default 0. */
  clockToleranceDuration?: number;
  /** Tokens longer than this are refused without asking Keycloak. Default 16 384. */
  maxTokenSize?: number;
  /**
   * Cache of active answers. Default `{ maxEntries: 1000, maxAge: 30_000 }`: short, because a token
   * revoked in Keycloak stays accepted here until its entry ends. Never past `exp`. `false` disables it.
   */
  cache?: TokenCacheOptions | false;
  dispatcher?: Dispatcher;
  /** Clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

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
}

const MAX_ANSWER_BYTES = 256 * 1024;

/**
 * Asks Keycloak whether a token is active (RFC 7662), for opaque or lightweight tokens or when revocation
 * must be seen at once. Active answers are cached; identical concurrent questions share one request.
 */
export class TokenIntrospector<C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims> {
  readonly #endpoint: string;
  readonly #authorization: string;
  readonly #rules: ClaimRules;
  readonly #timeoutDuration: number;
  readonly #maxTokenSize: number;
  readonly #cache: TokenCache<C> | undefined;
  readonly #inFlight = new Map<string, Promise<VerifiedToken<C>>>();
  readonly #connection: KeycloakConnection;
  readonly #now: () => number;
  #cacheHits = 0;
  #introspections = 0;
  #coalesced = 0;

  /** @throws TypeError naming the first invalid option. */
  constructor(options: TokenIntrospectorOptions) {
    if (options === null || typeof options !== 'object')
      throw new TypeError('TokenIntrospector options must be an object');
    const issuers = issuersOption(options.issuer);
    for (const name of ['clientId', 'clientSecret'] as const) {
      if (typeof options[name] !== 'string' || options[name] === '')
        throw new TypeError(`"${name}" must be a non-empty string`);
    }
    this.#endpoint =
      options.introspectionEndpoint === undefined
        ? `${issuers[0]}/protocol/openid-connect/token/introspect`
        : urlOption('introspectionEndpoint', options.introspectionEndpoint);
    // RFC 6749 §2.3.1: both parts form-encoded before base64; Keycloak decodes them.
    const credentials = `${formEncode(options.clientId)}:${formEncode(options.clientSecret)}`;
    this.#authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    this.#rules = {
      issuers,
      audience: stringListOption('audience', options.audience),
      authorizedParty: stringListOption('authorizedParty', options.authorizedParty),
      clockToleranceDuration: durationOption('clockToleranceDuration', options.clockToleranceDuration, 0),
      notBefore: () => 0, // Keycloak applies notBefore itself before answering active
      requireIssuedAt: false,
      // Keycloak introspects ID tokens too; this class vouches for access tokens only.
      tokenTypes: ACCESS_TOKEN_ONLY,
    };
    this.#timeoutDuration = durationOption('timeoutDuration', options.timeoutDuration, 5_000);
    this.#maxTokenSize = positiveIntegerOption('maxTokenSize', options.maxTokenSize, 16_384);
    const cache = cacheOption('cache', options.cache, 30_000);
    this.#cache = cache === undefined ? undefined : new TokenCache<C>(cache.maxEntries, cache.maxAge);
    this.#connection = tokenConnection(this.#endpoint, dispatcherOption(options.dispatcher), MAX_ANSWER_BYTES);
    this.#now = clockOption(options.now);
  }

  /** Counters since construction. */
  get stats(): TokenIntrospectorStats {
    return {
      cacheHits: this.#cacheHits,
      introspections: this.#introspections,
      coalesced: this.#coalesced,
      cachedTokens: this.#cache?.size ?? 0,
    };
  }

  /**
   * Returns the token's claims when Keycloak says it is active.
   * @throws KeycloakInvalidTokenError `revoked` when inactive, `wrong_token_type` for a refresh or ID
   *   token, `keycloak_unreachable`/`keycloak_error` when Keycloak cannot answer.
   */
  async introspect(token: string, options: { signal?: AbortSignal } = {}): Promise<VerifiedToken<C>> {
    if (typeof token !== 'string' || token === '')
      throw invalidToken('malformed', 'The token is not a non-empty string');
    if (token.length > this.#maxTokenSize)
      throw invalidToken('malformed', `The token is longer than ${this.#maxTokenSize} bytes`);
    const cached = this.#cache?.get(token, this.#now());
    if (this.#cache !== undefined && cacheLookups.hasSubscribers)
      publishCacheLookup('introspection', cached !== undefined, realmOfPath(this.#endpoint));
    if (cached !== undefined) {
      const { exp, iat, nbf } = cached.claims;
      checkTimes(exp, iat, nbf, this.#rules, this.#now());
      this.#cacheHits++;
      return cached;
    }
    let shared = this.#inFlight.get(token);
    if (shared === undefined) {
      this.#introspections++;
      shared = this.#ask(token).finally(() => this.#inFlight.delete(token));
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

  async #ask(token: string): Promise<VerifiedToken<C>> {
    const { body } = await requestJson(this.#connection, {
      url: this.#endpoint,
      method: 'POST',
      headers: { authorization: this.#authorization },
      form: new URLSearchParams({ token, token_type_hint: 'access_token' }),
      timeoutDuration: this.#timeoutDuration,
      what: 'the token introspection',
    });
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new KeycloakInvalidTokenError('The introspection answer is not a JSON object', 'keycloak_error');
    }
    const answer = body as Record<string, unknown>;
    if (!Object.hasOwn(answer, 'active') || answer.active !== true)
      throw invalidToken('revoked', 'Keycloak reports the token inactive');
    const now = this.#now();
    validateClaims(
      answer,
      { ...this.#rules, issuers: Object.hasOwn(answer, 'iss') ? this.#rules.issuers : undefined },
      now,
    );
    const verified = new VerifiedToken<C>(answer as C);
    this.#cache?.set(token, verified, now);
    return verified;
  }
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
