/**
 * KeycloakAdmin: python-keycloak's admin client. It holds a {@link KeycloakOpenIDConnection} (the admin
 * token) and one {@link AdminRequester}; the API areas (realms.ts, users.ts, ...) each declare their
 * endpoints and methods in their own file, and KeycloakAdmin takes their methods on, so
 * `admin.getUsers()` reads as in python-keycloak while no file grows with the 200+ methods.
 */
import { KeycloakOpenIDConnection } from './auth/openid-connection.js';
import { realmNameOption, type KeycloakOpenIDConnectionOptions } from './auth/options.js';
import { authzPoliciesApi, type AuthzPoliciesApi } from './authz-policies.js';
import { authzApi, type AuthzApi } from './authz.js';
import { identityProvidersApi, type IdentityProvidersApi } from './identity-providers.js';
import { organizationsApi, type OrganizationsApi } from './organizations.js';
import { registerRequester } from './internal/requester-of.js';
import { clientScopesApi, type ClientScopesApi } from './client-scopes.js';
import { clientsApi, type ClientsApi } from './clients.js';
import { clientCertificatesApi, type ClientCertificatesApi } from './client-certificates.js';
import { clientRolesApi, type ClientRolesApi } from './client-roles.js';
import { realmsApi, type RealmsApi } from './realms.js';
import { roleMappingsApi, type RoleMappingsApi } from './role-mappings.js';
import { realmRolesApi, type RealmRolesApi } from './roles.js';
import { scopeMappingsApi, type ScopeMappingsApi } from './scope-mappings.js';
import { AdminRequester } from './request.js';
import { usersApi, type UsersApi } from './users.js';
import { groupsApi, type GroupsApi } from './groups.js';
import { userExtrasApi, type UserExtrasApi } from './user-extras.js';
import { authenticationApi, type AuthenticationApi } from './authentication.js';
import { componentsApi, type ComponentsApi } from './components.js';
import { eventsApi, type EventsApi } from './events.js';
import { realmMaintenanceApi, type RealmMaintenanceApi } from './realm-maintenance.js';
import { requiredActionsApi, type RequiredActionsApi } from './required-actions.js';

/**
 * Options of {@link KeycloakAdmin}: python-keycloak's constructor arguments (see
 * {@link KeycloakOpenIDConnectionOptions}), or an existing `connection` to share, alone.
 */
export type KeycloakAdminOptions = KeycloakOpenIDConnectionOptions | { readonly connection: KeycloakOpenIDConnection };

/** The methods of every API area; KeycloakAdmin has them all. */
export interface KeycloakAdminMethods extends RealmsApi, UsersApi, RealmRolesApi, ClientRolesApi, RoleMappingsApi, ScopeMappingsApi, AuthzApi, AuthzPoliciesApi, ClientsApi, ClientCertificatesApi, ClientScopesApi, GroupsApi, UserExtrasApi, IdentityProvidersApi, AuthenticationApi, RequiredActionsApi, ComponentsApi, EventsApi, RealmMaintenanceApi, OrganizationsApi {}

// Declaration merging gives the class the area methods' types; the prototype assignment below gives them bodies.
export interface KeycloakAdmin extends KeycloakAdminMethods {}

/**
 * The Keycloak admin REST client. The token is obtained on the first call, renewed before it expires
 * and once on a 401; concurrent calls share one renewal.
 *
 * @example
 * const admin = new KeycloakAdmin({ serverUrl: 'https://sso.example.com/', username: 'admin', password, realmName: 'demo', userRealmName: 'master' });
 * const id = await admin.createUser({ username: 'ada', enabled: true }, { existOk: true });
 * for await (const user of admin.iterateUsers({ enabled: true })) console.log(user.username);
 * await admin.close();
 */
export class KeycloakAdmin {
  readonly #connection: KeycloakOpenIDConnection;
  readonly #ownsConnection: boolean;

  /** @throws TypeError naming the first invalid option. */
  constructor(options: KeycloakAdminOptions) {
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    if ('connection' in options && options.connection !== undefined) {
      if (!(options.connection instanceof KeycloakOpenIDConnection)) throw new TypeError('connection must be a KeycloakOpenIDConnection');
      const extra = Object.keys(options).find((key) => key !== 'connection');
      if (extra !== undefined) throw new TypeError(`connection cannot be combined with ${extra}: configure the connection instead`);
      this.#connection = options.connection;
      this.#ownsConnection = false;
    } else {
      this.#connection = new KeycloakOpenIDConnection(options as KeycloakOpenIDConnectionOptions);
      this.#ownsConnection = true;
    }
    registerRequester(this, new AdminRequester(this.#connection));
  }

  /** The authenticated connection (token, realm, header helpers). */
  get connection(): KeycloakOpenIDConnection {
    return this.#connection;
  }

  /** python-keycloak's `get_current_realm`: the realm admin calls act on. */
  getCurrentRealm(): string {
    return this.#connection.realmName;
  }

  /**
   * python-keycloak's `change_current_realm`: later calls act on `realmName`. The token is kept (it
   * belongs to `userRealmName`, or the realm given at construction).
   */
  changeCurrentRealm(realmName: string): void {
    this.#connection.realmName = realmNameOption('realmName', realmName);
  }

  /** Closes the connection this admin created; a shared `connection` is left open. */
  async close(): Promise<void> {
    if (this.#ownsConnection) await this.#connection.close();
  }
}

for (const area of [realmsApi, usersApi, realmRolesApi, clientRolesApi, roleMappingsApi, scopeMappingsApi, authzApi, authzPoliciesApi, clientsApi, clientCertificatesApi, clientScopesApi, groupsApi, userExtrasApi, identityProvidersApi, authenticationApi, requiredActionsApi, componentsApi, eventsApi, realmMaintenanceApi, organizationsApi]) {
  // Non-enumerable, as class methods are.
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(area))) {
    Object.defineProperty(KeycloakAdmin.prototype, name, { ...descriptor, enumerable: false });
  }
}
