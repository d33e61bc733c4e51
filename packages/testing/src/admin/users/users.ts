import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { RealmModel, UserModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorMessage } from '../errors.js';
import { booleanParam, readJsonObject, type RepresentationShape } from '../json-body.js';
import { CREDENTIAL_FIELDS, USER_FIELDS } from '../known-fields.js';
import { allowIf, type RealmPermissions } from '../permissions.js';
import { userProfileMetadata } from './user-profile-metadata.js';
import { parsePage, parseUserQuery, selectUsers } from './user-query.js';
import {
  userAccess,
  userListingAccess,
  userToAdminRepresentation,
  userToBriefRepresentation,
} from './user-representation.js';
import { createUserFromRep, setPassword, updateUserFromRep } from './user-write.js';
import { ADMIN_JSON } from '../json-media-type.js';

const USER_SHAPE: RepresentationShape = {
  className: 'org.keycloak.representations.idm.UserRepresentation',
  fields: USER_FIELDS,
};
const CREDENTIAL_SHAPE: RepresentationShape = {
  className: 'org.keycloak.representations.idm.CredentialRepresentation',
  fields: CREDENTIAL_FIELDS,
};

// With only query-users a caller may search but sees no user (no fine-grained group view rights here).
function visible(perms: RealmPermissions, users: UserModel[]): UserModel[] {
  return perms.canViewUsers() ? users : [];
}

async function listUsers(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canQueryUsers());
  const { first, max } = parsePage(ctx.url);
  const selected = visible(perms, selectUsers(realm, parseUserQuery(ctx.url)));
  const page = selected.slice(first, max < 0 ? undefined : first + max);
  const brief = ctx.url.searchParams.get('briefRepresentation')?.toLowerCase() === 'true';
  return {
    status: 200,
    body: page.map((u) =>
      brief
        ? userToBriefRepresentation(u, userListingAccess(perms))
        : userToAdminRepresentation(realm, u, userListingAccess(perms)),
    ),
  };
}

async function countUsers(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canQueryUsers());
  return {
    status: 200,
    body: String(visible(perms, selectUsers(realm, parseUserQuery(ctx.url))).length),
    headers: { 'content-type': ADMIN_JSON },
  };
}

async function createUser(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageUsers());
  const rep = await readJsonObject(ctx, USER_SHAPE);
  const user = createUserFromRep(realm, rep, ctx.kernel.clock.now());
  realm.users.set(user.id, user);
  return {
    status: 201,
    headers: { location: `${ctx.baseUrl}/admin/realms/${encodeURIComponent(realm.name)}/users/${user.id}` },
  };
}

/** UsersResource.user: an unknown id is 404 for a caller who may query users, 403 otherwise (no id phishing). */
export function findUser(ctx: RequestContext, realm: RealmModel, perms: RealmPermissions): UserModel {
  const user = realm.users.get(ctx.params['id'] ?? '');
  if (user) return user;
  allowIf(perms.canQueryUsers());
  throw errorMessage(404, 'User not found');
}

async function getUser(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const user = findUser(ctx, realm, perms);
  allowIf(perms.canViewUsers());
  const rep = userToAdminRepresentation(realm, user, userAccess(perms));
  if (booleanParam(ctx.url, 'userProfileMetadata') === true) rep['userProfileMetadata'] = userProfileMetadata(realm);
  return { status: 200, body: rep };
}

async function updateUser(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const user = findUser(ctx, realm, perms);
  allowIf(perms.canManageUsers());
  updateUserFromRep(realm, user, await readJsonObject(ctx, USER_SHAPE));
  return { status: 204 };
}

async function deleteUser(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const user = findUser(ctx, realm, perms);
  allowIf(perms.canManageUsers());
  realm.users.delete(user.id);
  ctx.kernel.sessions.removeAll(realm, user.id);
  return { status: 204 };
}

// UserResource.resetPassword: a missing or blank value is a 400; temporary adds UPDATE_PASSWORD.
async function resetPassword(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const user = findUser(ctx, realm, perms);
  allowIf(perms.canManageUsers());
  const rep = await readJsonObject(ctx, CREDENTIAL_SHAPE);
  const value = rep['value'];
  if (typeof value !== 'string') throw errorMessage(400, 'No password provided');
  if (value.trim() === '') throw errorMessage(400, 'Empty password not allowed');
  setPassword(user, value, rep['temporary'] === true, ctx.kernel.clock.now());
  return { status: 204 };
}

/** User routes of the admin API; `count` is registered before `{id}` as JAX-RS prefers literal segments. */
export const userRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/users', endpoint: 'admin', handler: listUsers },
  { method: 'POST', path: '/admin/realms/{realm}/users', endpoint: 'admin', handler: createUser },
  { method: 'GET', path: '/admin/realms/{realm}/users/count', endpoint: 'admin', handler: countUsers },
  { method: 'GET', path: '/admin/realms/{realm}/users/{id}', endpoint: 'admin', handler: getUser },
  { method: 'PUT', path: '/admin/realms/{realm}/users/{id}', endpoint: 'admin', handler: updateUser },
  { method: 'DELETE', path: '/admin/realms/{realm}/users/{id}', endpoint: 'admin', handler: deleteUser },
  { method: 'PUT', path: '/admin/realms/{realm}/users/{id}/reset-password', endpoint: 'admin', handler: resetPassword },
];
