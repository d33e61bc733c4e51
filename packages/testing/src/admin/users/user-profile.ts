import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { realmAdminRequest } from '../admin-context.js';
import { cannotParseJson, errorResponse } from '../errors.js';
import { readJsonObject, type JsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { setUserProfileConfig, userProfileConfig } from './user-attribute-policy.js';
import { userProfileMetadata } from './user-profile-metadata.js';

const UP_FIELDS = new Set(['attributes', 'groups', 'unmanagedAttributePolicy']);

// GET users/profile: any users or realm viewer may read it (UserProfileResource requires view-users or view-realm).
async function getProfile(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm() || perms.canQueryUsers());
  return { status: 200, body: userProfileConfig(realm) };
}

// GET users/profile/metadata (UserProfileResource.getMetadata): the metadata of a profile for a user being created.
async function getMetadata(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm() || perms.canQueryUsers());
  return { status: 200, body: userProfileMetadata(realm, false) };
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
  if (names.some((n) => typeof n !== 'string' || n === ''))
    throw errorResponse(400, 'Invalid configuration: attribute name is required');
  for (const required of ['username', 'email']) {
    if (!names.includes(required))
      throw errorResponse(400, `Invalid configuration: The attribute '${required}' can not be removed`);
  }
  const config = structuredClone(body);
  setUserProfileConfig(realm, config);
  return { status: 200, body: config };
}

/** The realm's user profile configuration; these routes must come before `users/{id}`. */
export const userProfileRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/users/profile', endpoint: 'admin', handler: getProfile },
  { method: 'PUT', path: '/admin/realms/{realm}/users/profile', endpoint: 'admin', handler: putProfile },
  { method: 'GET', path: '/admin/realms/{realm}/users/profile/metadata', endpoint: 'admin', handler: getMetadata },
];
