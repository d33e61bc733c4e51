import { randomUUID } from 'node:crypto';
import { importAuthentication, type AuthenticationImport } from './authentication.js';
import { RealmKeys } from '../keys/realm-keys.js';
import { DEFAULT_CLIENTS, DEFAULT_CLIENT_ROLES, MANAGEMENT_ROLES } from './default-clients.js';
import {
  DEFAULT_CLIENT_SCOPES,
  DEFAULT_DEFAULT_CLIENT_SCOPES,
  DEFAULT_OPTIONAL_CLIENT_SCOPES,
} from './default-scopes.js';
import { createClient, createClientScope, createGroup, createRole, createUser, resolveRoles } from './factory.js';
import type { ClientRepresentation, RealmRepresentation, RoleRepresentation } from './representations.js';
import { createImplicitRoles } from './implicit-roles.js';
import { groupPath } from './roles.js';
import type { ClientModel, GroupModel, RealmModel, RoleModel } from './types.js';

/**
 * Thrown for a representation that cannot become a realm (missing name, a dangling reference, ...). The message
 * names the realm, the object and the field: `realm "shop": user "ann" (groups): group "/nope" does not exist`.
 */
export class RealmImportError extends Error {
  override readonly name = 'RealmImportError';
  /**
   * True for what Keycloak 26 itself fails the import on (a RuntimeException, 500 `unknown_error` over the admin
   * API); false for what only a file or fixture import refuses, where Keycloak passes silently.
   */
  readonly keycloakFails: boolean;

  constructor(message: string, options?: ErrorOptions & { keycloakFails?: boolean }) {
    super(message, options);
    this.keycloakFails = options?.keycloakFails ?? false;
  }
}

/**
 * A part of a realm import that the model does not know: authorization settings, identity providers,
 * organizations and the other areas the REST layer keeps. The model imports no REST code; server.ts hands
 * these steps to the store (see `../realm-import-steps.ts`). A step throws RealmImportError for bad content.
 */
export type RealmImportStep = (
  realm: RealmModel,
  rep: RealmRepresentation,
  nowMs: number,
  options: RealmImportOptions,
) => void;

/** How an import treats what a representation names without holding it. */
export interface RealmImportOptions {
  /**
   * True over the admin API: do what Keycloak does (create a named role, drop an unknown role from a role policy);
   * false for files and fixtures, whose dangling references are refused by name.
   */
  readonly createMissingRoles?: boolean;
}

/**
 * Attributes every new Keycloak realm holds: RealmManager.createRealm writes the CIBA, device grant, PAR and OTP
 * policy defaults (CibaConfig, OAuth2DeviceConfig, ParConfig, OTPPolicy) as realm attributes; in the order a
 * Keycloak 26.7.3 `GET /admin/realms/{realm}` lists them.
 */
const NEW_REALM_ATTRIBUTES: Readonly<Record<string, string>> = {
  cibaBackchannelTokenDeliveryMode: 'poll',
  cibaExpiresIn: '120',
  cibaAuthRequestedUserHint: 'login_hint',
  oauth2DeviceCodeLifespan: '600',
  oauth2DevicePollingInterval: '5',
  parRequestUriLifespan: '60',
  cibaInterval: '5',
  realmReusableOtpCode: 'false',
};

const num = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;
const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);

function shell(rep: RealmRepresentation, now: () => number): RealmModel {
  const name = rep.realm;
  const defaultRole: RoleModel = createRole(
    rep.defaultRole ?? { name: `default-roles-${name}`, description: '${role_default-roles}' },
  );
  return {
    id: typeof rep.id === 'string' ? rep.id : name === 'master' ? 'master' : randomUUID(),
    name,
    ...(typeof rep.displayName === 'string' ? { displayName: rep.displayName } : {}),
    enabled: bool(rep.enabled, true),
    sslRequired: typeof rep.sslRequired === 'string' ? rep.sslRequired : 'external',
    notBefore: num(rep.notBefore, 0),
    defaultSignatureAlgorithm:
      typeof rep.defaultSignatureAlgorithm === 'string' ? rep.defaultSignatureAlgorithm : 'RS256',
    tokens: {
      accessTokenLifespan: num(rep.accessTokenLifespan, name === 'master' ? 60 : 300),
      ssoSessionIdleTimeout: num(rep.ssoSessionIdleTimeout, 1800),
      ssoSessionMaxLifespan: num(rep.ssoSessionMaxLifespan, 36000),
      offlineSessionIdleTimeout: num(rep.offlineSessionIdleTimeout, 2592000),
      offlineSessionMaxLifespanEnabled: bool(rep.offlineSessionMaxLifespanEnabled, false),
      offlineSessionMaxLifespan: num(rep.offlineSessionMaxLifespan, 5184000),
      clientSessionIdleTimeout: num(rep.clientSessionIdleTimeout, 0),
      clientSessionMaxLifespan: num(rep.clientSessionMaxLifespan, 0),
      revokeRefreshToken: bool(rep.revokeRefreshToken, false),
      refreshTokenMaxReuse: num(rep.refreshTokenMaxReuse, 0),
    },
    roles: new Map([[defaultRole.name, defaultRole]]),
    defaultRole,
    clients: new Map(),
    users: new Map(),
    groups: [],
    clientScopes: new Map(),
    defaultDefaultClientScopes: [...(rep.defaultDefaultClientScopes ?? DEFAULT_DEFAULT_CLIENT_SCOPES)],
    defaultOptionalClientScopes: [...(rep.defaultOptionalClientScopes ?? DEFAULT_OPTIONAL_CLIENT_SCOPES)],
    attributes: { ...NEW_REALM_ATTRIBUTES, ...rep.attributes },
    keys: new RealmKeys(name, rep.components?.['org.keycloak.keys.KeyProvider'], now),
    extensions: {},
  };
}

