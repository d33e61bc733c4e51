/**
 * KeycloakAdmin: python-keycloak's admin client. It holds a {@link KeycloakOpenIDConnection} (the admin
 * token) and one {@link AdminRequester}; the API areas (realms.ts, users.ts, ...) each declare their
 * endpoints as constants and their methods as a class (a mixin over internal/area.ts' AdminArea), and
 * KeycloakAdmin extends the stack of them, so `admin.getUsers()` reads as in python-keycloak, is an ordinary
 * method of UsersArea, and no file grows with the 200+ methods.
 */
import { carriedBy, carrier } from '../shared/resolved.js';
import { connectionFromResolved, KeycloakOpenIDConnection } from './auth/openid-connection.js';
import {
  realmNameOption,
  type KeycloakOpenIDConnectionOptions,
  type ResolvedOpenIDConnectionOptions,
} from './auth/options.js';
import { AuthzPoliciesArea, type AuthzPoliciesApi } from './authz-policies.js';
import { AuthzArea, type AuthzApi } from './authz.js';
import { IdentityProvidersArea, type IdentityProvidersApi } from './identity-providers.js';
import { OrganizationsArea, type OrganizationsApi } from './organizations.js';
import { AdminArea, REQUESTER } from './internal/area.js';
import { ClientScopesArea, type ClientScopesApi } from './client-scopes.js';
import { ClientsArea, type ClientsApi } from './clients.js';
import { ClientCertificatesArea, type ClientCertificatesApi } from './client-certificates.js';
import { ClientRolesArea, type ClientRolesApi } from './client-roles.js';
import { RealmsArea, type RealmsApi } from './realms.js';
import { RoleMappingsArea, type RoleMappingsApi } from './role-mappings.js';
import { RealmRolesArea, type RealmRolesApi } from './roles.js';
import { ScopeMappingsArea, type ScopeMappingsApi } from './scope-mappings.js';
import { AdminRequester } from './request.js';
import { UsersArea, type UsersApi } from './users.js';
import { GroupsArea, type GroupsApi } from './groups.js';
import { UserExtrasArea, type UserExtrasApi } from './user-extras.js';
import { AuthenticationArea, type AuthenticationApi } from './authentication.js';
import { ComponentsArea, type ComponentsApi } from './components.js';
import { EventsArea, type EventsApi } from './events.js';
import { RealmMaintenanceArea, type RealmMaintenanceApi } from './realm-maintenance.js';
import { RequiredActionsArea, type RequiredActionsApi } from './required-actions.js';

/**
 * Options of {@link KeycloakAdmin}: python-keycloak's constructor arguments (see
 * {@link KeycloakOpenIDConnectionOptions}), or an existing `connection` to share, alone.
 */
export type KeycloakAdminOptions = KeycloakOpenIDConnectionOptions | { readonly connection: KeycloakOpenIDConnection };

/** The methods of every API area; KeycloakAdmin has them all. */
export interface KeycloakAdminMethods
  extends RealmsApi,
    UsersApi,
    RealmRolesApi,
    ClientRolesApi,
    RoleMappingsApi,
    ScopeMappingsApi,
    AuthzApi,
    AuthzPoliciesApi,
    ClientsApi,
    ClientCertificatesApi,
    ClientScopesApi,
    GroupsApi,
    UserExtrasApi,
    IdentityProvidersApi,
    AuthenticationApi,
    RequiredActionsApi,
    ComponentsApi,
    EventsApi,
    RealmMaintenanceApi,
    OrganizationsApi {}

/**
 * Every API area stacked on AdminArea, in python-keycloak's order; each area class (users.ts' UsersArea, ...)
 * holds its methods as ordinary members. An area that calls another's methods is applied after it (TypeScript
 * checks this through the area's base type).
 */
const AdminAreas = OrganizationsArea(
  RealmMaintenanceArea(
    EventsArea(
      ComponentsArea(
        RequiredActionsArea(
          AuthenticationArea(
            IdentityProvidersArea(
              UserExtrasArea(
                GroupsArea(
                  ClientScopesArea(
                    ClientCertificatesArea(
                      ClientsArea(
                        AuthzPoliciesArea(
                          AuthzArea(
                            ScopeMappingsArea(
                              RoleMappingsArea(ClientRolesArea(RealmRolesArea(UsersArea(RealmsArea(AdminArea))))),
                            ),
                          ),
                        ),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  ),
);

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
export class KeycloakAdmin extends AdminAreas implements KeycloakAdminMethods {
  readonly #connection: KeycloakOpenIDConnection;
  readonly #ownsConnection: boolean;
  readonly #requester: AdminRequester;

  /** @throws TypeError naming the first invalid option. */
  constructor(options: KeycloakAdminOptions) {
    super();
    const resolved = carriedBy<ResolvedOpenIDConnectionOptions>(options);
    if (resolved !== undefined) {
      this.#connection = connectionFromResolved(resolved);
      this.#ownsConnection = true;
    } else if (options === null || typeof options !== 'object') {
      throw new TypeError('options must be an object');
    } else if ('connection' in options && options.connection !== undefined) {
      if (!(options.connection instanceof KeycloakOpenIDConnection))
        throw new TypeError('connection must be a KeycloakOpenIDConnection');
      const extra = Object.keys(options).find((key) => key !== 'connection');
      if (extra !== undefined)
        throw new TypeError(`connection cannot be combined with ${extra}: configure the connection instead`);
      this.#connection = options.connection;
      this.#ownsConnection = false;
    } else {
      this.#connection = new KeycloakOpenIDConnection(options as KeycloakOpenIDConnectionOptions);
      this.#ownsConnection = true;
    }
    this.#requester = new AdminRequester(this.#connection);
  }

  /** The request helper the area methods send through (keyed by a symbol of admin/internal/area.ts). */
  get [REQUESTER](): AdminRequester {
    return this.#requester;
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

/**
 * Builds an admin client, owning its connection, from connection options core resolved already (the guard's
 * `admin` credentials, checked when the guard was built): core's own way in, not exported from the package.
 */
export function adminFromResolved(options: ResolvedOpenIDConnectionOptions): KeycloakAdmin {
  return new KeycloakAdmin(carrier<KeycloakAdminOptions, ResolvedOpenIDConnectionOptions>(options));
}
