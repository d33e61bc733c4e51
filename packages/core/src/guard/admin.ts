/**
 * The admin client of guarded apps (`req.keycloak.admin`): one per app, created on first use, shared by
 * every request.
 */
import type { Dispatcher } from 'undici';
import { resolveOpenIDConnectionOptions, type ResolvedOpenIDConnectionOptions } from '../admin/auth/options.js';
import { adminFromResolved, type KeycloakAdmin, type KeycloakAdminOptions } from '../admin/keycloak-admin.js';
import { knownOptions } from '../shared/options.js';

/** Credentials of the admin client; default: the service account of the guard's client. */
export interface GuardAdminOptions {
  /** An admin user (password grant) instead of the service account. */
  username?: string;
  password?: string;
  /** The realm the user belongs to, when not the guarded realm (e.g. `master`). */
  userRealmName?: string;
  /** The client the admin token is requested for; default the guard's `clientId` (`admin-cli` with a username). */
  clientId?: string;
  /** Its secret; default the guard's `clientSecret` (none with a username). */
  clientSecretKey?: string;
  /** The realm the admin calls act on; default the guarded realm. */
  realmName?: string;
}

/** The admin client type guards hand out. */
export type GuardAdmin = KeycloakAdmin;

/** What the guard knows when it builds the admin client. */
export interface AdminContext {
  serverUrl: string;
  realm: string | undefined;
  clientId: string;
  clientSecret: string | undefined;
  dispatcher: Dispatcher | undefined;
}

const ADMIN_OPTIONS: Record<keyof GuardAdminOptions, true> = {
  username: true,
  password: true,
  userRealmName: true,
  clientId: true,
  clientSecretKey: true,
  realmName: true,
};

/**
 * Returns a factory of the app's admin client, or undefined when `admin: false` or no credentials can
 * be derived (no secret, or no fixed realm). The credentials are checked now, so a bad `admin` option
 * fails at construction with a TypeError naming it, not on the first request that uses the client.
 */
export function adminFactory(
  context: AdminContext,
  options: GuardAdminOptions | false | undefined,
): (() => GuardAdmin) | undefined {
  if (options === false) return undefined;
  if (options !== undefined && (options === null || typeof options !== 'object'))
    throw new TypeError('"admin" must be an object or false');
  if (options !== undefined) knownOptions('the Keycloak guard', options, ADMIN_OPTIONS, 'admin.');
  const realmName = options?.realmName ?? context.realm;
  if (realmName === undefined) return undefined;
  const common = {
    serverUrl: context.serverUrl,
    realmName,
    // Stryker disable next-line ConditionalExpression: a dispatcher given as undefined is no dispatcher.
    ...(context.dispatcher === undefined ? {} : { dispatcher: context.dispatcher }),
  };
  let settings: KeycloakAdminOptions;
  if (options?.username !== undefined) {
    settings = {
      ...common,
      username: options.username,
      password: options.password,
      userRealmName: options.userRealmName,
      clientId: options.clientId ?? 'admin-cli',
      clientSecretKey: options.clientSecretKey,
    };
  } else {
    const clientSecretKey = options?.clientSecretKey ?? context.clientSecret;
    if (clientSecretKey === undefined) return undefined;
    settings = { ...common, clientId: options?.clientId ?? context.clientId, clientSecretKey };
  }
  let resolved: ResolvedOpenIDConnectionOptions;
  try {
    resolved = resolveOpenIDConnectionOptions(settings);
  } catch (error) {
    throw new TypeError(`"admin": ${(error as Error).message}`, { cause: error });
  }
  // Checked once, here: the client is built from what was checked.
  return () => adminFromResolved(resolved);
}