function localise(rep: ClientRepresentation, realmName: string): ClientRepresentation {
  const text = JSON.stringify(rep)
    .replaceAll('/realms/master/', `/realms/${realmName}/`)
    .replaceAll('/admin/master/', `/admin/${realmName}/`);
  return JSON.parse(text) as ClientRepresentation;
}

function addClientRoles(client: ClientModel, reps: readonly RoleRepresentation[]): void {
  for (const rep of reps) if (!client.roles.has(rep.name)) client.roles.set(rep.name, createRole(rep, client.id));
}

/** Links composites named in representations; runs after every role exists. */
function linkComposites(
  realm: RealmModel,
  reps: readonly RoleRepresentation[],
  container: Map<string, RoleModel>,
  rename?: [string, string],
): void {
  for (const rep of reps) {
    const role = container.get(rep.name);
    if (!role || !rep.composites) continue;
    const clientNames = Object.fromEntries(
      Object.entries(rep.composites.client ?? {}).map(([id, names]) => [
        rename && id === rename[0] ? rename[1] : id,
        names,
      ]),
    );
    for (const composite of resolveRoles(realm, rep.composites.realm, clientNames)) role.composites.add(composite);
  }
}

/** Adds the management client (`realm-management`, or `<realm>-realm` inside master) with its roles. */
export function addManagementClient(target: RealmModel, clientId: string, withRealmAdmin: boolean): ClientModel {
  const client =
    target.clients.get(clientId) ??
    createClient(
      {
        clientId,
        name:
          clientId === 'realm-management' ? '${client_realm-management}' : `${clientId.replace(/-realm$/, '')} Realm`,
        bearerOnly: true,
        attributes: { realm_client: 'true' },
      },
      target,
    );
  target.clients.set(clientId, client);
  addClientRoles(client, MANAGEMENT_ROLES);
  linkComposites(target, MANAGEMENT_ROLES, client.roles, ['master-realm', clientId]);
  if (withRealmAdmin) {
    const admin =
      client.roles.get('realm-admin') ??
      createRole({ name: 'realm-admin', description: '${role_realm-admin}' }, client.id);
    for (const role of client.roles.values()) if (role !== admin) admin.composites.add(role);
    client.roles.set('realm-admin', admin);
  }
  return client;
}

function findGroupByPath(groups: readonly GroupModel[], path: string): GroupModel | undefined {
  for (const group of groups) {
    if (groupPath(group) === path) return group;
    const found = findGroupByPath(group.subGroups, path);
    if (found) return found;
  }
  return undefined;
}

/**
 * Builds a realm from a representation as `kc.sh import` does: the representation's content plus whatever a new
 * Keycloak realm has by default and the representation lacks (default roles, clients, client scopes, keys).
 * Unknown fields are ignored. `steps` import what the model does not hold, in order, after its own content.
 * `createMissingRoles` creates the roles that users, groups, scope mappings and default roles name without
 * declaring them, as Keycloak does (see implicit-roles.ts); otherwise such names are left for the caller to refuse.
 */
