import { durationOption, knownOptions, positiveIntegerOption } from '../shared/options.js';

/**
 * How the guard asks Keycloak for UMA decisions on routes protected by permissions or a policy
 * enforcer (see `PermissionChecker`). Durations are milliseconds.
 */
export interface GuardAuthorizationOptions {
  /** The resource server's clientId (`audience` of the UMA grant). Default: the guard's `clientId`. */
  audience?: string;
  /** How long a decision is reused; never past the token's `exp`. Default 60 000; `0` keeps none. */
  cacheMaxAge?: number;
  /** Decisions kept per realm (least recently used go first). Default 1000. */
  maxEntries?: number;
  /**
   * Trust the permissions of an RPT presented as the bearer without asking Keycloak. Default true.
   * They count only when the RPT's `aud` names {@link audience} (the resource server): Keycloak adds the
   * resource server to the audience of the RPTs it issues for it, and an RPT of another resource server
   * of the realm (which may hold a resource of the same name) is asked about like any access token.
   */
  useTokenPermissions?: boolean;
}

/** The authorization options after validation. */
export interface ResolvedAuthorizationOptions {
  readonly audience: string;
  readonly cacheMaxAge: number;
  readonly maxEntries: number;
  readonly useTokenPermissions: boolean;
}

const AUTHORIZATION_OPTIONS: Record<keyof GuardAuthorizationOptions, true> = {
  audience: true,
  cacheMaxAge: true,
  maxEntries: true,
  useTokenPermissions: true,
};

/** Validates `authorization`, naming the bad option as `authorization.NAME`. */
export function resolveAuthorizationOptions(
  value: GuardAuthorizationOptions | undefined,
  clientId: string,
): ResolvedAuthorizationOptions {
  if (value !== undefined && (value === null || typeof value !== 'object'))
    throw new TypeError('"authorization" must be an object');
  const options = value ?? {};
  knownOptions('the Keycloak guard', options, AUTHORIZATION_OPTIONS, 'authorization.');
  const audience = options.audience ?? clientId;
  if (typeof audience !== 'string' || audience === '')
    throw new TypeError('"authorization.audience" must be a non-empty string');
  const useTokenPermissions = options.useTokenPermissions ?? true;
  if (typeof useTokenPermissions !== 'boolean')
    throw new TypeError('"authorization.useTokenPermissions" must be a boolean');
  return {
    audience,
    cacheMaxAge: durationOption('authorization.cacheMaxAge', options.cacheMaxAge, 60_000),
    maxEntries: positiveIntegerOption('authorization.maxEntries', options.maxEntries, 1000),
    useTokenPermissions,
  };
}
