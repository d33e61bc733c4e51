import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { RealmModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { cannotParseJson, errorResponse } from '../errors.js';
import { readJsonObject, type JsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { DEFAULT_USER_PROFILE } from './user-profile-default.js';

// The master realm answers the default profile without `required` on email and names (observed: that is
// what a Keycloak 26.7.3 answers); every realm created later has them.
function defaultProfileOf(realm: RealmModel): JsonObject {
  const profile = structuredClone(DEFAULT_USER_PROFILE) as { attributes: JsonObject[] };
  if (realm.name === 'master') for (const attribute of profile.attributes) delete attribute['required'];
  return profile as unknown as JsonObject;
}

const KEY = 'admin.userProfile';
const UP_FIELDS = new Set(['attributes', 'groups', 'unmanagedAttributePolicy']);

function profileOf(realm: RealmModel): JsonObject {
  return (realm.extensions[KEY] as JsonObject | undefined) ?? defaultProfileOf(realm);
}

// GET users/profile: any users or realm viewer may read it (UserProfileResource requires view-users or view-realm).
async function getProfile(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm() || perms.canQueryUsers());
  return { status: 200, body: profileOf(realm) };
}

// PUT users/profile: a whole UPConfig; username and email cannot go (DeclarativeUserProfileProvider.validateConfiguration).
async function putProfile(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  const body = await readJsonObject(ctx);
  const unknown = Object.keys(body).find((key) => !UP_FIELDS.has(key));
  if (unknown !== undefined) throw cannotParseJson();
  const attributes = body['attributes'] ?? [];
  if (!Array.isArray(attributes)) throw cannotParseJson();
  const names = attributes.map((a: unknown) => (a && typeof a === 'object' ? (a as JsonObject)['name'] : undefined));
  if (names.some((n) => typeof n !== 'string' || n === '')) throw errorResponse(400, 'Invalid configuration: attribute name is required');
  for (const required of ['username', 'email']) {
    if (!names.includes(required)) throw errorResponse(400, `Invalid configuration: The attribute '${required}' can not be removed`);
  }
  const config = structuredClone(body);
  realm.extensions[KEY] = config;
  return { status: 200, body: config };
}

/** The realm's user profile configuration (`users/profile` beats `users/{id}`: the router prefers literal segments). */
export const userProfileRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/users/profile', endpoint: 'admin', handler: getProfile },
  { method: 'PUT', path: '/admin/realms/{realm}/users/profile', endpoint: 'admin', handler: putProfile },
];
