import type { Dispatcher } from 'undici';
import { ASYMMETRIC_ALGORITHMS } from '../jwks/key-entries.js';
import { RemoteKeySet, type RemoteKeySetOptions } from '../jwks/remote-key-set.js';
import { clockOption, dispatcherOption, durationOption, issuersOption, positiveIntegerOption, stringListOption, urlOption } from '../jwks/internal/options.js';
import type { ClaimRules } from './internal/validate-claims.js';
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
  algorithms: ReadonlySet<string>;
  /** True when `algorithms` was not given: the algorithms the JWKS keys name are accepted too. */
  advertisedAlgorithms: boolean;
  maxTokenSize: number;
  keySet: RemoteKeySet;
  cache: { maxEntries: number; maxAge: number } | undefined;
  now: () => number;
}

/** Validates every option once, throwing a TypeError naming the bad one. */
export function resolveVerifierOptions(options: TokenVerifierOptions): ResolvedVerifierOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('TokenVerifier options must be an object');
  const issuers = issuersOption(options.issuer);
  const now = clockOption(options.now);
  return {
    rules: {
      issuers,
      audience: stringListOption('audience', options.audience),
      authorizedParty: stringListOption('authorizedParty', options.authorizedParty),
      clockToleranceDuration: durationOption('clockToleranceDuration', options.clockToleranceDuration, 0),
      notBefore: notBeforeOption(options.notBefore),
      requireIssuedAt: true,
    },
    algorithms: algorithmsOption(options.algorithms),
    advertisedAlgorithms: options.algorithms === undefined,
    maxTokenSize: positiveIntegerOption('maxTokenSize', options.maxTokenSize, 16_384),
    keySet: keySetOption(options, issuers[0] as string, now),
    cache: cacheOption('tokenCache', options.tokenCache, 300_000),
    now,
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
    maxEntries: positiveIntegerOption(`${name}.maxEntries`, value?.maxEntries, 1000),
    maxAge: durationOption(`${name}.maxAge`, value?.maxAge, defaultMaxAge),
  };
}

function algorithmsOption(value: unknown): ReadonlySet<string> {
  const list = stringListOption('algorithms', value) ?? ['RS256'];
  for (const alg of list) {
    if (!ASYMMETRIC_ALGORITHMS.has(alg)) throw new TypeError(`"algorithms" may not contain ${JSON.stringify(alg)}`);
  }
  return new Set(list);
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
    jwksUri: options.jwksUri === undefined ? `${issuer}/protocol/openid-connect/certs` : urlOption('jwksUri', options.jwksUri),
    dispatcher: dispatcherOption(options.dispatcher),
    now,
  });
}
