import { durationOption, knownOptions, positiveIntegerOption, stringListOption } from '../shared/options.js';

/**
 * Options of the guard's revocation receivers (`revocation` of the guard options): OIDC Back-Channel Logout and
 * the admin URL callbacks of Keycloak (`k_logout`, `k_push_not_before`). Durations are milliseconds.
 */
export interface GuardRevocationOptions {
  /**
   * Where the receivers answer, as keycloak-connect's `keycloak.middleware({ admin })`: `POST {path}k_logout`,
   * `POST {path}k_push_not_before` (the client's "Admin URL" in Keycloak is the API's URL plus this path) and
   * `POST {path}backchannel-logout` (the front-end clients' "Backchannel logout URL"). Default `/`.
   */
  path?: string;
  /**
   * The clients whose back-channel logouts this API accepts: the logout token's `aud` must name one of them.
   * Keycloak sends a logout token only to a client with a session in the ending user session, which is the
   * front-end client the user logged in with, not a bearer-only API: list those clients here. Default: the
   * guard's `clientId`.
   */
  logoutTokenAudiences?: readonly string[];
  /**
   * How long a revocation is kept: the longest an access token of this realm can live, past which every token
   * issued before the revocation has expired anyway. Default 36 000 000 (10 h, Keycloak's default "SSO Session
   * Max", which caps the expiry of every access token of an online session).
   */
  maxTokenLifetime?: number;
  /**
   * Most revoked sessions and users held; past it the oldest revocation is forgotten (with a warn log), so
   * size it for the logouts of `maxTokenLifetime`. Default 100 000 (about 15 MB).
   */
  maxEntries?: number;
}

/** The options after validation. */
export interface ResolvedRevocationOptions {
  path: string;
  logoutTokenAudiences: readonly string[];
  maxTokenLifetime: number;
  maxEntries: number;
}

/** The part of the guard's (pino-compatible) logger the revocations write to. */
export interface RevocationLogger {
  debug(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

const REVOCATION_OPTIONS: Record<keyof GuardRevocationOptions, true> = {
  path: true,
  logoutTokenAudiences: true,
  maxTokenLifetime: true,
  maxEntries: true,
};

/** Validates `revocation` (`true` for every default); undefined when the receivers are off. */
export function resolveRevocationOptions(
  value: GuardRevocationOptions | boolean | undefined,
  clientId: string,
): ResolvedRevocationOptions | undefined {
  if (value === undefined || value === false) return undefined;
  const options = value === true ? {} : value;
  if (options === null || typeof options !== 'object')
    throw new TypeError('"revocation" must be an object or a boolean');
  knownOptions('the Keycloak guard', options, REVOCATION_OPTIONS, 'revocation.');
  const path = options.path ?? '/';
  if (typeof path !== 'string' || !path.startsWith('/') || /[?#\s]/.test(path))
    throw new TypeError('"revocation.path" must be a path starting with "/"');
  return {
    path: path.endsWith('/') ? path : `${path}/`,
    logoutTokenAudiences: stringListOption('revocation.logoutTokenAudiences', options.logoutTokenAudiences) ?? [
      clientId,
    ],
    maxTokenLifetime: durationOption('revocation.maxTokenLifetime', options.maxTokenLifetime, 36_000_000),
    maxEntries: positiveIntegerOption('revocation.maxEntries', options.maxEntries, 100_000),
  };
}
