import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';

let kc: KeycloakTestServer;
let discovery: string;

beforeAll(async () => {
  kc = await startKeycloak();
  discovery = `${kc.url}/realms/master/.well-known/openid-configuration`;
});
afterAll(() => kc.close());

describe('counters', () => {
  it('counts requests per endpoint and resets', async () => {
    kc.counters.reset();
    await fetch(discovery);
    await fetch(discovery);
    await fetch(`${kc.url}/realms/master`);
    expect(kc.counters.get('discovery')).toBe(2);
    expect(kc.counters.snapshot()).toEqual({ discovery: 2, realm: 1 });
    kc.counters.reset();
    expect(kc.counters.get('discovery')).toBe(0);
  });
});

describe('faults', () => {
  it('answers an injected status for the given number of requests', async () => {
    kc.faults.inject('discovery', { kind: 'status', status: 503, body: { error: 'down' }, times: 1 });
    const failed = await fetch(discovery);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ error: 'down' });
    expect((await fetch(discovery)).status).toBe(200);
  });

  it('resets the connection', async () => {
    kc.faults.inject('discovery', { kind: 'reset', times: 1 });
    await expect(fetch(discovery)).rejects.toThrow();
  });

  it('holds a request until the fault is cleared', async () => {
    kc.faults.inject('discovery', { kind: 'hang' });
    const before = kc.counters.get('discovery');
    const pending = fetch(discovery).then(
      () => 'answered',
      () => 'dropped',
    );
    // Wait until the server holds the request (it counts it first), not for a guessed delay.
    while (kc.counters.get('discovery') === before) await new Promise((r) => setImmediate(r));
    kc.faults.clear('discovery');
    expect(await pending).toBe('dropped');
    expect((await fetch(discovery)).status).toBe(200);
  });

  it('rejects a fault with a bad status with a TypeError', () => {
    expect(() => kc.faults.inject('token', { kind: 'status', status: 42 })).toThrow(TypeError);
  });
});

describe('clock', () => {
  it('stamps tokens with the server clock, so moving it expires them without sleeping', async () => {
    const start = kc.clock.now();
    kc.clock.advance(3_600_000);
    try {
      const response = await fetch(`${kc.url}/realms/master/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'admin-cli',
          username: 'admin',
          password: 'admin',
        }),
      });
      const { access_token: token } = (await response.json()) as { access_token: string };
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
        iat: number;
        exp: number;
      };
      expect(claims.iat - Math.floor(start / 1000)).toBeGreaterThanOrEqual(3600);
      expect(claims.exp - claims.iat).toBe(60);
      kc.clock.advance(61_000);
      const users = await fetch(`${kc.url}/admin/realms`, { headers: { authorization: `Bearer ${token}` } });
      expect(users.status).toBe(401);
    } finally {
      kc.clock.set(start);
    }
    expect(Math.abs(kc.clock.now() - start)).toBeLessThan(1000);
  });
});

describe('options', () => {
  it('rejects a bad port with a TypeError naming the option', async () => {
    await expect(startKeycloak({ port: -1 })).rejects.toThrow(/options\.port/);
  });
});

describe('master realm', () => {
  it('lets the bootstrap admin log in with admin-cli and get a lightweight token', async () => {
    const response = await fetch(`${kc.url}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'admin-cli',
        username: 'admin',
        password: 'admin',
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(60);
    const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(Object.keys(claims).sort()).toEqual(['azp', 'exp', 'iat', 'iss', 'jti', 'scope', 'sid', 'typ']);
    expect(String(claims['jti'])).toMatch(/^onltro:/);
  });

  it('gives the admin role every management role of every realm', () => {
    kc.importRealm({ realm: 'later' });
    const master = kc.model.realm('master');
    const admin = master?.roles.get('admin');
    const laterRealm = master?.clients.get('later-realm');
    expect(laterRealm?.roles.has('manage-users')).toBe(true);
    expect([...(admin?.composites ?? [])].filter((r) => r.clientId === laterRealm?.id)).toHaveLength(
      laterRealm?.roles.size ?? -1,
    );
  });
});
