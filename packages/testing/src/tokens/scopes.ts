import { expandRoles } from '../model/roles.js';
import type { ClientModel, ClientScopeModel, RealmModel, RoleModel } from '../model/types.js';

/** The client scopes a token request ends up with: the client's defaults plus requested optional ones. */
export function appliedScopes(
  realm: RealmModel,
  client: ClientModel,
  requested: string | undefined,
): ClientScopeModel[] {
  const asked = new Set((requested ?? '').split(' ').filter(Boolean));
  const names = [...client.defaultClientScopes, ...client.optionalClientScopes.filter((n) => asked.has(n))];
  return names.flatMap((n) => {
    const scope = realm.clientScopes.get(n);
    return scope && scope.protocol === 'openid-connect' ? [scope] : [];
  });
}

/** The `scope` claim: openid when asked, then scopes that are included in the token scope. */
export function scopeClaim(scopes: readonly ClientScopeModel[], requested: string | undefined): string {
  const names = scopes
    .filter((s) => s.attributes['include.in.token.scope'] !== 'false')
    .map((s) => s.name)
    .sort();
  const openid = (requested ?? '').split(' ').includes('openid');
  return [...(openid ? ['openid'] : []), ...names].join(' ');
}

/** The full internal scope list kept in refresh tokens. */
export function refreshScope(scopes: readonly ClientScopeModel[], requested: string | undefined): string {
  const openid = (requested ?? '').split(' ').includes('openid');
  return [...(openid ? ['openid'] : []), ...scopes.map((s) => s.name)].join(' ');
}

/**
 * The user's roles as they may appear in a token for this client: all of them with fullScopeAllowed, else only
 * the client's own roles and those its scope mappings (and its scopes' mappings) allow (TokenManager.getAccess).
 */
export function rolesInScope(
  client: ClientModel,
  scopes: readonly ClientScopeModel[],
  userRoles: Set<RoleModel>,
): Set<RoleModel> {
  if (client.fullScopeAllowed) return userRoles;
  const allowed = expandRoles([...client.scopeMappings, ...scopes.flatMap((s) => [...s.scopeMappings])]);
  return new Set([...userRoles].filter((r) => r.clientId === client.id || allowed.has(r)));
}
