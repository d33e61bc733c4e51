import type { Dispatcher } from 'undici';
import { ASYMMETRIC_ALGORITHMS } from '../jwks/key-entries.js';
import { RemoteKeySet, type RemoteKeySetOptions } from '../jwks/remote-key-set.js';
import {
  clockOption,
  dispatcherOption,
  durationOption,
  issuersOption,
  knownOptions,
  positiveIntegerOption,
  stringListOption,
  urlOption,
} from '../shared/options.js';
import type { TokenType } from './claims.js';
import { ACCESS_TOKEN_ONLY, type ClaimRules } from './internal/validate-claims.js';
import type { TokenCacheOptions } from './token-cache.js';

/** Options of {@link TokenVerifier}. Durations are milliseconds. */
export interface TokenVerifierOptions {
  /**
   * The realm URL tokens must carry in `iss`, e.g. `https://kc.example.com/realms/acme`, or the list of
   * URLs Keycloak is reached by (internal and public hostnames). Compared exactly: a trailing slash matters.
   */
  issuer: string | readonly string[];
  /** Where keys are fetched. Default `${issuer}/protocol/openid-connect/certs` (the first issuer). */
  jwksUri?: string;
  /**
   * Accepted `alg` values: RS*, PS*, ES*, EdDSA/Ed25519 only, never `none` or HS*. When given, exactly
   * these. Default: RS256, plus any of those algorithms that a signature key of the realm JWKS names in
   * its own `alg` (Keycloak always does), verified only with the keys that name it, so a realm whose
   * active key is ES256 or PS256 works without configuration while a token cannot pick its algorithm.
   */
  algorithms?: readonly string[];
  /** When set, `aud` must contain one of these. Keycloak puts the resource server's client id in `aud` through an audience mapper. */
  audience?: string | readonly string[];
  /** When set, `azp` (the client the token was issued to) must be one of these. */
  authorizedParty?: string | readonly string[];
  /**
   * The Keycloak token types (`typ`) accepted. Default `'Bearer'`: access tokens only, so an ID token
   * sent as a bearer credential is refused (`wrong_token_type`). Add `'ID'` to verify ID tokens with
   * the rules of OpenID Connect Core 3.1.3.7 (this requires {@link clientId}). Refresh, Offline and
   * Logout tokens are always refused: refresh tokens are HMAC-signed with a secret only Keycloak has.
   */
  tokenType?: TokenType | readonly TokenType[];
  /**
   * The client ID tokens are issued to; required when {@link tokenType} accepts `'ID'`. An ID token's
   * `aud` must contain it, and its `azp` (required when `aud` has several entries) must equal it.
   * `audience` and `authorizedParty`, when set, apply to ID tokens as well.
   */
  clientId?: string;
  /** Slack allowed on `exp`, `nbf` and `iat` for clock skew. Default 0. */
  clockToleranceDuration?: number;
  /**
   * Tokens longer than this many bytes are refused before any parsing. Default 16 384 (16 KiB): Keycloak
   * tokens of users with many client roles reach several KiB, and most HTTP servers cap a header at 16 KiB.
   */
  maxTokenSize?: number;
  /**
   * The realm's `notBefore` in epoch seconds, as Keycloak reports it (`not-before-policy`), or a getter
   * read on every verification (including cache hits) so a push of a new notBefore revokes at once.
   * Tokens with `iat` before it are refused as `revoked`. Default 0 (none).
   */
  notBefore?: number | (() => number);
  /** Options of the key set this verifier creates, or an existing {@link RemoteKeySet} to share. */
  jwks?: Omit<RemoteKeySetOptions, 'jwksUri' | 'dispatcher' | 'now'> | RemoteKeySet;
  /**
   * Cache of verified tokens. Default `{ maxEntries: 1000, maxAge: 300_000 }` (5 min, never past `exp`).
   * `false` verifies every token from scratch.
   */
  tokenCache?: TokenCacheOptions | false;
  /** undici dispatcher for the JWKS fetch. */
  dispatcher?: Dispatcher;
  /** Clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** The options after validation. */
export interface ResolvedVerifierOptions {
  rules: ClaimRules;
  /** Set when ID tokens are accepted. */
  clientId: string | undefined;
  algorithms: ReadonlySet<string>;
  /** True when `algorithms` was not given: the algorithms the JWKS keys name are accepted too. */
  advertisedAlgorithms: boolean;
  maxTokenSize: number;
  keySet: RemoteKeySet;
  cache: { maxEntries: number; maxAge: number } | undefined;
  now: () => number;
}

/** The defaults, for callers that resolve their own options (the guard). */
export const VERIFIER_DEFAULTS = {
  algorithms: ['RS256'],
  maxTokenSize: 16_384,
  tokenCache: { maxEntries: 1000, maxAge: 300_000 },
} as const;

const VERIFIER_OPTIONS: Record<keyof TokenVerifierOptions, true> = {
  issuer: true,
  jwksUri: true,
  algorithms: true,
  audience: true,
  authorizedParty: true,
  tokenType: true,
  clientId: true,
  clockToleranceDuration: true,
  maxTokenSize: true,
  notBefore: true,
  jwks: true,
  tokenCache: true,
  dispatcher: true,
  now: true,
};

/** Validates every option once, throwing a TypeError naming the bad one. */
export function resolveVerifierOptions(options: TokenVerifierOptions): ResolvedVerifierOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('TokenVerifier options must be an object');
  knownOptions('TokenVerifier', options, VERIFIER_OPTIONS);
  const issuers = issuersOption(options.issuer);
  const now = clockOption(options.now);
  const tokenTypes = tokenTypeOption(options.tokenType);
  return {
    clientId: clientIdOption(options.clientId, tokenTypes),
    rules: {
      issuers,
      audience: stringListOption('audience', options.audience),
      authorizedParty: stringListOption('authorizedParty', options.authorizedParty),
      clockToleranceDuration: durationOption('clockToleranceDuration', options.clockToleranceDuration, 0),
      notBefore: notBeforeOption(options.notBefore),
      requireIssuedAt: true,
      tokenTypes,
    },
    algorithms: algorithmsOption(options.algorithms),
    advertisedAlgorithms: options.algorithms === undefined,
    maxTokenSize: positiveIntegerOption('maxTokenSize', options.maxTokenSize, VERIFIER_DEFAULTS.maxTokenSize),
    keySet: keySetOption(options, issuers[0] as string, now),
    cache: cacheOption('tokenCache', options.tokenCache, VERIFIER_DEFAULTS.tokenCache.maxAge),
    now,
  };
}

