import type { AddressInfo } from 'node:net';
import { MemoryStore, TieredStore, type SharedStore } from '@keycloak-ts/core';
import { Keycloak, type KeycloakExpressOptions } from '@keycloak-ts/express';
import { keycloakPlugin, type KeycloakPluginOptions } from '@keycloak-ts/fastify';
import express from 'express';
import Fastify from 'fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken, startShop, type ShopKeycloak } from '../support/guard/realm.js';
import {
  adminActionClaims,
  claimsOf,
  logoutClaims,
  realmKey,
  revocationRealm,
  signWith,
} from './support/revocation.js';

// Every refusal row of the revocation receivers (OIDC Back-Channel Logout 1.0 section 2.6, keycloak-connect's
// admin.js), through both adapters, and the revocation they cause on the next request.
interface Reply {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}
interface App {
  post(path: string, contentType: string, body: string): Promise<Reply>;
  get(path: string, token: string): Promise<Reply>;
  close(): Promise<void>;
}
type Factory = (options: Record<string, unknown>, appParsers?: boolean) => Promise<App>;

const expressApp: Factory = async (options, appParsers = false) => {
  const keycloak = new Keycloak(options as unknown as KeycloakExpressOptions);
  const app = express();
  // An app that parses forms itself: the middleware uses what the parser read.
  if (appParsers) app.use(express.urlencoded({ extended: false }), express.text());
  app.use(keycloak.middleware());
  app.get('/me', keycloak.protect(), (req, res) => void res.json({ sub: req.keycloak?.token.sub }));
  const read = (response: request.Response): Reply => ({
    status: response.status,
    headers: response.headers as Record<string, string>,
    text: response.text,
  });
  return {
    post: async (path, contentType, body) =>
      read(await request(app).post(path).set('content-type', contentType).send(body)),
    get: async (path, token) => read(await request(app).get(path).set('authorization', `Bearer ${token}`)),
    close: () => keycloak.close(),
  };
};

const fastifyApp: Factory = async (options) => {
  const app = Fastify();
  await app.register(keycloakPlugin, options as unknown as KeycloakPluginOptions);
  app.get('/me', { preHandler: app.keycloak.protect() }, async (req) => ({ sub: req.keycloak?.token.sub }));
  await app.ready();
  const read = (response: { statusCode: number; headers: Record<string, unknown>; body: string }): Reply => ({
    status: response.statusCode,
    headers: response.headers as Record<string, string>,
    text: response.body,
  });
  return {
    post: async (path, contentType, payload) =>
      read(await app.inject({ method: 'POST', url: path, headers: { 'content-type': contentType }, payload })),
    get: async (path, token) =>
      read(await app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } })),
    close: () => app.close(),
  };
};

const FORM = 'application/x-www-form-urlencoded';
const TEXT = 'text/plain; charset=ISO-8859-1';
const NO_STORE_400 = (description: string) => ({
  status: 400,
  cacheControl: 'no-store',
  body: { error: 'invalid_request', error_description: description },
});

