import {
  RealmImportError,
  startKeycloak,
  type KeycloakTestServer,
  type RealmRepresentation,
} from '@keycloak-ts/testing';
import { describe, expect, it } from 'vitest';

const failureOf = async (rep: Omit<RealmRepresentation, 'realm'>): Promise<RealmImportError> => {
  const started = await startKeycloak({ realms: [{ realm: 'shop', enabled: true, ...rep }] }).catch((e: unknown) => e);
  if (!(started instanceof RealmImportError)) {
    if (!(started instanceof Error)) await (started as KeycloakTestServer).close();
    throw new Error(`expected a RealmImportError, got ${String(started)}`);
  }
  return started;
};

const rolePolicy = (role: string) => ({
  clients: [
    {
      clientId: 'orders-api',
      secret: 'secret',
      authorizationServicesEnabled: true,
      authorizationSettings: {
        policies: [{ name: 'Only admins', type: 'role', config: { roles: JSON.stringify([{ id: role }]) } }],
      },
    },
  ],
});

describe('a file or fixture import with a dangling reference', () => {
  it.each<[string, Omit<RealmRepresentation, 'realm'>, string, boolean]>([
    [
      'a policy naming an unknown role',
      rolePolicy('nope'),
      'policy "Only admins" (authorizationSettings of client "orders-api"): role "nope" does not exist',
      false,
    ],
    [
      'a user in an unknown group',
      { users: [{ username: 'ann', groups: ['staff'] }] },
      'user "ann" (groups): group "/staff" does not exist',
      true,
    ],
    [
      'a user with an unknown realm role',
      { users: [{ username: 'ann', realmRoles: ['admin'] }] },
      'user "ann" (realmRoles): role "admin" does not exist',
      false,
    ],
    [
      'a user with a role of an unknown client',
      { users: [{ username: 'ann', clientRoles: { 'orders-api': ['writer'] } }] },
      'user "ann" (clientRoles): client "orders-api" does not exist',
      true,
    ],
    [
      'a user with an unknown role of a known client',
      { users: [{ username: 'ann', clientRoles: { account: ['writer'] } }] },
      'user "ann" (clientRoles): role "writer" of client "account" does not exist',
      false,
    ],
    [
      'a service account of an unknown client',
      { users: [{ username: 'service-account-x', serviceAccountClientId: 'x' }] },
      'user "service-account-x" (serviceAccountClientId): client "x" does not exist',
      true,
    ],
    [
      'a group with an unknown realm role',
      { groups: [{ name: 'staff', subGroups: [{ name: 'leads', realmRoles: ['lead'] }] }] },
      'group "/staff/leads" (realmRoles): role "lead" does not exist',
      false,
    ],
    [
      'a composite naming an unknown role',
      { roles: { realm: [{ name: 'boss', composite: true, composites: { realm: ['user'] } }] } },
      'role "boss" (composites.realm): role "user" does not exist',
      true,
    ],
    [
      'roles of an unknown client',
      { roles: { client: { 'orders-api': [{ name: 'writer' }] } } },
      'roles.client: client "orders-api" does not exist',
      true,
    ],
    [
      'a client scope mapping to an unknown role',
      { scopeMappings: [{ clientScope: 'profile', roles: ['reader'] }] },
      'client scope "profile" (scopeMappings): role "reader" does not exist',
      false,
    ],
    [
      'a scope mapping of an unknown client scope',
      { scopeMappings: [{ clientScope: 'orders:read', roles: ['offline_access'] }] },
      'scopeMappings[0]: client scope "orders:read" does not exist',
      true,
    ],
    [
      'client scope mappings to an unknown client',
      { clientScopeMappings: { account: [{ client: 'web', roles: ['manage-account'] }] } },
      'clientScopeMappings["account"][0]: client "web" does not exist',
      true,
    ],
    ['an unknown default role', { defaultRoles: ['member'] }, 'defaultRoles[0]: role "member" does not exist', false],
    [
      'a client with an unknown default client scope',
      { clients: [{ clientId: 'web', defaultClientScopes: ['orders:read'] }] },
      'client "web" (defaultClientScopes): client scope "orders:read" does not exist',
      false,
    ],
  ])('fails for %s, naming the realm, the object and the field', async (_case, rep, message, keycloakFails) => {
    const error = await failureOf(rep);
    expect(error.message).toBe(`realm "shop": ${message}`);
    expect(error.keycloakFails).toBe(keycloakFails);
  });

  it('imports a realm whose references all resolve, with the role policy in place', async () => {
    const server = await startKeycloak({
      realms: [{ realm: 'shop', roles: { realm: [{ name: 'nope' }] }, ...rolePolicy('nope') }],
    });
    try {
      expect(server.model.realm('shop')?.roles.has('nope')).toBe(true);
    } finally {
      await server.close();
    }
  });
});
