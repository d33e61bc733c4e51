import KeycloakConnect from 'keycloak-connect';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken, startShop, type ShopKeycloak } from '../support/guard/realm.js';

// The official (deprecated) Keycloak adapter for Node.js, configured bearer-only as keycloak.json
// would, against the in-memory Keycloak. It validates tokens itself (iss, typ, exp, RSA-SHA256 with
// a key it fetches from the certs endpoint or is given as realm-public-key), so every token it
// accepts here proves the server is what a real Keycloak adapter expects. Where they disagree,
// the server is wrong. keycloak-connect answers every refusal with 403 "Access denied".

type AdapterConfig = Record<string, unknown>;

let shop: ShopKeycloak;
let alice: string;
let bob: string;

function appWith(config: AdapterConfig): express.Express {
  const keycloak = new KeycloakConnect({}, {
    realm: 'shop',
    'auth-server-url': shop.serverUrl,
    resource: 'orders-api',
    'bearer-only': true,
    'ssl-required': 'none',
    'confidential-port': 0,
    ...config,
  } as never);
  const app = express();
  app.use(keycloak.middleware());
  app.get('/me', keycloak.protect(), (req, res) => {
    res.json({
      user: (req as unknown as { kauth: { grant: { access_token: { content: { preferred_username: string } } } } })
        .kauth.grant.access_token.content.preferred_username,
    });
  });
  app.get('/users', keycloak.protect('realm:user'), (_req, res) => res.json({ ok: true }));
  app.get('/admins', keycloak.protect('realm:admin'), (_req, res) => res.json({ ok: true }));
  app.get('/viewers', keycloak.protect('orders-api:viewer'), (_req, res) => res.json({ ok: true }));
  return app;
}

