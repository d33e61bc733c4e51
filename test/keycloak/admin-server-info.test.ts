import type { KeycloakAdmin } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClientFor } from './support/admin-client.js';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let admin: KeycloakAdmin;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-server-info');
  admin = adminClientFor(target, realm);
});
afterAll(async () => {
  await admin?.close();
  await target.close();
});

describe(`server info (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it("answers Keycloak's sections in its order through get_server_info", async () => {
    const info = (await admin.getServerInfo()) as Record<string, unknown>;
    expect(Object.keys(info)).toEqual([
      'systemInfo',
      'cpuInfo',
      'memoryInfo',
      'profileInfo',
      'features',
      'cryptoInfo',
      'themes',
      'socialProviders',
      'identityProviders',
      'providers',
      'protocolMapperTypes',
      'builtinProtocolMappers',
      'clientInstallations',
      'componentTypes',
      'passwordPolicies',
      'enums',
      'parameterizedScopeTypes',
    ]);
    expect(Object.keys(info['systemInfo'] as object)).toEqual([
      'version',
      'serverTime',
      'uptime',
      'uptimeMillis',
      'javaVersion',
      'javaVendor',
      'javaVm',
      'javaVmVersion',
      'javaRuntime',
      'javaHome',
      'osName',
      'osArchitecture',
      'osVersion',
      'fileEncoding',
      'userName',
      'userDir',
      'userTimezone',
      'userLocale',
    ]);
    expect(info['cpuInfo']).toEqual({ processorCount: expect.any(Number) });
  });

  it('lists the social and user-defined identity providers and the parameterized scope types', async () => {
    const info = (await admin.getServerInfo()) as {
      socialProviders: { id: string; groupName: string }[];
      identityProviders: { id: string }[];
      parameterizedScopeTypes: unknown[];
    };
    expect(info.socialProviders.map((p) => p.id)).toEqual(
      expect.arrayContaining(['github', 'google', 'microsoft', 'gitlab', 'facebook']),
    );
    expect(new Set(info.socialProviders.map((p) => p.groupName))).toEqual(new Set(['Social']));
    expect(info.identityProviders.map((p) => p.id)).toEqual(
      expect.arrayContaining(['oidc', 'keycloak-oidc', 'saml', 'github']),
    );
    expect(info.parameterizedScopeTypes).toEqual(
      expect.arrayContaining([
        { name: 'boolean', repeatable: false },
        { name: 'string', repeatable: true },
      ]),
    );
  });

  it('answers 401 without a token', async () => {
    expect((await target.request('GET', '/admin/serverinfo')).status).toBe(401);
  });
});

describe('partial export and import', () => {
  it('exports the realm settings with empty localization texts and no users, as export_realm', async () => {
    const exported = (await admin.exportRealm(false, false)) as Record<string, unknown>;
    expect(exported).toMatchObject({ realm, localizationTexts: {}, enabled: true });
    expect(exported).not.toHaveProperty('users');
    expect(exported['components']).toHaveProperty([
      'org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy',
    ]);
  });

  it('adds, then skips, then overwrites the same resources through partial_import_realm', async () => {
    const payload = {
      users: [{ username: 'imported', enabled: true }],
      groups: [{ name: 'imported-group', path: '/imported-group' }],
      roles: { realm: [{ name: 'imported-role' }] },
    };
    const added = await admin.partialImportRealm(realm, { ...payload, ifResourceExists: 'SKIP' });
    expect(added).toMatchObject({ added: 3, skipped: 0, overwritten: 0 });
    const skipped = await admin.partialImportRealm(realm, { ...payload, ifResourceExists: 'SKIP' });
    expect(skipped).toMatchObject({ added: 0, skipped: 3, overwritten: 0 });
    const overwritten = await admin.partialImportRealm(realm, { ...payload, ifResourceExists: 'OVERWRITE' });
    // An overwritten realm role is also reported ADDED (in no fixed place) and counted among the added.
    expect(overwritten).toMatchObject({ added: 1, skipped: 0, overwritten: 3 });
    const results = (overwritten as { results: { action: string; resourceType: string; resourceName: string }[] })
      .results;
    expect(results.map((r) => `${r.action} ${r.resourceType} ${r.resourceName}`).sort()).toEqual([
      'ADDED REALM_ROLE imported-role',
      'OVERWRITTEN GROUP imported-group',
      'OVERWRITTEN REALM_ROLE imported-role',
      'OVERWRITTEN USER imported',
    ]);
  });

  it('answers 409 naming the existing resource when ifResourceExists is FAIL', async () => {
    const answer = await target.request('POST', `/admin/realms/${realm}/partialImport`, {
      token: 'admin',
      json: { ifResourceExists: 'FAIL', roles: { realm: [{ name: 'imported-role' }] } },
    });
    expect([answer.status, answer.json]).toEqual([409, { errorMessage: "Realm role 'imported-role' already exists." }]);
  });
});
