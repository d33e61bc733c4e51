import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('client-defaults');
});
afterAll(() => target.close());

describe(`a client created through the admin API with only a clientId (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it('is a confidential client with the standard flow only, answered 201 with its Location', async () => {
    const created = await target.request('POST', `/admin/realms/${realm}/clients`, {
      token: 'admin',
      json: { clientId: 'only-id' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(new RegExp(`/admin/realms/${realm}/clients/[0-9a-f-]{36}$`));
    const listed = await target.request('GET', `/admin/realms/${realm}/clients?clientId=only-id`, { token: 'admin' });
    expect(listed.json).toEqual([
      expect.objectContaining({
        clientId: 'only-id',
        enabled: true,
        publicClient: false,
        bearerOnly: false,
        standardFlowEnabled: true,
        implicitFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: false,
        clientAuthenticatorType: 'client-secret',
        protocol: 'openid-connect',
        fullScopeAllowed: true,
        defaultClientScopes: expect.arrayContaining(['web-origins', 'acr', 'roles', 'profile', 'basic', 'email']),
        optionalClientScopes: expect.arrayContaining([
          'address',
          'phone',
          'offline_access',
          'organization',
          'microprofile-jwt',
        ]),
      }),
    ]);
  });
});