describe.each([
  ['Express', expressApp],
  ['Fastify', fastifyApp],
] as const)('%s: revocation receivers', (_name, factory) => {
  let shop: ShopKeycloak;
  let issuer: string;
  let key: Awaited<ReturnType<typeof realmKey>>;
  let app: App;
  const login = (user: 'alice' | 'bob') => passwordToken(shop.serverUrl, 'revoke', user, `${user}-password`);
  const options = (extra: Record<string, unknown> = {}) => ({
    serverUrl: shop.serverUrl,
    realm: 'revoke',
    clientId: 'orders-api',
    verifyTokenAudience: true,
    revocation: { logoutTokenAudiences: ['web'] },
    ...extra,
  });
  const logout = (claims: object, header?: object) =>
    app.post(
      '/backchannel-logout',
      FORM,
      new URLSearchParams({ logout_token: signWith(key, claims, header) }).toString(),
    );
  const shape = (reply: Reply) => ({
    status: reply.status,
    cacheControl: reply.headers['cache-control'],
    body: reply.text === '' ? undefined : (JSON.parse(reply.text) as unknown),
  });

  beforeAll(async () => {
    shop = await startShop([revocationRealm('revoke')]);
    issuer = `${shop.serverUrl}/realms/revoke`;
    key = await realmKey(shop.server, 'revoke');
    app = await factory(options());
  });
  afterAll(async () => {
    await app?.close();
    await shop?.close();
  });

  it('revokes the session a back-channel logout names: its token gets 401 invalid_token, other sessions go on', async () => {
    const alice = await login('alice');
    const other = await login('alice');
    const bob = await login('bob');
    expect(claimsOf(alice).aud).toContain('orders-api');
    expect((await app.get('/me', alice)).status).toBe(200);
    const { sid, sub } = claimsOf(alice) as { sid: string; sub: string };
    expect(shape(await logout(logoutClaims(issuer, 'web', { sid, sub })))).toEqual({
      status: 200,
      cacheControl: 'no-store',
      body: undefined,
    });
    const refused = await app.get('/me', alice);
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe(
      'Bearer realm="revoke", error="invalid_token", error_description="The session of the access token has ended"',
    );
    expect((await app.get('/me', other)).status).toBe(200);
    expect((await app.get('/me', bob)).status).toBe(200);
  });

  it('warns once when the revocation set is full, and keeps the newest revocations', async () => {
    const warnings: string[] = [];
    const logger = { debug: () => {}, error: () => {}, warn: (_: object, msg: string) => void warnings.push(msg) };
    const small = await factory(options({ revocation: { logoutTokenAudiences: ['web'], maxEntries: 1 }, logger }));
    const post = (claims: object) =>
      small.post('/backchannel-logout', FORM, new URLSearchParams({ logout_token: signWith(key, claims) }).toString());
    try {
      const tokens = [await login('alice'), await login('alice'), await login('alice')];
      for (const token of tokens) {
        const { sid } = claimsOf(token) as { sid: string };
        expect((await post(logoutClaims(issuer, 'web', { sid }))).status).toBe(200);
      }
      expect(warnings).toEqual([
        'keycloak-ts: the revocation set is full; the oldest revocations are forgotten before their tokens expire (raise revocation.maxEntries)',
      ]);
      expect((await small.get('/me', tokens[2] as string)).status).toBe(401);
    } finally {
      await small.close();
    }
  });

  it('revokes every session of the user a logout token without sid names', async () => {
    const first = await login('bob');
    const second = await login('bob');
    const { sub } = claimsOf(first) as { sub: string };
    expect((await logout(logoutClaims(issuer, 'web', { sub }))).status).toBe(200);
    expect((await app.get('/me', first)).status).toBe(401);
    expect((await app.get('/me', second)).status).toBe(401);
  });

  it.each([
    ['a signature by another key', 'The logout token signature is invalid'],
    ['an aud naming another client', 'The logout token aud names none of the accepted clients'],
    ['no back-channel logout event', 'The logout token has no back-channel logout event'],
    ['a nonce', 'The logout token carries a nonce'],
    ['an exp in the past', 'The logout token expired'],
    ['neither sid nor sub', 'The logout token has neither sid nor sub'],
    ['another issuer', 'The logout token iss is not the realm'],
    ['the typ header of an access token', 'The logout token typ header is not logout+jwt'],
  ])('answers a logout token with %s 400 invalid_request, and revokes nothing', async (row, description) => {
    const alice = await login('alice');
    const { sid, sub } = claimsOf(alice) as { sid: string; sub: string };
    const claims: Record<string, unknown> = logoutClaims(issuer, 'web', { sid, sub });
    let header: object = { typ: 'logout+jwt' };
    let token: string | undefined;
    if (row === 'a signature by another key') {
      const [head, payload] = signWith(key, claims, header).split('.');
      const forged = signWith(key, { ...claims, jti: 'other' }, header).split('.')[2];
      token = `${head}.${payload}.${forged}`;
    }
    if (row === 'an aud naming another client') claims.aud = 'billing';
    if (row === 'no back-channel logout event') claims.events = { 'http://schemas.openid.net/event/other': {} };
    if (row === 'a nonce') claims.nonce = 'n-0S6_WzA2Mj';
    if (row === 'an exp in the past') claims.exp = Math.floor(Date.now() / 1000) - 60;
    if (row === 'neither sid nor sub') {
      delete claims.sid;
      delete claims.sub;
    }
    if (row === 'another issuer') claims.iss = `${shop.serverUrl}/realms/shop`;
    if (row === 'the typ header of an access token') header = { typ: 'at+jwt' };
    const reply =
      token === undefined
        ? await logout(claims, header)
        : await app.post('/backchannel-logout', FORM, new URLSearchParams({ logout_token: token }).toString());
    expect(shape(reply)).toEqual(NO_STORE_400(description));
    expect((await app.get('/me', alice)).status).toBe(200);
  });

  it('answers a replayed logout token 400, its jti already used', async () => {
    const bob = await login('bob');
    const claims = logoutClaims(issuer, 'web', { sid: claimsOf(bob).sid as string });
    expect((await logout(claims)).status).toBe(200);
    expect(shape(await logout(claims))).toEqual(NO_STORE_400('The logout token was already used'));
  });

  it('answers a request without a logout_token form parameter 400', async () => {
    expect(shape(await app.post('/backchannel-logout', FORM, 'token=x'))).toEqual(
      NO_STORE_400('The request has no logout_token form parameter'),
    );
    expect(shape(await app.post('/backchannel-logout', 'application/json', '{"logout_token":"x"}'))).toEqual(
      NO_STORE_400('The request has no logout_token form parameter'),
    );
  });

  it('revokes every older token on a not-before push, as keycloak-connect applies it', async () => {
    const before = await login('alice');
    const notBefore = (claimsOf(before).iat as number) + 1;
    const push = await app.post(
      '/k_push_not_before',
      TEXT,
      signWith(key, adminActionClaims('PUSH_NOT_BEFORE', 'orders-api', notBefore)),
    );
    expect({ status: push.status, text: push.text }).toEqual({ status: 200, text: 'ok' });
    const refused = await app.get('/me', before);
    expect(refused.status).toBe(401);
    // The same refusal as for an introspected token, or a session logged out (token_revoked).
    expect(refused.headers['www-authenticate']).toBe(
      'Bearer realm="revoke", error="invalid_token", error_description="The session of the access token has ended"',
    );
  });

  it('applies a not-before push to introspected tokens too: older refused, one issued at it let through', async () => {
    const introspecting = await factory(options({ validation: 'introspect', clientSecret: 'orders-secret' }));
    try {
      const token = await login('bob');
      const iat = claimsOf(token).iat as number;
      const push = (notBefore: number) =>
        introspecting.post(
          '/k_push_not_before',
          TEXT,
          signWith(key, adminActionClaims('PUSH_NOT_BEFORE', 'orders-api', notBefore)),
        );
      expect((await push(iat)).text).toBe('ok');
      expect((await introspecting.get('/me', token)).status).toBe(200);
      expect((await push(iat + 1)).text).toBe('ok');
      const refused = await introspecting.get('/me', token);
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toBe(
        'Bearer realm="revoke", error="invalid_token", error_description="The session of the access token has ended"',
      );
    } finally {
      await introspecting.close();
    }
  });

  it.each([
    ['k_push_not_before', 'LOGOUT', 'orders-api', 0, 400, 'The admin action is not PUSH_NOT_BEFORE'],
    ['k_logout', 'PUSH_NOT_BEFORE', 'orders-api', 0, 400, 'The admin action is not LOGOUT'],
    ['k_logout', 'LOGOUT', 'billing', 0, 401, 'The admin action is for another client'],
    ['k_logout', 'LOGOUT', 'orders-api', -60_000, 401, 'The admin action expired'],
  ] as const)(
    'answers %s with action %s for %s (clock %i ms) %i',
    async (path, action, resource, shift, status, text) => {
      const claims = adminActionClaims(action, resource, 0, Date.now() + shift);
      const reply = await app.post(`/${path}`, TEXT, signWith(key, claims));
      expect({ status: reply.status, text: reply.text }).toEqual({ status, text });
    },
  );

  it('answers an admin action with a bad signature 401, and a body that is no JWS 400', async () => {
    const [head, payload] = signWith(key, adminActionClaims('LOGOUT', 'orders-api', 0)).split('.');
    const reply = await app.post(
      '/k_logout',
      TEXT,
      `${head}.${payload}.${Buffer.from('forged').toString('base64url')}`,
    );
    expect({ status: reply.status, text: reply.text }).toEqual({ status: 401, text: 'The token signature is invalid' });
    expect((await app.post('/k_logout', TEXT, 'not a token')).status).toBe(400);
  });

  it('answers 503 Retry-After under storeDown: fail-closed while the shared store is down, and goes on under fail-open', async () => {
    const down: SharedStore = {
      kind: 'down',
      get: () => Promise.reject(new Error('ECONNREFUSED')),
      set: () => Promise.reject(new Error('ECONNREFUSED')),
      claim: () => Promise.reject(new Error('ECONNREFUSED')),
      delete: () => Promise.reject(new Error('ECONNREFUSED')),
      publish: () => Promise.reject(new Error('ECONNREFUSED')),
      subscribe: () => Promise.reject(new Error('ECONNREFUSED')),
      close: async () => undefined,
    };
    const warnings: string[] = [];
    const logger = { debug: () => {}, error: () => {}, warn: (_: object, msg: string) => void warnings.push(msg) };
    const closed = await factory(
      options({ store: new TieredStore({ shared: down }), storeDown: 'fail-closed', logger }),
    );
    const open = await factory(options({ store: new TieredStore({ shared: down }), logger }));
    try {
      const token = await login('bob');
      await new Promise((wake) => setTimeout(wake, 50)); // the first store operation (the subscription) failed
      const refused = await closed.get('/me', token);
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('10');
      expect(JSON.parse(refused.text)).toEqual({
        error: 'temporarily_unavailable',
        error_description: 'Revoked sessions cannot be checked now; retry later',
      });
      warnings.length = 0;
      for (let i = 0; i < 3; i++) expect((await open.get('/me', token)).status).toBe(200);
      expect(warnings).toEqual([
        'keycloak-ts: the shared store is down; revocations received by other instances do not reach this one until it is back',
      ]);
    } finally {
      await closed.close();
      await open.close();
    }
  });

  it('shares a revocation with another guard of the same store', async () => {
    const store = new MemoryStore();
    const first = await factory(options({ store }));
    const second = await factory(options({ store }));
    try {
      const alice = await login('alice');
      const logoutToken = signWith(key, logoutClaims(issuer, 'web', { sid: claimsOf(alice).sid as string }));
      expect((await first.post('/backchannel-logout', FORM, `logout_token=${logoutToken}`)).status).toBe(200);
      expect((await second.get('/me', alice)).status).toBe(401);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('answers over a real socket', async () => {
    const alice = await login('alice');
    let url: string;
    let stop: () => Promise<void>;
    if (factory === expressApp) {
      const keycloak = new Keycloak(options() as KeycloakExpressOptions);
      const server = express()
        .use(keycloak.middleware())
        .get('/me', keycloak.protect(), (_req, res) => void res.json({}))
        .listen(0, '127.0.0.1');
      await new Promise((ready) => server.once('listening', ready));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      stop = async () => {
        server.close();
        await keycloak.close();
      };
    } else {
      const fastify = Fastify();
      await fastify.register(keycloakPlugin, options() as KeycloakPluginOptions);
      fastify.get('/me', { preHandler: fastify.keycloak.protect() }, async () => ({}));
      url = await fastify.listen({ port: 0, host: '127.0.0.1' });
      stop = () => fastify.close();
    }
    try {
      const body = new URLSearchParams({
        logout_token: signWith(key, logoutClaims(issuer, 'web', { sid: claimsOf(alice).sid as string })),
      });
      const answer = await fetch(`${url}/backchannel-logout`, { method: 'POST', body });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      const me = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${alice}` } });
      expect(me.status).toBe(401);
    } finally {
      await stop();
    }
  });
});

describe('Express: an app that parses forms and text itself', () => {
  it('revokes from what its parsers read', async () => {
    const shop = await startShop([revocationRealm('revoke')]);
    try {
      const issuer = `${shop.serverUrl}/realms/revoke`;
      const key = await realmKey(shop.server, 'revoke');
      const app = await expressApp(
        {
          serverUrl: shop.serverUrl,
          realm: 'revoke',
          clientId: 'orders-api',
          verifyTokenAudience: true,
          revocation: { logoutTokenAudiences: ['web'] },
        },
        true,
      );
      const bob = await passwordToken(shop.serverUrl, 'revoke', 'bob', 'bob-password');
      const token = signWith(key, logoutClaims(issuer, 'web', { sid: claimsOf(bob).sid as string }));
      expect((await app.post('/backchannel-logout', FORM, `logout_token=${token}`)).status).toBe(200);
      expect((await app.get('/me', bob)).status).toBe(401);
      const push = signWith(key, adminActionClaims('PUSH_NOT_BEFORE', 'orders-api', 1));
      expect((await app.post('/k_push_not_before', TEXT, push)).text).toBe('ok');
      await app.close();
    } finally {
      await shop.close();
    }
  });

  it('refuses keycloak.middleware() without the revocation option', () => {
    const keycloak = new Keycloak({ serverUrl: 'http://127.0.0.1:1', realm: 'r', clientId: 'api' });
    expect(() => keycloak.middleware()).toThrow(new TypeError('keycloak.middleware() needs the "revocation" option'));
  });
});
