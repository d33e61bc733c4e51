/**
 * The `RESOURCE#SCOPE1,SCOPE2` permission notation of Keycloak's UMA grant (`permission` parameter),
 * shared by the UMA client and the guards.
 */
import { KeycloakPermissionFormatError } from '../errors.js';

/** A parsed permission request: a resource, its scopes, or both. */
export interface PermissionRequest {
  /** Resource id or name; absent for `#scope` requests. */
  readonly resource?: string;
  /** Requested scopes; empty when the whole resource is asked for. */
  readonly scopes: readonly string[];
}

/**
 * Parses `resource`, `resource#scope1,scope2` or `#scope1,scope2` the way Keycloak splits the
 * `permission` parameter (first `#`, then `,`).
 *
 * @throws KeycloakPermissionFormatError when the string is empty, has more than one `#`, names
 * neither a resource nor a scope, or has an empty scope (`a#x,,y`).
 */
export function parsePermissionString(permission: string): PermissionRequest {
  if (typeof permission !== 'string') {
    throw new KeycloakPermissionFormatError(`A permission must be a string, got ${typeof permission}`);
  }
  const text = permission.trim();
  if (text === '') throw new KeycloakPermissionFormatError('A permission must not be empty');
  const hash = text.indexOf('#');
  if (hash === -1) return { resource: text, scopes: [] };
  if (text.indexOf('#', hash + 1) !== -1) {
    throw new KeycloakPermissionFormatError(`Permission "${text}" has more than one "#"`);
  }
  const resource = text.slice(0, hash).trim();
  const scopePart = text.slice(hash + 1);
  if (scopePart.trim() === '') {
    // `resource#` is a typo more often than a request: refuse it rather than widen it to the whole resource
    throw new KeycloakPermissionFormatError(`Permission "${text}" has a "#" but no scope after it`);
  }
  const scopes = scopePart.split(',').map((scope) => scope.trim());
  if (scopes.some((scope) => scope === '')) {
    throw new KeycloakPermissionFormatError(`Permission "${text}" has an empty scope`);
  }
  return resource === '' ? { scopes } : { resource, scopes };
}

/** Formats a permission request back into Keycloak's notation; the inverse of {@link parsePermissionString}. */
export function formatPermissionString(permission: PermissionRequest): string {
  const resource = permission.resource ?? '';
  if (resource === '' && permission.scopes.length === 0) {
    throw new KeycloakPermissionFormatError('A permission needs a resource, a scope, or both');
  }
  if (
    resource.includes('#') ||
    permission.scopes.some((scope) => scope === '' || scope.includes(',') || scope.includes('#'))
  ) {
    throw new KeycloakPermissionFormatError('Resource and scope names used in a permission cannot contain "#" or ","');
  }
  return permission.scopes.length === 0 ? resource : `${resource}#${permission.scopes.join(',')}`;
}
