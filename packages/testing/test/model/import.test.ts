import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startKeycloak,
  RealmImportError,
  type KeycloakTestServer,
  type RealmRepresentation,
} from '@keycloak-ts/testing';

// Keycloak's own samples, copied into the repository so the suite runs on a fresh clone (see fixtures/README.md).
const sample = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as RealmRepresentation;

let kc: KeycloakTestServer;
beforeAll(async () => {
  kc = await startKeycloak();
});
afterAll(() => kc.close());

describe('realm import', () => {
  it('imports Keycloak sample realms without crashing on unknown fields', () => {
    const test = kc.importRealm(sample('realm-import-testsuite-testrealm.json'));
    expect(test.users.size).toBeGreaterThan(0);
    const quick = kc.importRealm(sample('realm-import-authz-quickstart-kc26.json'));
    expect(quick.clients.size).toBeGreaterThan(0);
  });

  it('keeps the master export keys so tokens verify with its certificate', async () => {
    const rep = sample('realm-export-master-kc26.5.5.json');
    const other = await startKeycloak({ realms: [] });
    try {
      other.model.removeRealm('master');
      const realm = other.importRealm(rep);
      const jwks = await realm.keys.jwks();
      const components = rep.components?.['org.keycloak.keys.KeyProvider'] ?? [];
      const cert = components.find((c) => c.providerId === 'rsa-generated')?.config?.['certificate']?.[0];
      expect(jwks.keys.find((k) => k.use === 'sig')?.['x5c']).toEqual([cert]);
      expect(realm.tokens.accessTokenLifespan).toBe(60);
    } finally {
      await other.close();
    }
  });

  it('gives a new realm the default content of Keycloak 26', () => {
    const realm = kc.importRealm({ realm: 'fresh' });
    expect([...realm.clients.keys()].sort()).toEqual([
      'account',
      'account-console',
      'admin-cli',
      'broker',
      'realm-management',
      'security-admin-console',
    ]);
    expect([...realm.defaultRole.composites].map((r) => r.name).sort()).toEqual([
      'manage-account',
      'offline_access',
      'uma_authorization',
      'view-profile',
    ]);
    expect(realm.clientScopes.has('basic')).toBe(true);
    expect(realm.clients.get('realm-management')?.roles.get('realm-admin')?.composites.size).toBe(21); // AdminRoles.ALL_REALM_ROLES of 26.7, organization roles included
  });

  it('rejects a representation without a realm name', () => {
    expect(() => kc.importRealm({} as RealmRepresentation)).toThrow(RealmImportError);
  });

  it('creates service-account users for service-account clients', () => {
    const realm = kc.importRealm({ realm: 'svc', clients: [{ clientId: 'worker', serviceAccountsEnabled: true }] });
    expect([...realm.users.values()].map((u) => u.username)).toContain('service-account-worker');
  });

  it('exports a realm that imports again with the same keys', async () => {
    const rep = await kc.model.exportRealm('fresh');
    const kid = (await kc.model.realm('fresh')?.keys.signingKey('RS256'))?.kid;
    kc.model.removeRealm('fresh');
    const again = kc.importRealm(rep);
    expect((await again.keys.signingKey('RS256'))?.kid).toBe(kid);
  });
});
