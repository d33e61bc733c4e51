import type { RealmModel } from '../../model/types.js';
import type { JsonObject } from '../json-body.js';
import { realmSetting } from '../realms/realm-representation.js';
import { profileAttributes, userProfileConfig } from './user-attribute-policy.js';

/**
 * `userProfileMetadata` of `GET users/{id}?userProfileMetadata=true`, as UserProfileUtil.createUserProfileMetadata
 * builds it for the admin context: each attribute an admin may view, with its validators (every one marked
 * `ignore.empty.value`, and a single-valued attribute gets `multivalued: {max: "1"}`), whether it is required or
 * read-only for an admin, and the profile's attribute groups. Without an existing user (`GET users/profile/metadata`,
 * a profile of the USER_API context for a user being created) the username is never read-only.
 */
export function userProfileMetadata(realm: RealmModel, existingUser = true): JsonObject {
  const config = userProfileConfig(realm);
  const attributes = profileAttributes(config).filter(
    (a) => roles(a, 'view').includes('admin') || roles(a, 'edit').includes('admin'),
  );
  return {
    attributes: attributes.map((a) => attributeMetadata(realm, a, existingUser)),
    groups: (Array.isArray(config['groups']) ? (config['groups'] as JsonObject[]) : []).map((g) => {
      const out: JsonObject = { name: g['name'] };
      for (const key of ['displayHeader', 'displayDescription', 'annotations'] as const)
        if (g[key] !== undefined) out[key] = g[key];
      return out;
    }),
  };
}

function roles(attribute: JsonObject, kind: 'view' | 'edit'): unknown[] {
  const permissions = attribute['permissions'] as JsonObject | undefined;
  const list = permissions?.[kind];
  return Array.isArray(list) ? list : [];
}

// `required` applies to an admin when it names the admin role, or no roles and no scopes at all.
function requiredForAdmin(attribute: JsonObject): boolean {
  if (attribute['name'] === 'username') return true;
  const required = attribute['required'] as JsonObject | undefined;
  if (!required || typeof required !== 'object') return false;
  const requiredRoles = Array.isArray(required['roles']) ? required['roles'] : [];
  const scopes = Array.isArray(required['scopes']) ? required['scopes'] : [];
  return requiredRoles.includes('admin') || (requiredRoles.length === 0 && scopes.length === 0);
}

// An existing user's username is read-only unless the realm lets usernames be edited; it always is when the e-mail
// is the username.
function readOnlyForAdmin(realm: RealmModel, attribute: JsonObject, existingUser: boolean): boolean {
  if (attribute['name'] === 'username')
    return (
      (existingUser && realmSetting(realm, 'editUsernameAllowed') !== true) ||
      realmSetting(realm, 'registrationEmailAsUsername') === true
    );
  return !roles(attribute, 'edit').includes('admin');
}

function attributeMetadata(realm: RealmModel, attribute: JsonObject, existingUser: boolean): JsonObject {
  const multivalued = attribute['multivalued'] === true;
  const validators: JsonObject = {};
  const validations = (attribute['validations'] as JsonObject | undefined) ?? {};
  for (const [name, config] of Object.entries(validations))
    validators[name] = { 'ignore.empty.value': true, ...(config as JsonObject) };
  if (!multivalued) validators['multivalued'] = { max: '1' };
  const out: JsonObject = {
    name: attribute['name'],
    displayName: attribute['displayName'] ?? '',
    required: requiredForAdmin(attribute),
    readOnly: readOnlyForAdmin(realm, attribute, existingUser),
  };
  if (attribute['annotations'] !== undefined) out['annotations'] = attribute['annotations'];
  out['validators'] = validators;
  if (attribute['group'] !== undefined) out['group'] = attribute['group'];
  out['multivalued'] = multivalued;
  return out;
}