/** The claim rules of Keycloak access tokens of `issuers`, for callers that resolve their own options (the guard). */
export function accessTokenRules(
  issuers: readonly string[],
  audience: readonly string[] | undefined,
  clockToleranceDuration: number,
): ClaimRules {
  return {
    issuers,
    audience,
    authorizedParty: undefined,
    clockToleranceDuration,
    notBefore: () => 0,
    requireIssuedAt: true,
    tokenTypes: ACCESS_TOKEN_ONLY,
  };
}

/** Resolves a `{ maxEntries, maxAge }` cache option; `false` turns the cache off. */
export function cacheOption(
  name: string,
  value: TokenCacheOptions | false | undefined,
  defaultMaxAge: number,
): { maxEntries: number; maxAge: number } | undefined {
  if (value === false) return undefined;
  if (value !== undefined && (value === null || typeof value !== 'object')) {
    throw new TypeError(`"${name}" must be an object or false`);
  }
  return {
    maxEntries: positiveIntegerOption(`${name}.maxEntries`, value?.maxEntries, VERIFIER_DEFAULTS.tokenCache.maxEntries),
    maxAge: durationOption(`${name}.maxAge`, value?.maxAge, defaultMaxAge),
  };
}

function algorithmsOption(value: unknown): ReadonlySet<string> {
  const list = stringListOption('algorithms', value) ?? VERIFIER_DEFAULTS.algorithms;
  for (const alg of list) {
    if (!ASYMMETRIC_ALGORITHMS.has(alg)) throw new TypeError(`"algorithms" may not contain ${JSON.stringify(alg)}`);
  }
  return new Set(list);
}

const TOKEN_TYPES: ReadonlySet<string> = new Set<TokenType>(['Bearer', 'ID']);

function tokenTypeOption(value: unknown): ReadonlySet<string> {
  if (value === undefined) return ACCESS_TOKEN_ONLY;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => TOKEN_TYPES.has(item as string))) {
    throw new TypeError('"tokenType" must be "Bearer", "ID" or a non-empty list of them');
  }
  // 'Bearer' names access tokens, DPoP-bound ones (typ "DPoP") included.
  return new Set<string>([...(list as TokenType[]), ...(list.includes('Bearer') ? ['DPoP'] : [])]);
}

function clientIdOption(value: unknown, tokenTypes: ReadonlySet<string>): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value === ''))
    throw new TypeError('"clientId" must be a non-empty string');
  if (value === undefined && tokenTypes.has('ID'))
    throw new TypeError('"clientId" is required when "tokenType" accepts ID tokens');
  return value;
}

function notBeforeOption(value: unknown): () => number {
  if (value === undefined) return () => 0;
  if (typeof value === 'function') return value as () => number;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return () => value;
  throw new TypeError('"notBefore" must be epoch seconds or a function returning them');
}

function keySetOption(options: TokenVerifierOptions, issuer: string, now: () => number): RemoteKeySet {
  if (options.jwks instanceof RemoteKeySet) return options.jwks;
  if (options.jwks !== undefined && (options.jwks === null || typeof options.jwks !== 'object')) {
    throw new TypeError('"jwks" must be an object or a RemoteKeySet');
  }
  return new RemoteKeySet({
    ...options.jwks,
    jwksUri:
      options.jwksUri === undefined ? `${issuer}/protocol/openid-connect/certs` : urlOption('jwksUri', options.jwksUri),
    dispatcher: dispatcherOption(options.dispatcher),
    now,
  });
}
