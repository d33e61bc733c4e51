import { expandRoles, effectiveUserRoles } from '../model/roles.js';
import type { ClientModel, RealmModel, RoleModel } from '../model/types.js';
import type { AdminAuth } from './auth.js';
import { forbidden } from './errors.js';

/** Names of the management client roles (AdminRoles), as Keycloak's role-based evaluators read them. */
export type AdminRoleName =
  | 'realm-admin'
  | 'create-client'
  | 'manage-realm'
  | 'view-realm'
  | 'manage-users'
  | 'view-users'
  | 'query-users'
  | 'manage-clients'
  | 'view-clients'
  | 'query-clients'
  | 'query-groups'
  | 'manage-events'
  | 'view-events'
  | 'manage-identity-providers'
  | 'view-identity-providers'
  | 'manage-authorization'
  | 'view-authorization'
  | 'impersonation'
  | 'view-organizations'
  | 'manage-organizations'
  | 'query-organizations';

/** Throws the admin API's 403 unless `allowed`. */
export function allowIf(allowed: boolean): void {
  if (!allowed) throw forbidden();
}

const MASTER = 'master';

/** Whether the caller may create realms: master's `admin` or `create-realm` realm role (RealmsPermissions). */
export function canCreateRealm(auth: AdminAuth): boolean {
  if (auth.realm.name !== MASTER) return false;
  const roles = effectiveUserRoles(auth.user);
  return ['admin', 'create-realm'].some((name) => hasRole(roles, auth.realm.roles.get(name)));
}

/** Whether the caller holds master's `admin` realm role (the creator of a realm then needs no grant). */
export function isMasterAdmin(auth: AdminAuth): boolean {
  return auth.realm.name === MASTER && hasRole(effectiveUserRoles(auth.user), auth.realm.roles.get('admin'));
}

function hasRole(held: Set<RoleModel>, role: RoleModel | undefined): boolean {
  return role !== undefined && held.has(role);
}

/**
 * Role-based admin permissions of one caller over one realm, as Keycloak's MgmtPermissions evaluates them
 * without fine-grained permissions: a master caller uses the `<realm>-realm` client of master, a caller of the
 * realm itself its `realm-management` client; a caller of any other realm has no role there.
 */
export class RealmPermissions {
  readonly #held: Set<RoleModel>;
  readonly #client: ClientModel | undefined;

  constructor(auth: AdminAuth, target: RealmModel, master: RealmModel | undefined) {
    this.#held = expandRoles(effectiveUserRoles(auth.user));
    if (auth.realm.name === MASTER) this.#client = master?.clients.get(`${target.name}-realm`);
    else if (auth.realm === target) this.#client = target.clients.get('realm-management');
  }

  /** Whether the caller holds at least one of these management roles. */
  hasOne(...names: AdminRoleName[]): boolean {
    return names.some((name) => hasRole(this.#held, this.#client?.roles.get(name)));
  }

  /** Any management role at all (RealmsPermissions.isAdmin): enough to see the realm's name. */
  isAdmin(): boolean {
    return this.#client !== undefined && [...this.#client.roles.values()].some((role) => this.#held.has(role));
  }

  /** manage-realm. */
  canManageRealm(): boolean {
    return this.hasOne('manage-realm');
  }

  /** view-realm or manage-realm. */
  canViewRealm(): boolean {
    return this.hasOne('view-realm', 'manage-realm');
  }

  /** manage-users. */
  canManageUsers(): boolean {
    return this.hasOne('manage-users');
  }

  /** view-users or manage-users. */
  canViewUsers(): boolean {
    return this.hasOne('view-users', 'manage-users');
  }

  /** query-users, or any role that lets the caller view users. */
  canQueryUsers(): boolean {
    return this.canViewUsers() || this.hasOne('query-users');
  }

  /** impersonation (UserPermissions.canImpersonate, without the impersonated user's checks). */
  canImpersonate(): boolean {
    return this.hasOne('impersonation');
  }

  /** view-clients or manage-clients. */
  canViewClients(): boolean {
    return this.hasOne('view-clients', 'manage-clients');
  }

  /** manage-clients (ClientPermissions.canManage / canConfigure without fine-grained permissions). */
  canManageClients(): boolean {
    return this.hasOne('manage-clients');
  }

  /** query-clients, or any role that lets the caller view clients (ClientPermissions.canList). */
  canListClients(): boolean {
    return this.canViewClients() || this.hasOne('query-clients');
  }

  /** query-groups or a users role (GroupPermissions.canList). */
  canListGroups(): boolean {
    return this.canViewUsers() || this.hasOne('query-groups');
  }

  /** view-identity-providers, manage-identity-providers or a realm view right (RealmPermissions.canViewIdentityProviders). */
  canViewIdentityProviders(): boolean {
    return this.canViewRealm() || this.hasOne('view-identity-providers', 'manage-identity-providers');
  }

  /** manage-identity-providers (RealmPermissions.canManageIdentityProviders). */
  canManageIdentityProviders(): boolean {
    return this.hasOne('manage-identity-providers');
  }

  /** manage-organizations or manage-realm (OrganizationPermissions.canManage; view-realm is not enough). */
  canManageOrganizations(): boolean {
    return this.hasOne('manage-organizations', 'manage-realm');
  }

  /** view-organizations or a right to manage them (OrganizationPermissions.canView). */
  canViewOrganizations(): boolean {
    return this.canManageOrganizations() || this.hasOne('view-organizations');
  }

  /** query-organizations or a right to view them (OrganizationPermissions.canQuery): lists and counts only. */
  canQueryOrganizations(): boolean {
    return this.canViewOrganizations() || this.hasOne('query-organizations');
  }
}
