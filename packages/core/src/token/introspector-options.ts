import type { Dispatcher } from 'undici';
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
import type { SharedStore } from '../store/shared-store.js';
import { storeOption } from '../store/store-option.js';
import { ACCESS_TOKEN_ONLY, type ClaimRules } from './internal/validate-claims.js';
import type { TokenCacheOptions } from './token-cache.js';
import { cacheOption } from './verifier-options.js';

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
  /**
   * Where answers are also kept for the other instances of the API (e.g. a `TieredStore` over
   * `@keycloak-ts/redis`): a token one instance introspected is not asked about again by the others. Keys are a
   * SHA-256 of the token, never the token; an active answer lives no longer than the token's `exp` and
   * `cache.maxAge`, an inactive one a few seconds. Not used when `cache` is `false`. Default: none.
   */
  store?: SharedStore;
  dispatcher?: Dispatcher;
  /** Clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** The options after validation: what the introspector runs on. */
export interface ResolvedIntrospectorOptions {
  readonly endpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The claim rules of an active answer (no `iat` required, Keycloak applies notBefore itself). */
  readonly rules: ClaimRules;
  readonly timeoutDuration: number;
  readonly maxTokenSize: number;
  readonly cache: { maxEntries: number; maxAge: number } | undefined;
  readonly store: SharedStore | undefined;
  /** The realm's key prefix in {@link store}. */
  readonly storePrefix: string;
  readonly dispatcher: Dispatcher | undefined;
  readonly now: () => number;
}

/** The defaults of the options a caller that resolved its own (the guard) does not set. */
export const INTROSPECTOR_DEFAULTS = {
  maxTokenSize: 16_384,
  cache: { maxEntries: 1000, maxAge: 30_000 },
} as const;

/** The claim rules of introspection answers for `issuers`. */
export function introspectionRules(
  issuers: readonly string[],
  audience: readonly string[] | undefined,
  authorizedParty: readonly string[] | undefined,
  clockToleranceDuration: number,
): ClaimRules {
  return {
    issuers,
    audience,
    authorizedParty,
    clockToleranceDuration,
    notBefore: () => 0, // Keycloak applies notBefore itself before answering active
    requireIssuedAt: false,
    // Keycloak introspects ID tokens too; this class vouches for access tokens only.
    tokenTypes: ACCESS_TOKEN_ONLY,
  };
}

/**
 * The prefix of a realm's introspection answers in a shared store: its issuer, as given (never cut into a server
 * URL and a name), so every instance and every introspector of one realm reads the same keys.
 */
export function introspectionStorePrefix(issuer: string): string {
  return `${issuer}:introspection:`;
}

const INTROSPECTOR_OPTIONS: Record<keyof TokenIntrospectorOptions, true> = {
  issuer: true,
  clientId: true,
  clientSecret: true,
  introspectionEndpoint: true,
  audience: true,
  authorizedParty: true,
  timeoutDuration: true,
  clockToleranceDuration: true,
  maxTokenSize: true,
  cache: true,
  store: true,
  dispatcher: true,
  now: true,
};

/** Validates every option once, throwing a TypeError naming the bad one. */
export function resolveIntrospectorOptions(options: TokenIntrospectorOptions): ResolvedIntrospectorOptions {
  if (options === null || typeof options !== 'object')
    throw new TypeError('TokenIntrospector options must be an object');
  knownOptions('TokenIntrospector', options, INTROSPECTOR_OPTIONS);
  const issuers = issuersOption(options.issuer);
  for (const name of ['clientId', 'clientSecret'] as const) {
    if (typeof options[name] !== 'string' || options[name] === '')
      throw new TypeError(`"${name}" must be a non-empty string`);
  }
  const issuer = issuers[0] as string;
  return {
    endpoint:
      options.introspectionEndpoint === undefined
        ? `${issuer}/protocol/openid-connect/token/introspect`
        : urlOption('introspectionEndpoint', options.introspectionEndpoint),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    rules: introspectionRules(
      issuers,
      stringListOption('audience', options.audience),
      stringListOption('authorizedParty', options.authorizedParty),
      durationOption('clockToleranceDuration', options.clockToleranceDuration, 0),
    ),
    timeoutDuration: durationOption('timeoutDuration', options.timeoutDuration, 5_000),
    maxTokenSize: positiveIntegerOption('maxTokenSize', options.maxTokenSize, INTROSPECTOR_DEFAULTS.maxTokenSize),
    cache: cacheOption('cache', options.cache, INTROSPECTOR_DEFAULTS.cache.maxAge),
    store: storeOption(options.store),
    storePrefix: introspectionStorePrefix(issuer),
    dispatcher: dispatcherOption(options.dispatcher),
    now: clockOption(options.now),
  };
}
