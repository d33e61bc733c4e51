import { parsePolicyEnforcerConfig } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { umaShopRealm } from '../../../../../test/support/guard/uma-realm.js';
import { ProtectionLookups } from '../../../src/guard/internal/protection.js';
import { realmAddress } from '../../../src/guard/internal/realm-address.js';
import type { RealmEntry } from '../../../src/guard/internal/realms.js';

describe('ProtectionLookups', () => {
  let kc: KeycloakTestServer;
  const pool = new Agent();
  beforeAll(async () => {
    kc = await startKeycloak({ realms: [umaShopRealm] });
  });
  afterAll(async () => {
    await pool.close();
    await kc?.close();
  });

  const realm = (name: string): RealmEntry => realmAddress(kc.url, name) as RealmEntry;

  it('finishes a lookup whose realm was evicted by other realms while it was in flight', async () => {
    const config = parsePolicyEnforcerConfig({ 'lazy-load-paths': true });
    const lookups = new ProtectionLookups(
      config,
      { clientId: 'orders-api', clientSecret: 'orders-secret' },
      { clientId: 'orders-api', timeoutDuration: 5_000, dispatcher: pool, now: Date.now },
    );
    const pending = lookups.of(realm('uma-shop')).lazy('/api/documents/4');
    for (let i = 0; i < 60; i++) lookups.of(realm(`other-${i}`));
    await expect(pending).resolves.toMatchObject({ name: 'documents' });
    await lookups.close();
  });
});
