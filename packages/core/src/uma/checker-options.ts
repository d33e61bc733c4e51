/**
 * Options of {@link PermissionChecker}, checked once at construction: a bad option throws a TypeError
 * naming it, so a misconfiguration fails at startup and never on a request.
 */
import { clockOption, durationOption, knownOptions, positiveIntegerOption } from '../shared/options.js';
import type { KeycloakOpenID } from '../oidc/keycloak-openid.js';
import type { SharedStore } from '../store/shared-store.js';
import { storeOption } from '../store/store-option.js';

/** Options of {@link PermissionChecker}; durations are ms. */
export interface PermissionCheckerOptions {
  /** The client of the resource server's realm; the UMA grant is asked through its connection. */
  openid: KeycloakOpenID;
  /** The resource server's clientId (`audience` of the UMA grant). Default: `openid.clientId`. */
  audience?: string;
  /** How many decisions are kept (least recently used go first). Default 1000. */
  maxEntries?: number;
  /**
   * How long a decision is reused, in ms; never past the token's `exp` either. Default 60 000.
   * `0` keeps nothing (identical concurrent checks still share one request).
   */
  cacheMaxAge?: number;
  /** Time limit of one UMA request in ms. Default 5000. */
  timeoutDuration?: number;
  /**
   * Use the permissions an RPT carries (`authorization.permissions`) without asking Keycloak when they
   * cover the need and the RPT's `aud` names `audience`. Default `true`. The RPT was verified with the token, and Keycloak's own enforcer
   * trusts it the same way until it expires.
   */
  useTokenPermissions?: boolean;
  /** Clock in epoch ms for expiry. Default `Date.now`. */
  now?: () => number;
  /**
   * Where decisions are also kept for the other instances of the API (e.g. a `TieredStore` over
   * `@keycloak-ts/redis`): a decision one instance asked Keycloak for is reused by the others until it
   * expires. Keys are digests (never a token); values hold the decision only. Default: none.
   */
  store?: SharedStore;
}

/** Options after validation, defaults applied. */
export interface ResolvedCheckerOptions {
  readonly openid: KeycloakOpenID;
  readonly audience: string;
  readonly maxEntries: number;
  readonly cacheMaxAge: number;
  readonly timeoutDuration: number;
  readonly useTokenPermissions: boolean;
  readonly now: () => number;
  readonly store: SharedStore | undefined;
  /** The realm's key prefix in {@link store}. */
  readonly storePrefix: string;
}

const CHECKER_OPTIONS: Record<keyof PermissionCheckerOptions, true> = {
  openid: true,
  audience: true,
  maxEntries: true,
  cacheMaxAge: true,
  timeoutDuration: true,
  useTokenPermissions: true,
  now: true,
  store: true,
};

/** @throws TypeError naming the first invalid option. */
export function resolveCheckerOptions(options: PermissionCheckerOptions): ResolvedCheckerOptions {
  if (options === null || typeof options !== 'object')
    throw new TypeError('PermissionChecker options must be an object');
  knownOptions('PermissionChecker', options, CHECKER_OPTIONS);
  const { openid } = options;
  if (openid === null || typeof openid !== 'object' || typeof openid.umaPermissions !== 'function') {
    throw new TypeError('"openid" must be a KeycloakOpenID');
  }
  const audience = options.audience ?? openid.clientId;
  if (typeof audience !== 'string' || audience === '') throw new TypeError('"audience" must be a non-empty string');
  const useTokenPermissions = options.useTokenPermissions ?? true;
  if (typeof useTokenPermissions !== 'boolean') throw new TypeError('"useTokenPermissions" must be a boolean');
  return {
    openid,
    audience,
    maxEntries: positiveIntegerOption('maxEntries', options.maxEntries, 1000),
    cacheMaxAge: durationOption('cacheMaxAge', options.cacheMaxAge, 60_000),
    timeoutDuration: durationOption('timeoutDuration', options.timeoutDuration, 5000),
    useTokenPermissions,
    now: clockOption(options.now),
    store: storeOption(options.store),
    storePrefix: umaStorePrefix(openid.realmName),
  };
}

/** The prefix of a realm's UMA decisions in a shared store. */
export function umaStorePrefix(realmName: string): string {
  return `${realmName}:uma:`;
}
