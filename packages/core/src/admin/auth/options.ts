/**
 * Options of {@link KeycloakOpenIDConnection}, python-keycloak's constructor arguments in camelCase,
 * checked once at construction: a bad option throws a TypeError naming it.
 */
import type { Dispatcher } from 'undici';
import type { KeycloakConnectionOptions } from '../../http/options.js';
import { clockOption, durationOption, knownOptions } from '../../shared/options.js';
import { connectionOptionsOf, type KeycloakOpenIDOptions } from '../../oidc/options.js';
import type { AdminToken } from './token-set.js';

/** How the admin token is obtained when none is given (python-keycloak's `grant_type`). */
export type AdminGrantType = 'password' | 'client_credentials';

/** Options of {@link KeycloakOpenIDConnection}; durations are ms. */
export interface KeycloakOpenIDConnectionOptions {
  /** Keycloak's base URL, e.g. `https://sso.example.com/` (or `https://host/auth/` for old layouts). */
  serverUrl: string;
  /** Default `password` when `username` and `password` are given, else `client_credentials` when `clientSecretKey` is. */
  grantType?: AdminGrantType;
  username?: string;
  /** Never appears in errors or logs. */
  password?: string;
  /**
   * A token to use as is: an access token, or a token endpoint answer (with `refresh_token`, it is
   * refreshed when it expires). With credentials too, a new login replaces it when it cannot be refreshed.
   */
  token?: string | AdminToken;
  /** A one-time password sent with the password grant (Keycloak's `totp` form field). */
  totp?: string;
  /** The realm the admin calls act on. Default `master`. */
  realmName?: string;
  /** The client the token is requested for. Default `admin-cli`. */
  clientId?: string;
  /** The secret of a confidential client (sent as `client_secret`); alone, it means a service account. */
  clientSecretKey?: string;
  /** The realm the credentials belong to, when not `realmName` (e.g. a master admin managing another realm). */
  userRealmName?: string;
  /** Headers sent with every call. */
  customHeaders?: Readonly<Record<string, string>>;
  /** Time limit of one call in ms. Default 30 000. */
  timeout?: number;
  /** Verify the server's TLS certificate. Default `true`. */
  verify?: boolean;
  /** Extra trusted CA certificate(s), PEM (python-keycloak's `verify="path/to/ca.pem"`). */
  ca?: KeycloakConnectionOptions['ca'];
  /** A client certificate and its key (PEM) for mutual TLS, python-keycloak's `(cert, key)` tuple. */
  cert?: readonly [cert: string | Buffer, key: string | Buffer];
  /** Retries of idempotent calls (never of POSTs). Default 1, as python-keycloak's `max_retries`. */
  maxRetries?: number;
  /** Largest answer body read, in bytes; a larger one fails with `ERR_INVALID_RESPONSE`. Default 16 MiB. */
  maxResponseBytes?: number;
  /** A proxy URL, or python-keycloak's `{ http, https }` map (the `https` entry wins); calls are tunnelled with CONNECT. */
  proxies?: KeycloakOpenIDOptions['proxies'];
  /** An undici Dispatcher to send every call through (then `verify`, `ca`, `cert` and `proxies` must be unset). */
  dispatcher?: Dispatcher;
  /**
   * How long before its expiry the access token is renewed, in ms. Default 10 000, capped at half the
   * token's lifetime. python-keycloak renews at 90% of the lifetime only, which fails under clock jumps
   * and long calls; here a 401 also renews the token once.
   */
  refreshMarginMs?: number;
  /** Clock in epoch ms that token expiry is computed with. Default `Date.now`. */
  now?: () => number;
}

/** Options after validation and defaults. */
export interface ResolvedOpenIDConnectionOptions {
  readonly connection: KeycloakConnectionOptions;
  readonly grantType: AdminGrantType | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly token: string | AdminToken | undefined;
  readonly totp: string | undefined;
  readonly realmName: string;
  readonly tokenRealmName: string;
  readonly clientId: string;
  readonly clientSecretKey: string | undefined;
  readonly refreshMarginMs: number;
  readonly now: () => number;
}

/** The defaults, for callers that resolve their own options (the guard). */
export const CONNECTION_DEFAULTS = { refreshMarginMs: 10_000 } as const;

const CONNECTION_OPTIONS: Record<keyof KeycloakOpenIDConnectionOptions, true> = {
  serverUrl: true,
  grantType: true,
  username: true,
  password: true,
  token: true,
  totp: true,
  realmName: true,
  clientId: true,
  clientSecretKey: true,
  userRealmName: true,
  customHeaders: true,
  timeout: true,
  verify: true,
  ca: true,
  cert: true,
  maxRetries: true,
  maxResponseBytes: true,
  proxies: true,
  dispatcher: true,
  refreshMarginMs: true,
  now: true,
};

/** Checks `options` and fills in defaults; throws a TypeError naming the first bad option. */
export function resolveOpenIDConnectionOptions(
  options: KeycloakOpenIDConnectionOptions,
): ResolvedOpenIDConnectionOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  knownOptions('the admin connection (KeycloakAdmin, KeycloakOpenIDConnection)', options, CONNECTION_OPTIONS);
  const username = optionalString('username', options.username);
  const password = optionalString('password', options.password, true);
  const clientSecretKey = optionalString('clientSecretKey', options.clientSecretKey);
  const realmName = optionalString('realmName', options.realmName) ?? 'master';
  const grantType =
    options.grantType ??
    (username !== undefined && password !== undefined
      ? 'password'
      : clientSecretKey !== undefined
        ? 'client_credentials'
        : undefined);
  if (grantType !== undefined && grantType !== 'password' && grantType !== 'client_credentials') {
    throw new TypeError('grantType must be "password" or "client_credentials"');
  }
  if (grantType === 'password' && (username === undefined || password === undefined))
    throw new TypeError('grantType "password" needs username and password');
  if (grantType === 'client_credentials' && clientSecretKey === undefined)
    throw new TypeError('grantType "client_credentials" needs clientSecretKey');
  const token = tokenOption(options.token);
  if (grantType === undefined && token === undefined) {
    throw new TypeError('username and password, clientSecretKey, or token must be given');
  }
  const cert = options.cert;
  if (cert !== undefined && (!Array.isArray(cert) || cert.length !== 2))
    throw new TypeError('cert must be a [cert, key] pair of PEM strings or Buffers');
  return {
    connection: connectionOptionsOf(options),
    grantType,
    username,
    password,
    token,
    totp: optionalString('totp', options.totp),
    realmName,
    tokenRealmName: optionalString('userRealmName', options.userRealmName) ?? realmName,
    clientId: optionalString('clientId', options.clientId) ?? 'admin-cli',
    clientSecretKey,
    refreshMarginMs: durationOption('refreshMarginMs', options.refreshMarginMs, CONNECTION_DEFAULTS.refreshMarginMs),
    now: clockOption(options.now),
  };
}

/** A realm name as {@link KeycloakOpenIDConnection} and KeycloakAdmin accept it. */
export function realmNameOption(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

function optionalString(name: string, value: unknown, allowEmpty = false): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || (!allowEmpty && value === ''))
    throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

function tokenOption(value: unknown): string | AdminToken | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value !== '') return value;
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { access_token?: unknown }).access_token === 'string'
  ) {
    return value as AdminToken;
  }
  throw new TypeError('token must be an access token string or a token response with access_token');
}
