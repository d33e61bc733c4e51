import { startKeycloak } from '@keycloak-ts/testing';
import { afterAll, expect, it } from 'vitest';

const kc = await startKeycloak({
  realms: [
    {
      realm: 'demo',
      enabled: true,
      users: [{ username: 'alice', enabled: true, credentials: [{ type: 'password', value: 'alice' }] }],
      clients: [{ clientId: 'cli', publicClient: true, directAccessGrantsEnabled: true }],
    },
  ],
});
afterAll(() => kc.close());

it('expires tokens without sleeping', async () => {
  const body = new URLSearchParams({
    grant_type: 'password',
    client_id: 'cli',
    username: 'alice',
    password: 'alice',
    scope: 'openid',
  });
  const token = await fetch(`${kc.url}/realms/demo/protocol/openid-connect/token`, { method: 'POST', body });
  const { access_token } = (await token.json()) as { access_token: string };
  const userinfo = () =>
    fetch(`${kc.url}/realms/demo/protocol/openid-connect/userinfo`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
  expect((await userinfo()).status).toBe(200);
  kc.clock.advance(10 * 60_000); // past the access token's lifespan
  expect((await userinfo()).status).toBe(401);
  expect(kc.counters.get('token')).toBe(1);
});
