/**
 * What python-keycloak's `get_policies` / `get_permissions` compute from a token, so KeycloakOpenID
 * can delegate to them once it has the token's claims (introspected or decoded).
 */
import { KeycloakAuthorizationConfigError } from '../../errors.js';
import { isObject } from '../internal/json.js';
import type { Authorization } from './authorization.js';
import type { Permission } from './permission.js';
import type { Policy } from './policy.js';

function clientRoles(claims: Readonly<Record<string, unknown>>, clientId: string): string[] | undefined {
  const access = isObject(claims.resource_access) ? claims.resource_access[clientId] : undefined;
  if (!isObject(access) || !Array.isArray(access.roles) || access.roles.length === 0) return undefined;
  return access.roles.filter((role): role is string => typeof role === 'string');
}

function matchingPolicies(
  authorization: Authorization,
  claims: Readonly<Record<string, unknown>>,
  clientId: string,
): Policy[] | undefined {
  if (authorization.policies.size === 0) {
    throw new KeycloakAuthorizationConfigError('Keycloak settings not found. Load Authorization Keycloak settings.');
  }
  const roles = clientRoles(claims, clientId);
  if (roles === undefined) return undefined;
  return [...authorization.policies.values()].filter((policy) =>
    roles.some((role) => policy.hasRole(`${clientId}/${role}`)),
  );
}

/**
 * The role policies naming one of the token's roles of `clientId` (`resource_access[clientId].roles`
 * matched as `"clientId/role"`), or `undefined` when the token has no roles for that client
 * (python-keycloak returns None).
 *
 * @throws KeycloakAuthorizationConfigError when no config was loaded.
 */
export function getPolicies(
  authorization: Authorization,
  claims: Readonly<Record<string, unknown>>,
  clientId: string,
): Policy[] | undefined {
  return matchingPolicies(authorization, claims, clientId);
}

/**
 * The permissions applying any policy {@link getPolicies} returns, each once; `undefined` as there.
 *
 * @throws KeycloakAuthorizationConfigError when no config was loaded.
 */
export function getPermissions(
  authorization: Authorization,
  claims: Readonly<Record<string, unknown>>,
  clientId: string,
): Permission[] | undefined {
  const policies = matchingPolicies(authorization, claims, clientId);
  return policies && [...new Set(policies.flatMap((policy) => policy.permissions))];
}
