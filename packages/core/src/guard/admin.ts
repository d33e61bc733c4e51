/**
 * The admin client of guarded apps (`req.keycloak.admin`): one per app, created on first use, shared by
 * every request.
 */

/** Credentials of the admin client; default: the service account of the guard's client. */
export interface GuardAdminOptions {
  /** An admin user (password grant) instead of the service account. */
  username?: string;
  password?: string;
  /** The realm the user belongs to, when not the guarded realm (e.g. `master`). */
  userRealmName?: string;
  /** The client the admin token is requested for; default the guard's `clientId` (or `admin-cli` with a username). */
  clientId?: string;
  /** Its secret; default the guard's `clientSecret`. */
  clientSecretKey?: string;
  /** The realm the admin calls act on; default the guarded realm. */
  realmName?: string;
}

/** The admin client type guards hand out. */
export type GuardAdmin = unknown;

/** What the guard knows when it builds the admin client. */
export interface AdminContext {
  serverUrl: string;
  realm: string | undefined;
  clientId: string;
  clientSecret: string | undefined;
}

/** A factory of the app's admin client, or undefined when `admin: false` or no credentials exist. */
export function adminFactory(_context: AdminContext, options: GuardAdminOptions | false | undefined): (() => GuardAdmin) | undefined {
  if (options === false) return undefined;
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError('"admin" must be an object or false');
  return undefined;
}
