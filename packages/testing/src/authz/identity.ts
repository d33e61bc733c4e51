import type { ClientModel, RealmModel, UserModel } from '../model/types.js';

/**
 * Who asks, as Keycloak's KeycloakIdentity sees it: the user behind a verified access token, its claims (roles
 * are read from `realm_access`/`resource_access` unless a role policy fetches stored roles) and its client.
 */
export interface AuthzIdentity {
  /** The token's subject (user id). */
  id: string;
  user: UserModel | undefined;
  claims: Record<string, unknown>;
  /** The client the token was issued to (`azp`). */
  client: ClientModel | undefined;
}

/** Builds the identity of verified token claims. */
export function identityOf(realm: RealmModel, claims: Record<string, unknown>): AuthzIdentity {
  const id = typeof claims['sub'] === 'string' ? claims['sub'] : '';
  return { id, user: realm.users.get(id), claims, client: realm.clients.get(String(claims['azp'] ?? '')) };
}

function rolesIn(value: unknown): string[] {
  const roles = value && typeof value === 'object' ? (value as { roles?: unknown }).roles : undefined;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
}

/** KeycloakIdentity.hasRealmRole: from the token's `realm_access`. */
export function tokenHasRealmRole(identity: AuthzIdentity, role: string): boolean {
  return rolesIn(identity.claims['realm_access']).includes(role);
}

/** KeycloakIdentity.hasClientRole: from the token's `resource_access`. */
export function tokenHasClientRole(identity: AuthzIdentity, clientId: string, role: string): boolean {
  const access = identity.claims['resource_access'];
  return rolesIn(
    access && typeof access === 'object' ? (access as Record<string, unknown>)[clientId] : undefined,
  ).includes(role);
}

/** The value at a dot/bracket path of a claim set (`contact.address[0].country`). */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let current: unknown = claims;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
