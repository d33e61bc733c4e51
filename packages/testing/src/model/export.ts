import { otpCredentialToRepresentation } from '../credentials/otp-credential.js';
import type {
  ClientRepresentation,
  ClientScopeRepresentation,
  GroupRepresentation,
  RealmRepresentation,
  RoleRepresentation,
  UserRepresentation,
} from './representations.js';
import { authenticationExport } from './authentication.js';
import { clientById, groupPath } from './roles.js';
import type { ClientModel, ClientScopeModel, GroupModel, RealmModel, RoleModel, UserModel } from './types.js';

/** Splits roles into Keycloak's `{realm: [...], client: {clientId: [...]}}` name form. */
export function roleNames(
  realm: RealmModel,
  roles: Iterable<RoleModel>,
): { realm: string[]; client: Record<string, string[]> } {
  const out = { realm: [] as string[], client: {} as Record<string, string[]> };
  for (const role of roles) {
    if (!role.clientId) out.realm.push(role.name);
    else {
      const owner = clientById(realm, role.clientId);
      if (owner) (out.client[owner.clientId] ??= []).push(role.name);
    }
  }
  return out;
}

/** A role as the admin API and exports write it. */
export function roleToRepresentation(realm: RealmModel, role: RoleModel): RoleRepresentation {
  const rep: RoleRepresentation = { id: role.id, name: role.name };
  if (role.description !== undefined) rep.description = role.description;
  rep.composite = role.composites.size > 0;
  if (rep.composite) {
    const names = roleNames(realm, role.composites);
    rep.composites = {};
    if (names.realm.length) rep.composites.realm = names.realm;
    if (Object.keys(names.client).length) rep.composites.client = names.client;
  }
  rep.clientRole = role.clientId !== undefined;
  rep.containerId = role.clientId ?? realm.id;
  rep.attributes = { ...role.attributes };
  return rep;
}

/** A client as the admin API writes it (secret included, as an export does). */
export function clientToRepresentation(client: ClientModel): ClientRepresentation {
  const { roles: _roles, scopeMappings: _scopes, extensions: _ext, ...plain } = client;
  return {
    ...plain,
    attributes: { ...client.attributes },
    protocolMappers: client.protocolMappers.map((m) => ({ ...m })),
  };
}

/** A client scope; without mappers it has no `protocolMappers` (ModelToRepresentation sets only a non-empty list). */
export function clientScopeToRepresentation(scope: ClientScopeModel): ClientScopeRepresentation {
  const { scopeMappings: _s, protocolMappers: _m, ...plain } = scope;
  return {
    ...plain,
    attributes: { ...scope.attributes },
    ...(scope.protocolMappers.length > 0 ? { protocolMappers: scope.protocolMappers.map((m) => ({ ...m })) } : {}),
  };
}

/** A group with its sub-groups. */
export function groupToRepresentation(realm: RealmModel, group: GroupModel): GroupRepresentation {
  const names = roleNames(realm, group.roleMappings);
  return {
    id: group.id,
    name: group.name,
    ...(group.description !== undefined ? { description: group.description } : {}),
    path: groupPath(group),
    attributes: { ...group.attributes },
    realmRoles: names.realm,
    clientRoles: names.client,
    subGroups: group.subGroups.map((g) => groupToRepresentation(realm, g)),
  };
}

/**
 * The fields every user representation opens with, in Keycloak's order; an unset name or email is left out,
 * not sent as null.
 */
export function userIdentityFields(
  user: UserModel,
): Pick<UserRepresentation, 'id' | 'username' | 'firstName' | 'lastName' | 'email' | 'emailVerified'> {
  return {
    id: user.id,
    username: user.username,
    ...(user.firstName !== undefined ? { firstName: user.firstName } : {}),
    ...(user.lastName !== undefined ? { lastName: user.lastName } : {}),
    ...(user.email !== undefined ? { email: user.email } : {}),
    emailVerified: user.emailVerified,
  };
}

/** The clientId of the client whose service account `user` is, if it is one and that client still exists. */
export function serviceAccountOwner(realm: RealmModel, user: UserModel): string | undefined {
  return user.serviceAccountClientId ? clientById(realm, user.serviceAccountClientId)?.clientId : undefined;
}

