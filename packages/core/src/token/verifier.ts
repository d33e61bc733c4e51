import { KeycloakInvalidTokenError } from '../errors.js';
import type { KeyObject } from 'node:crypto';
import type { KeySelector, RemoteKeySet } from '../jwks/remote-key-set.js';
import type { KeycloakAccessTokenClaims, VerifiedTokenHeader } from './claims.js';
import {
  checkIdTokenAudience,
  checkIdTokenCall,
  checkIdTokenChecks,
  hasIdTokenChecks,
  type IdTokenChecks,
} from './id-token-checks.js';
import { parseHeader, parsePayload, splitCompact } from './compact.js';
import { invalidToken } from './internal/fail.js';
import { checkHeader } from './internal/header.js';
import { verifySignature } from './internal/signature.js';
import { checkIssuer, checkTimes, checkTokenType, validateClaims } from './internal/validate-claims.js';
import { carrier, resolvedOr } from '../shared/resolved.js';
import { TokenCache } from './token-cache.js';
import { resolveVerifierOptions, type ResolvedVerifierOptions, type TokenVerifierOptions } from './verifier-options.js';
import { realmKey } from './signed-jws.js';
import { deepFreeze, VerifiedToken } from './verified-token.js';
import { cacheLookups, publishCacheLookup, realmOfPath } from '../shared/diagnostics.js';

/**
 * Per-call options of {@link TokenVerifier.verify}. The ID-token checks (`nonce`, `accessToken`,
 * `authMaxAge`) need a verifier whose `tokenType` accepts `'ID'`; with any of them set, a token that is
 * not an ID token is refused (`wrong_token_type`).
 */
export interface VerifyOptions extends IdTokenChecks {
  /** Stops waiting for Keycloak (a JWKS fetch); the verification then fails as `keycloak_unreachable`. */
  signal?: AbortSignal;
}

/** Counters of a verifier, for metrics and tests. */
export interface TokenVerifierStats {
  /** Verifications answered from the verified-token cache. */
  cacheHits: number;
  /** Signature checks performed (cache misses that reached the signature). */
  signatureVerifications: number;
  /** Tokens currently cached. */
  cachedTokens: number;
}

/** A token read and checked up to its signature. */
interface ReadToken {
  readonly header: Record<string, unknown>;
  readonly selector: KeySelector;
  readonly claims: Record<string, unknown>;
  readonly signingInput: string;
  readonly signature: string;
}

/** A protected header that passed the checks, and the key selector it gives. */
interface CheckedHeader {
  readonly header: Record<string, unknown>;
  readonly selector: KeySelector;
}

/** Distinct headers remembered per verifier: one per realm key, a few during a key rotation. */
const MAX_HEADERS = 16;

/**
 * Verifies Keycloak access tokens locally against the realm's JWKS: framework-free, called by the
 * guards on every request. Follows RFC 8725: the algorithm comes from an allow-list, the key only from
 * the JWKS, and the token must be a Keycloak access token (`typ: "Bearer"`), or, with `tokenType`
 * accepting `'ID'`, an ID token checked as OpenID Connect Core 3.1.3.7 says.
 *
 * @example
 * ```ts
 * const verifier = new TokenVerifier({ issuer: 'https://kc.example.com/realms/acme', audience: 'orders-api' });
 * const token = await verifier.verify(bearer);
 * if (!token.hasRealmRole('admin')) ...
 *
 * // After a code flow: the ID token of client "web", bound to the login's nonce and access token.
 * const ids = new TokenVerifier<KeycloakIdTokenClaims>({ issuer, tokenType: 'ID', clientId: 'web' });
 * const id = await ids.verify(tokens.id_token, { nonce, accessToken: tokens.access_token });
 * ```
 */
// Set by TokenVerifier's static block: the guard's way to its private second half of verify().
let afterSyncMiss: (verifier: TokenVerifier, token: string) => Promise<VerifiedToken<KeycloakAccessTokenClaims>>;

export class TokenVerifier<C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims> {
  readonly #options: ResolvedVerifierOptions;
  readonly #cache: TokenCache<C> | undefined;
  readonly #headers = new Map<string, CheckedHeader>();
  #cacheHits = 0;
  #signatureVerifications = 0;

  /** @throws TypeError naming the first invalid option. */
  constructor(options: TokenVerifierOptions) {
    this.#options = resolvedOr(options, resolveVerifierOptions);
    const { cache } = this.#options;
    this.#cache = cache === undefined ? undefined : new TokenCache<C>(cache.maxEntries, cache.maxAge);
  }

