import { serviceAccountOwner, userIdentityFields } from '../../model/export.js';
import type { RealmModel, UserModel } from '../../model/types.js';
import type { JsonObject } from '../json-body.js';
import type { RealmPermissions } from '../permissions.js';

/** UserPermissions.getAccess: what the caller may do with the user, in Keycloak's key order. */
export function userAccess(perms: RealmPermissions): Record<string, boolean> {
  const manage = perms.canManageUsers();
  return {
    manageGroupMembership: manage,
    view: perms.canViewUsers(),
    mapRoles: manage,
    impersonate: perms.canImpersonate(),
    manage,
  };
}

/** ModelToRepresentation.toBriefRepresentation plus `access`. */
export function userToBriefRepresentation(user: UserModel, perms: RealmPermissions): JsonObject {
  return {
    ...userIdentityFields(user),
    createdTimestamp: user.createdTimestamp,
    enabled: user.enabled,
    access: userAccess(perms),
  };
}

/**
 * The user as `GET /admin/realms/{realm}/users/{id}` answers it: ModelToRepresentation.toRepresentation's fields
 * in Keycloak's order, attributes only when there are some, never credentials.
 */
export function userToAdminRepresentation(realm: RealmModel, user: UserModel, perms: RealmPermissions): JsonObject {
  const rep: JsonObject = { ...userIdentityFields(user) };
  if (Object.keys(user.attributes).length > 0) rep['attributes'] = structuredClone(user.attributes);
  rep['createdTimestamp'] = user.createdTimestamp;
  rep['enabled'] = user.enabled;
  rep['totp'] = false;
  const owner = serviceAccountOwner(realm, user);
  if (owner !== undefined) rep['serviceAccountClientId'] = owner;
  rep['disableableCredentialTypes'] = [];
  rep['requiredActions'] = [...user.requiredActions];
  rep['notBefore'] = user.notBefore;
  rep['access'] = userAccess(perms);
  return rep;
}
