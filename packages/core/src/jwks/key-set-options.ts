import type { Dispatcher } from 'undici';
import { clockOption, dispatcherOption, durationOption, knownOptions, urlOption } from '../shared/options.js';

/** Options of {@link RemoteKeySet}. Durations are milliseconds. */
export interface RemoteKeySetOptions {
  /** The realm's JWKS URL, e.g. `https://kc.example.com/realms/acme/protocol/openid-connect/certs`. */
  jwksUri: string;
  /** Keys older than this are refetched before use. Default 600 000 (10 min), as jose. */
  cacheMaxAge?: number;
  /** Minimum time between two fetches, so unknown `kid`s cannot hammer Keycloak. Default 30 000 (30 s). */
  cooldownDuration?: number;
  /** Timeout of one JWKS fetch. Default 5 000 (5 s). */
  timeoutDuration?: number;
  /**
   * How long past `cacheMaxAge` the last good keys keep verifying while Keycloak cannot be reached
   * or answers with an error. Default 3 600 000 (1 h): long enough to ride out a Keycloak restart or
   * upgrade, short enough that a key removed during an outage is not trusted for long. 0 disables it.
   */
  staleIfErrorDuration?: number;
  /** undici dispatcher for the fetch (proxy, TLS, connection pool). Default: undici's global one. */
  dispatcher?: Dispatcher;
  /** Clock in epoch milliseconds. Default `Date.now`; tests inject their own. */
  now?: () => number;
}

/** The options after validation, defaults applied. */
export interface ResolvedKeySetOptions {
  readonly jwksUri: string;
  readonly cacheMaxAge: number;
  readonly cooldownDuration: number;
  readonly timeoutDuration: number;
  readonly staleIfErrorDuration: number;
  readonly dispatcher: Dispatcher | undefined;
  readonly now: () => number;
}

/** The defaults, for callers that resolve their own options (the verifier, the guard). */
export const KEY_SET_DEFAULTS = {
  cacheMaxAge: 600_000,
  cooldownDuration: 30_000,
  timeoutDuration: 5_000,
  staleIfErrorDuration: 3_600_000,
} as const;

const KEY_SET_OPTIONS: Record<keyof RemoteKeySetOptions, true> = {
  jwksUri: true,
  cacheMaxAge: true,
  cooldownDuration: true,
  timeoutDuration: true,
  staleIfErrorDuration: true,
  dispatcher: true,
  now: true,
};

/** Validates every option once, throwing a TypeError naming the bad one. */
export function resolveKeySetOptions(options: RemoteKeySetOptions): ResolvedKeySetOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('RemoteKeySet options must be an object');
  knownOptions('RemoteKeySet', options, KEY_SET_OPTIONS);
  return {
    jwksUri: urlOption('jwksUri', options.jwksUri),
    cacheMaxAge: durationOption('cacheMaxAge', options.cacheMaxAge, KEY_SET_DEFAULTS.cacheMaxAge),
    cooldownDuration: durationOption('cooldownDuration', options.cooldownDuration, KEY_SET_DEFAULTS.cooldownDuration),
    timeoutDuration: durationOption('timeoutDuration', options.timeoutDuration, KEY_SET_DEFAULTS.timeoutDuration),
    staleIfErrorDuration: durationOption(
      'staleIfErrorDuration',
      options.staleIfErrorDuration,
      KEY_SET_DEFAULTS.staleIfErrorDuration,
    ),
    dispatcher: dispatcherOption(options.dispatcher),
    now: clockOption(options.now),
  };
}
