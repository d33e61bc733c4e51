import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('theme-messages');
  const put = await target.request('PUT', `/admin/realms/${realm}/localization/en/leadGreeting`, {
    token: 'admin',
    json: 'Hello from the realm',
    headers: { 'content-type': 'text/plain' },
  });
  expect(put.status).toBe(204);
});
afterAll(() => target.close());

// ThemeResource.getLocalizationTexts, which @keycloak/keycloak-admin-client and the admin console read. Keycloak
// also answers its theme's ~4,300 messages; the in-memory server ships no theme bundle, so only the realm's
// overrides are asserted here.
describe(`theme message bundles, /resources/{realm}/{themeType}/{locale} (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it("answers the bundle as [{ key, value }] in UTF-8 JSON, with the realm's overrides in it", async () => {
    const answer = await target.request('GET', `/resources/${realm}/admin/en`);
    expect([answer.status, answer.headers.get('content-type'), answer.headers.get('cache-control')]).toEqual([
      200,
      'application/json;charset=UTF-8',
      null,
    ]);
    expect(answer.json).toContainEqual({ key: 'leadGreeting', value: 'Hello from the realm' });
    expect((answer.json as unknown[]).every((entry) => typeof (entry as { key?: unknown }).key === 'string')).toBe(
      true,
    );
  });

  it('answers a bare 404 for an unknown realm or theme type', async () => {
    for (const path of [`/resources/no-such-realm-here/admin/en`, `/resources/${realm}/bogus/en`]) {
      const answer = await target.request('GET', path);
      expect([path, answer.status, answer.text]).toEqual([path, 404, '']);
    }
  });
});
