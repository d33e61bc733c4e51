import type { RealmModel, UserModel } from '../../model/types.js';
import type { JsonObject } from '../json-body.js';
import { DEFAULT_USER_PROFILE } from './user-profile-default.js';

/**
 * What the declarative user profile lets the admin API do with a user's attributes (DeclarativeUserProfile,
 * UPConfig.unmanagedAttributePolicy). An attribute the profile declares is "managed"; any other is unmanaged, and
 * with no policy (a new realm's default) the admin can neither see nor write it: it is dropped from a create or an
 * update, and left out of the representation. ENABLED and ADMIN_EDIT let the admin read and write unmanaged
 * attributes, ADMIN_VIEW only read them.
 */

const PROFILE_KEY = 'admin.userProfile';
const BUILT_IN = new Set(['username', 'email', 'firstName', 'lastName']);

/** The realm's user profile configuration (UPConfig). */
export function userProfileConfig(realm: RealmModel): JsonObject {
  return (realm.extensions[PROFILE_KEY] as JsonObject | undefined) ?? defaultProfileOf(realm);
}

// The master realm answers the default profile without `required` on email and names (observed: that is
// what a Keycloak 26.7.3 answers); every realm created later has them.
function defaultProfileOf(realm: RealmModel): JsonObject {
  const profile = structuredClone(DEFAULT_USER_PROFILE) as { attributes: JsonObject[] };
  if (realm.name === 'master') for (const attribute of profile.attributes) delete attribute['required'];
  return profile as unknown as JsonObject;
}

/** Stores a new user profile configuration. */
export function setUserProfileConfig(realm: RealmModel, config: JsonObject): void {
  realm.extensions[PROFILE_KEY] = config;
}

/** The attribute declarations of the profile, as objects with a name. */
export function profileAttributes(config: JsonObject): JsonObject[] {
  const attributes = config['attributes'];
  return Array.isArray(attributes)
    ? attributes.filter(
        (a): a is JsonObject => !!a && typeof a === 'object' && typeof (a as JsonObject)['name'] === 'string',
      )
    : [];
}

function managedNames(realm: RealmModel): Set<string> {
  return new Set(
    profileAttributes(userProfileConfig(realm))
      .map((a) => a['name'] as string)
      .filter((name) => !BUILT_IN.has(name)),
  );
}

function policy(realm: RealmModel): string | undefined {
  const value = userProfileConfig(realm)['unmanagedAttributePolicy'];
  return typeof value === 'string' ? value : undefined;
}

/** The attributes `GET users/{id}` shows: managed ones, and unmanaged ones when the policy lets an admin view them. */
export function adminVisibleAttributes(realm: RealmModel, user: UserModel): Record<string, string[]> {
  const managed = managedNames(realm);
  const viewUnmanaged = ['ENABLED', 'ADMIN_VIEW', 'ADMIN_EDIT'].includes(policy(realm) ?? '');
  return Object.fromEntries(Object.entries(user.attributes).filter(([key]) => managed.has(key) || viewUnmanaged));
}

/**
 * The attributes a user has after an admin writes `sent` (a create or an update that carries `attributes`):
 * writable ones are replaced by what was sent, the others (unmanaged ones the admin may not edit) stay as stored.
 */
export function writeAdminAttributes(
  realm: RealmModel,
  user: UserModel,
  sent: Record<string, string[]>,
): Record<string, string[]> {
  const managed = managedNames(realm);
  const editUnmanaged = ['ENABLED', 'ADMIN_EDIT'].includes(policy(realm) ?? '');
  const writable = (key: string): boolean => managed.has(key) || editUnmanaged;
  const kept = Object.entries(user.attributes).filter(([key]) => !writable(key));
  const written = Object.entries(sent).filter(([key]) => writable(key) && !BUILT_IN.has(key));
  return Object.fromEntries([...kept, ...written]);
}