export function importRealmRepresentation(
  input: unknown,
  now: () => number,
  steps: readonly RealmImportStep[] = [],
  options: RealmImportOptions = {},
): RealmModel {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new RealmImportError('a realm representation must be a JSON object');
  const rep = input as RealmRepresentation;
  if (typeof rep.realm !== 'string' || rep.realm.length === 0)
    throw new RealmImportError('the realm representation has no "realm" name');
  const realm = shell(rep, now);
  const name = realm.name;

  for (const scopeRep of rep.clientScopes ?? DEFAULT_CLIENT_SCOPES)
    realm.clientScopes.set(scopeRep.name, createClientScope(scopeRep));

  const realmRoleReps: RoleRepresentation[] = [
    ...(rep.roles?.realm ?? []),
    { name: 'offline_access', description: '${role_offline-access}' },
    { name: 'uma_authorization', description: '${role_uma_authorization}' },
  ];
  for (const roleRep of realmRoleReps)
    if (!realm.roles.has(roleRep.name)) realm.roles.set(roleRep.name, createRole(roleRep));

  for (const clientRep of rep.clients ?? []) {
    const client = createClient(clientRep, realm);
    // RepresentationToModel skips a default or optional client scope the realm does not hold.
    client.defaultClientScopes = client.defaultClientScopes.filter((scope) => realm.clientScopes.has(scope));
    client.optionalClientScopes = client.optionalClientScopes.filter((scope) => realm.clientScopes.has(scope));
    realm.clients.set(clientRep.clientId, client);
  }
  for (const clientRep of DEFAULT_CLIENTS)
    if (!realm.clients.has(clientRep.clientId))
      realm.clients.set(clientRep.clientId, createClient(localise(clientRep, name), realm));
  if (name !== 'master') addManagementClient(realm, 'realm-management', true);

  const clientRoleReps: Record<string, RoleRepresentation[]> = { ...rep.roles?.client };
  for (const [clientId, reps] of Object.entries(clientRoleReps)) {
    const client = realm.clients.get(clientId);
    if (client) addClientRoles(client, reps);
  }
  for (const [clientId, reps] of Object.entries(DEFAULT_CLIENT_ROLES)) {
    const client = realm.clients.get(clientId);
    if (client) addClientRoles(client, reps);
  }

  linkComposites(realm, realmRoleReps, realm.roles);
  for (const [clientId, reps] of Object.entries({ ...DEFAULT_CLIENT_ROLES, ...clientRoleReps })) {
    const client = realm.clients.get(clientId);
    if (client) linkComposites(realm, reps, client.roles);
  }
  if (options.createMissingRoles === true) createImplicitRoles(realm, rep);
  if (realm.defaultRole.composites.size === 0) {
    for (const role of resolveRoles(realm, ['offline_access', 'uma_authorization'], {
      account: ['view-profile', 'manage-account'],
    }))
      realm.defaultRole.composites.add(role);
  }
  for (const role of resolveRoles(realm, rep.defaultRoles)) realm.defaultRole.composites.add(role);

  importScopeMappings(realm, rep);
  realm.groups = (rep.groups ?? []).map((g) => createGroup(g, realm));

  for (const userRep of rep.users ?? []) {
    const user = createUser(userRep, realm, now());
    for (const path of userRep.groups ?? []) {
      const group = findGroupByPath(realm.groups, path.startsWith('/') ? path : `/${path}`);
      if (group) user.groups.add(group);
    }
    const owner = userRep.serviceAccountClientId ? realm.clients.get(userRep.serviceAccountClientId) : undefined;
    if (owner) user.serviceAccountClientId = owner.id;
    realm.users.set(user.id, user);
  }
  for (const client of realm.clients.values())
    if (client.serviceAccountsEnabled) ensureServiceAccount(realm, client, now());
  importAuthentication(realm, rep as AuthenticationImport);
  try {
    for (const step of steps) step(realm, rep, now(), options);
  } catch (error) {
    if (!(error instanceof RealmImportError)) throw error;
    throw new RealmImportError(`realm "${name}": ${error.message}`, {
      cause: error,
      keycloakFails: error.keycloakFails,
    });
  }
  return realm;
}

function importScopeMappings(realm: RealmModel, rep: RealmRepresentation): void {
  const mappings = rep.scopeMappings ?? [{ clientScope: 'offline_access', roles: ['offline_access'] }];
  const target = (m: { client?: string; clientScope?: string }): Set<RoleModel> | undefined =>
    m.client
      ? realm.clients.get(m.client)?.scopeMappings
      : m.clientScope
        ? realm.clientScopes.get(m.clientScope)?.scopeMappings
        : undefined;
  for (const mapping of mappings) for (const role of resolveRoles(realm, mapping.roles)) target(mapping)?.add(role);
  const clientMappings = rep.clientScopeMappings ?? {
    account: [{ client: 'account-console', roles: ['manage-account', 'view-groups'] }],
  };
  for (const [clientId, entries] of Object.entries(clientMappings)) {
    for (const mapping of entries)
      for (const role of resolveRoles(realm, [], { [clientId]: mapping.roles ?? [] })) target(mapping)?.add(role);
  }
}

/**
 * Gives a service-account-enabled client its `service-account-<clientId>` user (with the realm default role) and
 * the `service_account` client scope, as ClientManager.enableServiceAccount does.
 */
export function ensureServiceAccount(realm: RealmModel, client: ClientModel, nowMs: number): void {
  const existing = [...realm.users.values()].some((u) => u.serviceAccountClientId === client.id);
  if (!existing) {
    const user = createUser({ username: `service-account-${client.clientId}`, enabled: true }, realm, nowMs);
    user.serviceAccountClientId = client.id;
    user.roleMappings.add(realm.defaultRole);
    realm.users.set(user.id, user);
  }
  if (realm.clientScopes.has('service_account') && !client.defaultClientScopes.includes('service_account'))
    client.defaultClientScopes.push('service_account');
}
