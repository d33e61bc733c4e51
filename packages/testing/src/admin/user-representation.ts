import { clientById } from '../model/roles.js';
import type { RealmModel, UserModel } from '../model/types.js';
import type { JsonObject } from './json-body.js';
import type { RealmPermissions } from './permissions.js';

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
    id: user.id,
    username: user.username,
    ...(user.firstName !== undefined ? { firstName: user.firstName } : {}),
    ...(user.lastName !== undefined ? { lastName: user.lastName } : {}),
    ...(user.email !== undefined ? { email: user.email } : {}),
    emailVerified: user.emailVerified,
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
  const rep: JsonObject = { id: user.id, username: user.username };
  if (user.firstName !== undefined) rep['firstName'] = user.firstName;
  if (user.lastName !== undefined) rep['lastName'] = user.lastName;
  if (user.email !== undefined) rep['email'] = user.email;
  rep['emailVerified'] = user.emailVerified;
  if (Object.keys(user.attributes).length > 0) rep['attributes'] = structuredClone(user.attributes);
  rep['createdTimestamp'] = user.createdTimestamp;
  rep['enabled'] = user.enabled;
  rep['totp'] = false;
  if (user.serviceAccountClientId) {
    const owner = clientById(realm, user.serviceAccountClientId);
    if (owner) rep['serviceAccountClientId'] = owner.clientId;
  }
  rep['disableableCredentialTypes'] = [];
  rep['requiredActions'] = [...user.requiredActions];
  rep['notBefore'] = user.notBefore;
  rep['access'] = userAccess(perms);
  return rep;
}
