import type { KeycloakAccessTokenClaims } from '../../token/claims.js';
import { hasClientRole, hasRealmRole } from '../../token/verified-token.js';

/** One role requirement: `client` undefined means a realm role. */
export interface RoleRequirement {
  client: string | undefined;
  role: string;
}

/**
 * Parses a role of keycloak-connect's grammar against the configured client id. Splits on the first
 * colon only, so client roles may themselves contain colons.
 */
export function parseRole(spec: string, clientId: string): RoleRequirement {
  const colon = spec.indexOf(':');
  if (colon === -1) return { client: clientId, role: spec };
  const scope = spec.slice(0, colon);
  const role = spec.slice(colon + 1);
  if (scope === '' || role === '') throw new TypeError(`"spec.roles" has a malformed role ${JSON.stringify(spec)}`);
  return { client: scope === 'realm' ? undefined : scope, role };
}

/** True when the claims hold the role. */
export function holdsRole(claims: KeycloakAccessTokenClaims, requirement: RoleRequirement): boolean {
  return requirement.client === undefined
    ? hasRealmRole(claims, requirement.role)
    : hasClientRole(claims, requirement.client, requirement.role);
}
