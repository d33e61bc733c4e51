import { serviceAccountOwner, userIdentityFields } from '../../model/export.js';
import type { RealmModel, UserModel } from '../../model/types.js';
import type { JsonObject } from '../json-body.js';
import type { RealmPermissions } from '../permissions.js';
import { adminVisibleAttributes } from './user-attribute-policy.js';

/** UserPermissions.getAccess: what the caller may do with the user, as `GET users/{id}` answers it. */
export function userAccess(perms: RealmPermissions): Record<string, boolean> {
  const manage = perms.canManageUsers();
  return {
    manageGroupMembership: manage,
    view: perms.canViewUsers(),
    mapRoles: manage,
    impersonate: perms.canImpersonate(),
    manage,
    resetPassword: manage,
  };
}

/** UserPermissions.getAccessForListing: a user listing (`GET users`) tells only whether the caller may manage. */
export function userListingAccess(perms: RealmPermissions): Record<string, boolean> {
  return { manage: perms.canManageUsers() };
}

/** ModelToRepresentation.toBriefRepresentation, with `access` when the resource adds one. */
export function userToBriefRepresentation(user: UserModel, access?: Record<string, boolean>): JsonObject {
  return {
    ...userIdentityFields(user),
    createdTimestamp: user.createdTimestamp,
    enabled: user.enabled,
    ...(access ? { access } : {}),
  };
}

/**
 * The user as `GET /admin/realms/{realm}/users/{id}` answers it: ModelToRepresentation.toRepresentation's fields
 * in Keycloak's order, the attributes the user profile shows an admin only when there are some, never credentials; `access` when the resource adds one.
 */
export function userToAdminRepresentation(
  realm: RealmModel,
  user: UserModel,
  access?: Record<string, boolean>,
): JsonObject {
  const rep: JsonObject = { ...userIdentityFields(user) };
  const attributes = adminVisibleAttributes(realm, user);
  if (Object.keys(attributes).length > 0) rep['attributes'] = structuredClone(attributes);
  rep['createdTimestamp'] = user.createdTimestamp;
  rep['enabled'] = user.enabled;
  rep['totp'] = false;
  const owner = serviceAccountOwner(realm, user);
  if (owner !== undefined) rep['serviceAccountClientId'] = owner;
  rep['disableableCredentialTypes'] = [];
  rep['requiredActions'] = [...user.requiredActions];
  rep['notBefore'] = user.notBefore;
  if (access) rep['access'] = access;
  return rep;
}