  /** The key set in use (shareable with another verifier of the same realm). */
  get keySet(): RemoteKeySet {
    return this.#options.keySet;
  }

  /** Counters since construction. */
  get stats(): TokenVerifierStats {
    return {
      cacheHits: this.#cacheHits,
      signatureVerifications: this.#signatureVerifications,
      cachedTokens: this.#cache?.size ?? 0,
    };
  }

  /**
   * Verifies `token` (the compact JWS, without `Bearer `) and returns its claims.
   * @throws KeycloakInvalidTokenError for every bad token; `error.isUpstreamFailure` tells a bad token
   *   (401) from Keycloak being unreachable (503).
   * @throws TypeError when an ID-token check option is malformed (a bug of the caller, not of the token).
   */
  async verify(token: string, options: VerifyOptions = {}): Promise<VerifiedToken<C>> {
    const now = this.verifySync(token, options);
    if (now !== undefined) return now;
    return this.#verifyAfterSyncMiss(token, options);
  }

  /** What {@link verify} does once {@link verifySync} could not answer: fetch the keys, then verify. */
  async #verifyAfterSyncMiss(token: string, options: VerifyOptions): Promise<VerifiedToken<C>> {
    let verified: VerifiedToken<C>;
    try {
      verified = await this.#verifyFresh(token, options.signal);
    } catch (error) {
      throw asInvalidToken(error);
    }
    return this.#verified(token, verified, options);
  }

  static {
    afterSyncMiss = (verifier, token) => verifier.#verifyAfterSyncMiss(token, {});
  }

  /**
   * {@link verify} answered in this tick, without a promise: from the verified-token cache, or by the whole
   * verification when the realm's keys are loaded and fresh (the common case of a token not seen before);
   * undefined when only `verify` can answer (keys to fetch or refresh, an unknown `kid`). Lets a guard check
   * every request of a warm realm synchronously.
   * @throws KeycloakInvalidTokenError as {@link verify} does, for every token it could judge.
   * @throws TypeError when an ID-token check option is malformed.
   */
  verifySync(token: string, checks: IdTokenChecks = {}): VerifiedToken<C> | undefined {
    checkIdTokenChecks(checks);
    const cached = this.verifyCached(token, checks);
    if (cached !== undefined) return cached;
    let verified: VerifiedToken<C> | undefined;
    try {
      verified = this.#verifyNow(token);
    } catch (error) {
      throw asInvalidToken(error);
    }
    return verified === undefined ? undefined : this.#verified(token, verified, checks);
  }

  /**
   * Answers from the verified-token cache alone, synchronously: the cached token once its times are
   * checked again, or undefined when only {@link verify} can answer (not cached, or the cache is off).
   * Lets a guard skip the promises of `verify` on a warm hit, the common case of every request.
   * @throws KeycloakInvalidTokenError (`expired`, `not_yet_valid`, `revoked`) for a cached token no longer
   *   valid, or the reason of a failed ID-token check.
   */
  verifyCached(token: string, checks: IdTokenChecks = {}): VerifiedToken<C> | undefined {
    if (this.#cache === undefined || typeof token !== 'string') return undefined;
    const now = this.#options.now();
    const cached = this.#cache.get(token, now);
    if (cacheLookups.hasSubscribers)
      publishCacheLookup('token', cached !== undefined, realmOfPath(this.#options.rules.issuers?.[0] ?? ''));
    if (cached === undefined) return undefined;
    const { exp, iat, nbf } = cached.claims;
    checkTimes(exp, iat, nbf, this.#options.rules, now);
    this.#cacheHits++;
    this.#checkCall(cached, checks);
    return cached;
  }

  /** Drops a token from the cache, e.g. on a backchannel logout. */
  forget(token: string): void {
    this.#cache?.delete(token);
  }

  #checkCall(verified: VerifiedToken<C>, checks: IdTokenChecks): void {
    if (!hasIdTokenChecks(checks)) return;
    const { now, rules } = this.#options;
    // A verified (not introspected) token always has its header.
    const { alg } = verified.header as VerifiedTokenHeader;
    checkIdTokenCall(verified.claims, alg, checks, now(), rules.clockToleranceDuration);
  }

  /** Cached before the per-call checks: they judge this login, not the token, which stays valid. */
  #verified(token: string, verified: VerifiedToken<C>, checks: IdTokenChecks): VerifiedToken<C> {
    this.#cache?.set(token, verified, this.#options.now());
    this.#checkCall(verified, checks);
    return verified;
  }

  /** The verification with the keys in memory; undefined when they must be fetched first. */
  #verifyNow(token: string): VerifiedToken<C> | undefined {
    const read = this.#read(token);
    // An advertised-only alg needs a key naming it, which keyNow alone finds: none, and realmKey decides after a fetch.
    const key = this.#options.keySet.keyNow(read.selector);
    return key === undefined ? undefined : this.#finish(read, key);
  }

  async #verifyFresh(token: string, signal: AbortSignal | undefined): Promise<VerifiedToken<C>> {
    const read = this.#read(token);
    return this.#finish(read, await realmKey(this.#options.keySet, read.selector, signal));
  }

  /** Everything checked before a key is needed. */
  #read(token: string): ReadToken {
    const {
      header: segment,
      payload,
      signingInput,
      signature,
      unsigned,
    } = splitCompact(token, this.#options.maxTokenSize);
    const { header, selector } = this.#header(segment, payload);
    if (unsigned) throw invalidToken('bad_signature', 'The token has no signature');
    // The payload is read once, before the signature: the signature covers these very bytes, so after it verifies
    // they are the claims. Reading them first lets a token of another issuer be refused before any key is fetched,
    // so a client naming a tenant (a realm resolver) cannot make the guard fetch keys for it with a foreign token.
    const claims = parsePayload(payload);
    checkIssuer(claims, this.#options.rules);
    return { header, selector, claims, signingInput, signature };
  }

  #finish({ header, selector, claims, signingInput, signature }: ReadToken, key: KeyObject): VerifiedToken<C> {
    this.#signatureVerifications++;
    if (!verifySignature(selector.alg, key, signingInput, signature))
      throw invalidToken('bad_signature', 'The token signature is invalid');
    validateClaims(claims, this.#options.rules, this.#options.now());
    if (claims.typ === 'ID') checkIdTokenAudience(claims, this.#options.clientId as string);
    return new VerifiedToken<C>(claims as C, header as VerifiedTokenHeader);
  }

  /**
   * The protected header decoded and checked, remembered by its segment: a realm's tokens share a handful of
   * headers (one per signing key), so a token not seen before skips their decoding and checks. A refused
   * header is not remembered, and the memo starts over past a few entries.
   */
  #header(segment: string, payload: string): CheckedHeader {
    let checked = this.#headers.get(segment);
    // Stryker disable next-line ConditionalExpression: a memo; checking the header again gives the same answer.
    if (checked === undefined) {
      const header = parseHeader(segment);
      const { algorithms, advertisedAlgorithms } = this.#options;
      checked = {
        header: deepFreeze(header),
        selector: this.#checkHeader(header, payload, algorithms, advertisedAlgorithms),
      };
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the memo's bound, seen in memory only.
      if (this.#headers.size >= MAX_HEADERS) this.#headers.clear();
      this.#headers.set(segment, checked);
    }
    return checked;
  }

  /**
   * The header check, with a clearer refusal for refresh and offline tokens: Keycloak signs them with
   * HS512, so they would otherwise fail as `unsupported_alg`, which hides the real mistake. Their
   * unverified `typ` only picks the reason of a refusal, never lets anything through.
   */
  #checkHeader(header: Record<string, unknown>, payload: string, algorithms: ReadonlySet<string>, advertised: boolean) {
    try {
      return checkHeader(header, algorithms, advertised);
    } catch (error) {
      if (typeof header.alg === 'string' && header.alg.startsWith('HS')) {
        const { typ } = parsePayload(payload);
        if (typ === 'Refresh' || typ === 'Offline') checkTokenType(typ, this.#options.rules.tokenTypes);
      }
      throw error;
    }
  }
}

/**
 * `verify` for a caller that just had `verifySync` answer undefined for `token` (the guard): the same answer
 * without looking the token up (and counting the lookup) a second time. Core's own, not exported from the package.
 */
export function verifyAfterSyncMiss(
  verifier: TokenVerifier,
  token: string,
): Promise<VerifiedToken<KeycloakAccessTokenClaims>> {
  return afterSyncMiss(verifier, token);
}

/**
 * Builds a verifier from options core resolved already (the guard's, validated at its edge): core's own way in,
 * not exported from the package, so the public constructor still checks every user's input.
 */
export function verifierFromResolved<C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims>(
  options: ResolvedVerifierOptions,
): TokenVerifier<C> {
  return new TokenVerifier<C>(carrier<TokenVerifierOptions, ResolvedVerifierOptions>(options));
}

/** Every failure of a verification as the one error type it throws. */
function asInvalidToken(error: unknown): KeycloakInvalidTokenError {
  return error instanceof KeycloakInvalidTokenError
    ? error
    : invalidToken('malformed', 'The token could not be verified', error);
}
