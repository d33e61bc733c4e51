/**
 * The UMA helpers behind {@link KeycloakOpenID.umaPermissions} and {@link KeycloakOpenID.hasUmaAccess}:
 * python-keycloak's `build_permission_param` and the comparison of granted with needed permissions.
 */
import { KeycloakOperationError } from '../errors.js';
import type { AuthStatus, UMAPermissionGrant, UMAPermissionInput } from './types.js';

/**
 * The `permission` values to send: a string is one permission (`resource#scope`), a list is several,
 * a map gives each resource its scopes (`{ doc: ['read', 'write'] }` -> `doc#read`, `doc#write`; no
 * scopes -> `doc`). Duplicates are dropped; the order of first appearance is kept.
 */
export function buildPermissionParam(permissions: UMAPermissionInput | undefined): string[] {
  if (permissions === undefined || permissions === '') return [];
  if (typeof permissions === 'string') return [permissions];
  if (Array.isArray(permissions)) {
    if (!permissions.every((item) => typeof item === 'string')) throw new KeycloakOperationError('permissions must be strings');
    return [...new Set(permissions as readonly string[])];
  }
  if (permissions === null || typeof permissions !== 'object') throw new KeycloakOperationError('permissions must be a string, a list or a map');
  const out = new Set<string>();
  for (const [resource, scopes] of Object.entries(permissions as Readonly<Record<string, string | readonly string[] | null | undefined>>)) {
    const list = scopes === null || scopes === undefined ? [] : typeof scopes === 'string' ? [scopes] : scopes;
    if (!list.every((scope) => typeof scope === 'string')) throw new KeycloakOperationError(`scopes of ${resource} must be strings`);
    if (list.length === 0) out.add(resource);
    for (const scope of list) out.add(`${resource}#${scope}`);
  }
  return [...out];
}

/**
 * python-keycloak's comparison: a grant without scopes satisfies `rsname`; a grant with scopes
 * satisfies `rsname#scope` for each of them.
 */
export function umaAccess(needed: readonly string[], granted: readonly UMAPermissionGrant[]): AuthStatus {
  const missing = new Set(needed);
  for (const grant of granted) {
    const resource = grant.rsname;
    const scopes = Array.isArray(grant.scopes) ? grant.scopes : [];
    if (scopes.length === 0) missing.delete(resource);
    for (const scope of scopes) missing.delete(`${resource}#${scope}`);
  }
  return { is_logged_in: true, is_authorized: missing.size === 0, missing_permissions: [...missing] };
}