async function grant(body: Record<string, string>): Promise<Record<string, string>> {
  const response = await fetch(`${shop.serverUrl}/realms/shop/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, string>;
}

beforeAll(async () => {
  shop = await startShop([
    {
      realm: 'other',
      enabled: true,
      users: [{ username: 'alice', enabled: true, credentials: [{ type: 'password', value: 'alice-password' }] }],
      clients: [{ clientId: 'web', publicClient: true, directAccessGrantsEnabled: true }],
    },
  ]);
  [alice, bob] = await Promise.all([shop.tokenFor('alice'), shop.tokenFor('bob')]);
});
afterAll(() => shop?.close());

describe('keycloak-connect (bearer-only) against @keycloak-ts/testing', () => {
  const bearer = (token: string): [string, string] => ['authorization', `Bearer ${token}`];

  describe('with keys fetched from the certs endpoint', () => {
    let app: express.Express;
    beforeAll(() => {
      app = appWith({});
    });

    it('accepts an access token the server issued, verified with a key it fetched from the certs endpoint', async () => {
      const before = shop.server.counters.get('certs');
      const reply = await request(app)
        .get('/me')
        .set(...bearer(alice));
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ user: 'alice' });
      expect(shop.server.counters.get('certs')).toBe(before + 1);
    });

    it('reads realm roles where the adapter looks for them (realm_access.roles)', async () => {
      expect(
        (
          await request(app)
            .get('/users')
            .set(...bearer(bob))
        ).status,
      ).toBe(200);
      expect(
        (
          await request(app)
            .get('/admins')
            .set(...bearer(alice))
        ).status,
      ).toBe(200);
      const refused = await request(app)
        .get('/admins')
        .set(...bearer(bob));
      expect(refused.status).toBe(403);
      expect(refused.text).toBe('Access denied');
    });

    it('reads client roles where the adapter looks for them (resource_access.<client>.roles)', async () => {
      expect(
        (
          await request(app)
            .get('/viewers')
            .set(...bearer(alice))
        ).status,
      ).toBe(200);
      expect(
        (
          await request(app)
            .get('/viewers')
            .set(...bearer(bob))
        ).status,
      ).toBe(403);
    });

    it('accepts a client_credentials token of a service account and refuses it a realm role it lacks', async () => {
      const { access_token } = await grant({
        grant_type: 'client_credentials',
        client_id: 'orders-api',
        client_secret: 'orders-secret',
      });
      expect(
        (
          await request(app)
            .get('/me')
            .set(...bearer(access_token as string))
        ).status,
      ).toBe(200);
      expect(
        (
          await request(app)
            .get('/users')
            .set(...bearer(access_token as string))
        ).status,
      ).toBe(403);
    });

    it('refuses a request without a token with 403 and no redirect to a login page', async () => {
      const reply = await request(app).get('/me');
      expect(reply.status).toBe(403);
      expect(reply.headers['location']).toBeUndefined();
    });

    it('refuses the ID token and the refresh token the server issues (typ is not Bearer)', async () => {
      const tokens = await grant({
        grant_type: 'password',
        client_id: 'web',
        username: 'alice',
        password: 'alice-password',
        scope: 'openid',
      });
      expect(
        (
          await request(app)
            .get('/me')
            .set(...bearer(tokens['id_token'] as string))
        ).status,
      ).toBe(403);
      expect(
        (
          await request(app)
            .get('/me')
            .set(...bearer(tokens['refresh_token'] as string))
        ).status,
      ).toBe(403);
    });

    it('refuses a token of another realm of the same server (wrong iss)', async () => {
      const foreign = await passwordToken(shop.serverUrl, 'other', 'alice', 'alice-password');
      expect(
        (
          await request(app)
            .get('/me')
            .set(...bearer(foreign))
        ).status,
      ).toBe(403);
    });

    it('refuses a token whose payload was changed after signing', async () => {
      const [header, payload, signature] = alice.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, preferred_username: 'mallory' })).toString('base64url')}.${signature}`;
      expect(
        (
          await request(app)
            .get('/me')
            .set(...bearer(forged))
        ).status,
      ).toBe(403);
    });

    it("refuses a token the server issued an hour ago that has expired by the adapter's clock", async () => {
      shop.server.clock.advance(-3_600_000);
      let stale: string;
      try {
        stale = await shop.tokenFor('bob');
      } finally {
        shop.server.clock.advance(3_600_000);
      }
      expect(
        (
          await request(app)
            .get('/me')
            .set(...bearer(stale))
        ).status,
      ).toBe(403);
    });
  });

  it('follows a key rotation: a token signed with the new kid makes it fetch the certs again', async () => {
    // 0 would fall back to the 10 s default (`|| 10`); a microsecond lets the refetch happen at once.
    const app = appWith({ 'min-time-between-jwks-requests': 0.000001 });
    expect(
      (
        await request(app)
          .get('/me')
          .set(...bearer(alice))
      ).status,
    ).toBe(200);
    const rotated = await shop.server.model.realm('shop')!.keys.rotate();
    const fresh = await shop.tokenFor('alice');
    expect(JSON.parse(Buffer.from(fresh.split('.')[0] as string, 'base64url').toString())).toMatchObject({
      kid: rotated.kid,
      alg: 'RS256',
    });
    const before = shop.server.counters.get('certs');
    expect(
      (
        await request(app)
          .get('/me')
          .set(...bearer(fresh))
      ).status,
    ).toBe(200);
    expect(shop.server.counters.get('certs')).toBe(before + 1);
    // The old key stays published (passive) until removed, so earlier tokens still pass, as in Keycloak.
    expect(
      (
        await request(app)
          .get('/me')
          .set(...bearer(alice))
      ).status,
    ).toBe(200);
  });

  it('verifies with the realm-public-key published by GET /realms/{realm}', async () => {
    const info = (await (await fetch(`${shop.serverUrl}/realms/shop`)).json()) as { public_key: string };
    const app = appWith({ 'realm-public-key': info.public_key });
    const token = await shop.tokenFor('bob');
    const before = shop.server.counters.get('certs');
    expect(
      (
        await request(app)
          .get('/users')
          .set(...bearer(token))
      ).status,
    ).toBe(200);
    expect(shop.server.counters.get('certs')).toBe(before);
    const [header, payload] = token.split('.') as [string, string];
    expect(
      (
        await request(app)
          .get('/users')
          .set(...bearer(`${header}.${payload}.${alice.split('.')[2]}`))
      ).status,
    ).toBe(403);
  });

  it('checks the audience when verify-token-audience is on: client roles put the client in aud', async () => {
    const app = appWith({ 'verify-token-audience': true });
    // partner has no Audience mapper: only alice's orders-api roles put orders-api in aud.
    const token = await shop.tokenFor('alice', 'shop', 'partner');
    expect(
      (
        await request(app)
          .get('/me')
          .set(...bearer(token))
      ).status,
    ).toBe(200);
    expect(
      (
        await request(app)
          .get('/me')
          .set(...bearer(await shop.tokenFor('bob', 'shop', 'partner')))
      ).status,
    ).toBe(403);
  });

  describe('as a confidential client (grant manager)', () => {
    type GrantManager = {
      obtainDirectly(
        username: string,
        password: string,
        callback?: undefined,
        scope?: string,
      ): Promise<Record<string, { content: Record<string, unknown>; token: string } | undefined>>;
      userInfo(token: string): Promise<Record<string, unknown>>;
      validateAccessToken(token: string): Promise<unknown>;
    };
    let manager: GrantManager;
    beforeAll(() => {
      const keycloak = new KeycloakConnect({}, {
        realm: 'shop',
        'auth-server-url': shop.serverUrl,
        resource: 'orders-api',
        credentials: { secret: 'orders-secret' },
        'ssl-required': 'none',
        'confidential-port': 0,
      } as never);
      manager = (keycloak as unknown as { grantManager: GrantManager }).grantManager;
    });

    it('obtains a password grant whose access and ID tokens pass its own validation (typ, iss, aud, azp, signature)', async () => {
      const grant = await manager.obtainDirectly('alice', 'alice-password', undefined, 'openid');
      expect(grant['access_token']?.content).toMatchObject({
        typ: 'Bearer',
        azp: 'orders-api',
        preferred_username: 'alice',
      });
      expect(grant['id_token']?.content).toMatchObject({ typ: 'ID', aud: 'orders-api', azp: 'orders-api' });
    });

    it("sees a wrong password refused with Keycloak's status (400 invalid_grant)", async () => {
      await expect(manager.obtainDirectly('alice', 'wrong', undefined, 'openid')).rejects.toThrow(
        new Error('400:Bad Request'),
      );
    });

    it('reads userinfo and introspects with client_secret_basic', async () => {
      const grant = await manager.obtainDirectly('bob', 'bob-password', undefined, 'openid');
      const token = grant['access_token']?.token as string;
      expect(await manager.userInfo(token)).toMatchObject({ preferred_username: 'bob' });
      // Keycloak 26.6.2+ answers introspection active only to a client in the token's aud: orders-api's own
      // token does not name it, the web client's token (its Audience mapper) does.
      expect(await manager.validateAccessToken(token)).toBe(false);
      expect(await manager.validateAccessToken(bob)).toBe(bob);
      expect(await manager.validateAccessToken(`${bob.slice(0, -4)}AAAA`)).toBe(false);
    });
  });
});
