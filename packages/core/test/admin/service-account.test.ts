import { KeycloakGetError } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useAdminServer } from './support.js';

// A confidential client whose service account may view and manage the users of its realm (only).
const kc = useAdminServer([
  {
    realm: 'ops',
    enabled: true,
    clients: [{ clientId: 'svc', secret: 'svc-secret', serviceAccountsEnabled: true }],
    users: [
      {
        username: 'service-account-svc',
        enabled: true,
        serviceAccountClientId: 'svc',
        clientRoles: { 'realm-management': ['view-users', 'manage-users'] },
      },
    ],
  },
]);

function serviceAdmin() {
  return kc.admin({
    username: undefined,
    password: undefined,
    realmName: 'ops',
    clientId: 'svc',
    clientSecretKey: 'svc-secret',
  });
}

describe('KeycloakAdmin as a service account (client credentials)', () => {
  it('manages users with a token from the client_credentials grant', async () => {
    const admin = serviceAdmin();
    const id = await admin.createUser({ username: 'made-by-svc' });
    await expect(admin.getUserId('made-by-svc')).resolves.toBe(id);
    expect(admin.connection.token?.refresh_token).toBeUndefined();
  });

  it('logs in again with client credentials when its token expires, having no refresh token', async () => {
    const admin = serviceAdmin();
    await admin.getUsers({ max: 1 });
    kc.server.clock.advance(10 * 60_000);
    const before = kc.server.counters.get('token');
    await admin.getUsers({ max: 1 });
    expect(kc.server.counters.get('token') - before).toBe(1);
  });

  it('gets a 403 where its roles end: another realm', async () => {
    const error = await rejectionOf(serviceAdmin().getRealm('master'));
    expect(error).toBeInstanceOf(KeycloakGetError);
    expect(error).toMatchObject({ status: 403 });
  });
});
