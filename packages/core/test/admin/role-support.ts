import type { KeycloakTestServer, RealmRepresentation } from '@keycloak-ts/testing';

/** A realm with roles, a composite, a group tree and clients, for the role suites. */
export const rolesRealm: RealmRepresentation = {
  realm: 'shop',
  enabled: true,
  roles: {
    realm: [{ name: 'user' }, { name: 'boss', composite: true, composites: { realm: ['user'] } }],
    client: { api: [{ name: 'reader' }, { name: 'writer' }] },
  },
  groups: [{ name: 'staff', realmRoles: ['boss'], subGroups: [{ name: 'readers', clientRoles: { api: ['reader'] } }] }],
  users: [
    {
      username: 'alice',
      enabled: true,
      credentials: [{ type: 'password', value: 'wonder' }],
      realmRoles: ['default-roles-shop'],
    },
    {
      username: 'bob',
      enabled: true,
      credentials: [{ type: 'password', value: 'builder' }],
      realmRoles: ['user'],
      groups: ['/staff/readers'],
    },
  ],
  clients: [
    { clientId: 'web', publicClient: true, directAccessGrantsEnabled: true },
    { clientId: 'api', bearerOnly: true },
  ],
};

/** Ids the suites need, read from the server's model. */
export function idsOf(server: KeycloakTestServer) {
  const realm = server.model.realm('shop');
  if (!realm) throw new Error('realm shop is imported in beforeAll');
  const groups = [...realm.groups, ...realm.groups.flatMap((g) => g.subGroups)];
  return {
    client: (clientId: string): string => realm.clients.get(clientId)?.id ?? '',
    user: (username: string): string => [...realm.users.values()].find((u) => u.username === username)?.id ?? '',
    group: (name: string): string => groups.find((g) => g.name === name)?.id ?? '',
    scope: (name: string): string => realm.clientScopes.get(name)?.id ?? '',
  };
}