/** A user (credentials omitted unless `withCredentials`, as the admin API never returns them). */
export function userToRepresentation(realm: RealmModel, user: UserModel, withCredentials = false): UserRepresentation {
  const rep: UserRepresentation = {
    ...userIdentityFields(user),
    ...(Object.keys(user.attributes).length ? { attributes: { ...user.attributes } } : {}),
    createdTimestamp: user.createdTimestamp,
    enabled: user.enabled,
    requiredActions: [...user.requiredActions],
    notBefore: user.notBefore,
  };
  const owner = serviceAccountOwner(realm, user);
  if (owner !== undefined) rep.serviceAccountClientId = owner;
  if (withCredentials) {
    const names = roleNames(realm, user.roleMappings);
    rep.realmRoles = names.realm;
    rep.clientRoles = names.client;
    rep.groups = [...user.groups].map(groupPath);
    const p = user.password;
    if (p?.kind === 'plain') rep.credentials = [{ id: p.id, type: 'password', value: p.value }];
    if (p?.kind === 'pbkdf2') {
      rep.credentials = [
        {
          id: p.id,
          type: 'password',
          createdDate: p.createdDate,
          secretData: JSON.stringify({
            value: p.hash.toString('base64'),
            salt: p.salt.toString('base64'),
            additionalParameters: {},
          }),
          credentialData: JSON.stringify({
            hashIterations: p.iterations,
            algorithm: p.algorithm,
            additionalParameters: {},
          }),
        },
      ];
    }
    if (user.otp?.length)
      rep.credentials = [...(rep.credentials ?? []), ...user.otp.map(otpCredentialToRepresentation)];
  }
  return rep;
}

/** Fields a layer above the model adds to each exported client (the authorization settings, see authz/settings-export.ts). */
export type ClientExportExtras = (realm: RealmModel, client: ClientModel) => Partial<ClientRepresentation>;

/**
 * The realm as `kc.sh export` writes it (users, credentials and keys included), for re-import and the admin API.
 * `clientExtras` adds what the model does not hold to each client; the model imports no REST code.
 */
export async function exportRealm(
  realm: RealmModel,
  clientExtras: ClientExportExtras = () => ({}),
): Promise<RealmRepresentation> {
  const clientRoles: Record<string, RoleRepresentation[]> = {};
  for (const client of realm.clients.values())
    clientRoles[client.clientId] = [...client.roles.values()].map((r) => roleToRepresentation(realm, r));
  return {
    id: realm.id,
    realm: realm.name,
    ...(realm.displayName !== undefined ? { displayName: realm.displayName } : {}),
    notBefore: realm.notBefore,
    defaultSignatureAlgorithm: realm.defaultSignatureAlgorithm,
    ...realm.tokens,
    enabled: realm.enabled,
    sslRequired: realm.sslRequired,
    roles: { realm: [...realm.roles.values()].map((r) => roleToRepresentation(realm, r)), client: clientRoles },
    groups: realm.groups.map((g) => groupToRepresentation(realm, g)),
    defaultRole: roleToRepresentation(realm, realm.defaultRole),
    users: [...realm.users.values()].map((u) => userToRepresentation(realm, u, true)),
    scopeMappings: [
      ...[...realm.clients.values()]
        .filter((c) => c.scopeMappings.size)
        .map((c) => ({ client: c.clientId, roles: roleNames(realm, c.scopeMappings).realm })),
      ...[...realm.clientScopes.values()]
        .filter((s) => s.scopeMappings.size)
        .map((s) => ({ clientScope: s.name, roles: roleNames(realm, s.scopeMappings).realm })),
    ].filter((m) => m.roles.length),
    clients: [...realm.clients.values()].map((c) => ({ ...clientToRepresentation(c), ...clientExtras(realm, c) })),
    clientScopes: [...realm.clientScopes.values()].map(clientScopeToRepresentation),
    defaultDefaultClientScopes: [...realm.defaultDefaultClientScopes],
    defaultOptionalClientScopes: [...realm.defaultOptionalClientScopes],
    components: { 'org.keycloak.keys.KeyProvider': await realm.keys.components() },
    attributes: { ...realm.attributes },
    ...authenticationExport(realm),
  };
}
