/**
 * The UMA helpers behind {@link KeycloakOpenID.umaPermissions} and {@link KeycloakOpenID.hasUmaAccess}:
 * python-keycloak's `build_permission_param` and the comparison of granted with needed permissions.
 */
import { KeycloakPermissionFormatError } from '../errors.js';
import { UMAPermission } from '../permissions/uma-permission.js';
import { PermissionSet } from '../permissions/permission-set.js';
import type { AuthStatus, UMAPermissionGrant, UMAPermissionInput } from './types.js';

/**
 * The `permission` values to send: a string or a {@link UMAPermission} is one permission
 * (`resource#scope`), a list or set is several, a map gives each resource its scopes
 * (`{ doc: ['read', 'write'] }` -> `doc#read`, `doc#write`; `null` or no scopes -> `doc`).
 * Duplicates are dropped; the order of first appearance is kept.
 * @throws KeycloakPermissionFormatError for anything else (python-keycloak's "misbuilt permission").
 */
export function buildPermissionParam(permissions: UMAPermissionInput | undefined): string[] {
  if (permissions === undefined || permissions === '') return [];
  if (typeof permissions === 'string') return [permissions];
  if (permissions instanceof UMAPermission) return [permissions.toString()];
  if (Array.isArray(permissions) || permissions instanceof Set) {
    const list = [...(permissions as Iterable<unknown>)];
    if (!list.every((item) => typeof item === 'string' || item instanceof UMAPermission))
      throw new KeycloakPermissionFormatError('misbuilt permission: items must be strings or UMAPermissions');
    return [...new Set(list.map(String))];
  }
  if (permissions === null || typeof permissions !== 'object')
    throw new KeycloakPermissionFormatError('misbuilt permission: expected a string, a list or a map');
  const out = new Set<string>();
  for (const [resource, scopes] of Object.entries(
    permissions as Readonly<Record<string, string | readonly string[] | null | undefined>>,
  )) {
    const list = scopes === null || scopes === undefined ? [] : typeof scopes === 'string' ? [scopes] : scopes;
    if (!Array.isArray(list) || !list.every((scope) => typeof scope === 'string'))
      throw new KeycloakPermissionFormatError(`misbuilt permission: scopes of ${resource} must be strings`);
    if (list.length === 0) out.add(resource);
    for (const scope of list) out.add(`${resource}#${scope}`);
  }
  return [...out];
}

/**
 * Which needed permissions the grants cover, with Keycloak's meaning (the same as the guards'):
 * a grant names its resource by `rsname` or `rsid`, a grant without scopes covers every scope of its
 * resource, and `resource#a,b` needs both scopes. python-keycloak compared strings only, so a need
 * written `resource#a,b`, or a resource granted without scopes, never matched there.
 */
export function umaAccess(needed: readonly string[], granted: readonly UMAPermissionGrant[]): AuthStatus {
  const missing = needed.filter((permission) => !PermissionSet.from(permission).match(granted).allowed);
  return { is_logged_in: true, is_authorized: missing.length === 0, missing_permissions: missing };
}
