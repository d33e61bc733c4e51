import type { SharedStore } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpopTestKey, type DpopTestKey } from '../support/dpop.js';
import { startShop, type ShopKeycloak } from '../support/guard/realm.js';
import { ADAPTERS, startApp, type ListeningApp } from './support/apps.js';
import { boundToken, RecordingLogger } from './support/dpop-tokens.js';
import { rawRequest } from './support/raw-http.js';

// DPoP (RFC 9449) through each adapter over a real socket: a valid request passes, each bad proof is refused with
// the exact challenge, a proof is used once, a bound token is refused as Bearer, and the replay set's limits.

const ALGS = 'PS384 RS384 EdDSA ES384 ES256 RS256 ES512 PS256 PS512 RS512';
const BEARER = 'Bearer realm="shop"';
const dpopError = (error: string, description: string): string =>
  `${BEARER}, DPoP algs="${ALGS}", realm="shop", error="${error}", error_description="${description}"`;
const badProof = (description: string): string => dpopError('invalid_dpop_proof', description);

const options = (logger?: RecordingLogger) => ({
  serverUrl: '',
  realm: 'shop',
  clientId: 'orders-api',
  verifyTokenAudience: true,
  ...(logger === undefined ? {} : { logger }),
});

describe.each(ADAPTERS)('%s: DPoP-bound tokens', (adapter) => {
  let shop: ShopKeycloak;
  let app: ListeningApp;
  let key: DpopTestKey;
  let token: string;
  const logger = new RecordingLogger();

  beforeAll(async () => {
    shop = await startShop();
    key = dpopTestKey();
    token = await boundToken(shop.serverUrl, 'shop', key);
    app = await startApp(adapter, { ...options(logger), serverUrl: shop.serverUrl }, [
      { path: '/me', methods: ['GET', 'POST'] },
      { path: '/nobody', spec: { roles: ['realm:nobody'] } },
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await shop?.close();
  });

  const call = (path: string, headers: Record<string, string>, method = 'GET') =>
    fetch(`${app.url}${path}`, { method, headers });
  const dpop = (path: string, proof: string | undefined, method = 'GET') =>
    call(path, { authorization: `DPoP ${token}`, ...(proof === undefined ? {} : { dpop: proof }) }, method);
  const proofFor = (path: string, overrides: Parameters<DpopTestKey['proof']>[2] = {}, method = 'GET') =>
    key.proof(method, `${app.url}${path}`, { accessToken: token, ...overrides });

  it('passes a DPoP token with a valid proof, the query left out of htu, the scheme in any case', async () => {
    const ok = await dpop('/me?page=2', proofFor('/me'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ user: 'alice' });
    const lower = await call('/me', { authorization: `dpop ${token}`, dpop: proofFor('/me') });
    expect(lower.status).toBe(200);
    const post = await dpop('/me', proofFor('/me', {}, 'POST'), 'POST');
    expect(post.status).toBe(200);
  });

  it('refuses each bad proof with 401 and the DPoP challenge naming invalid_dpop_proof', async () => {
    const other = dpopTestKey();
    const now = Math.floor(Date.now() / 1000);
    const rows: Array<[string | undefined, string]> = [
      [undefined, 'A DPoP proof header is required'],
      ['garbage', 'The DPoP proof is not a signed JWT'],
      ['e30.e30', 'The DPoP proof is not a signed JWT'],
      [`${'a'.repeat(5000)}.${'b'.repeat(5000)}.c`, 'The DPoP proof is too large'],
      ['bm90IGpzb24.e30.c2ln', 'The DPoP proof is not a signed JWT'],
      [proofFor('/me', { header: { typ: 'JWT' } }), 'The DPoP proof must have typ dpop+jwt'],
      [proofFor('/me', { header: { alg: 'HS256' } }), 'The DPoP proof is signed with an algorithm not accepted here'],
      [proofFor('/me', { header: { alg: 'none' } }), 'The DPoP proof is signed with an algorithm not accepted here'],
      [proofFor('/me', { header: { jwk: undefined } }), 'The DPoP proof must carry a public jwk'],
      [proofFor('/me', { header: { jwk: key.privateJwk } }), 'The DPoP proof must carry a public jwk'],
      [proofFor('/me', { signWith: other }), 'The DPoP proof signature is invalid'],
      [proofFor('/me', { claims: { jti: undefined } }), 'The DPoP proof lacks jti, htm, htu or iat'],
      [proofFor('/me', { claims: { iat: 'now' } }), 'The DPoP proof lacks jti, htm, htu or iat'],
      [proofFor('/me', {}, 'POST'), 'The DPoP proof is for another HTTP method'],
      [proofFor('/other'), 'The DPoP proof is for another URL'],
      [
        key.proof('GET', `https://elsewhere.example${new URL(app.url).pathname}me`, { accessToken: token }),
        'The DPoP proof is for another URL',
      ],
      [proofFor('/me', { iat: now - 120 }), 'The DPoP proof is too old or issued in the future'],
      [proofFor('/me', { iat: now + 60 }), 'The DPoP proof is too old or issued in the future'],
      [
        proofFor('/me', { accessToken: undefined, claims: { ath: undefined } }),
        'The DPoP proof does not match the access token (ath)',
      ],
      [proofFor('/me', { accessToken: `${token}x` }), 'The DPoP proof does not match the access token (ath)'],
    ];
    for (const [proof, description] of rows) {
      const refused = await dpop('/me', proof);
      expect({ status: refused.status, challenge: refused.headers.get('www-authenticate') }).toEqual({
        status: 401,
        challenge: badProof(description),
      });
      expect(await refused.json()).toEqual({ error: 'invalid_dpop_proof', error_description: description });
    }
  });

  it('normalises htu as RFC 9449 says: scheme and host case, the default port', async () => {
    const url = new URL(app.url);
    const upper = key.proof('GET', `HTTP://${url.hostname.toUpperCase()}:${url.port}/me`, { accessToken: token });
    expect((await dpop('/me', upper)).status).toBe(200);
  });

  it('refuses two DPoP headers', async () => {
    const reply = await rawRequest(
      app.url,
      `GET /me HTTP/1.1\r\nAuthorization: DPoP ${token}\r\nDPoP: ${proofFor('/me')}\r\nDPoP: ${proofFor('/me')}`,
    );
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe(badProof('Exactly one DPoP proof header is allowed'));
  });

  it('refuses a DPoP request that also carries ?access_token= with 400, as a Bearer one', async () => {
    const reply = await dpop(`/me?access_token=${token}`, proofFor('/me'));
    expect(reply.status).toBe(400);
    expect(reply.headers.get('www-authenticate')).toContain('error="invalid_request"');
    expect(reply.headers.get('www-authenticate')).not.toContain(token);
  });

  it('refuses a proof used twice', async () => {
    const proof = proofFor('/me');
    expect((await dpop('/me', proof)).status).toBe(200);
    const replayed = await dpop('/me', proof);
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('www-authenticate')).toBe(badProof('The DPoP proof was already used'));
  });

  it('refuses a valid proof by another key than the token is bound to, and an unbound token sent as DPoP', async () => {
    const other = dpopTestKey();
    const wrongKey = await dpop('/me', other.proof('GET', `${app.url}/me`, { accessToken: token }));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.headers.get('www-authenticate')).toBe(
      dpopError('invalid_token', 'The access token is not bound to the DPoP proof key'),
    );
    const plain = await shop.tokenFor('alice');
    const unbound = await call('/me', {
      authorization: `DPoP ${plain}`,
      dpop: key.proof('GET', `${app.url}/me`, { accessToken: plain }),
    });
    expect(unbound.status).toBe(401);
    expect(unbound.headers.get('www-authenticate')).toBe(
      dpopError('invalid_token', 'The access token is not bound to the DPoP proof key'),
    );
  });

  it('refuses a DPoP-bound token sent as Bearer with invalid_token and the DPoP challenge after it', async () => {
    const refused = await call('/me', { authorization: `Bearer ${token}` });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe(
      `${BEARER}, error="invalid_token", error_description="The access token is DPoP-bound: send it as Authorization: DPoP with a DPoP proof", DPoP algs="${ALGS}", realm="shop"`,
    );
    expect(logger.lines.some((line) => line.obj['reason'] === 'dpop_bound_as_bearer')).toBe(true);
  });

  it('answers an invalid token and a missing role under the DPoP scheme too', async () => {
    const forged = `${token.slice(0, -4)}AAAA`;
    const bad = await call('/me', {
      authorization: `DPoP ${forged}`,
      dpop: key.proof('GET', `${app.url}/me`, { accessToken: forged }),
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe(dpopError('invalid_token', 'The access token is invalid'));
    const forbidden = await dpop('/nobody', proofFor('/nobody'));
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('www-authenticate')).toBe(
      dpopError('insufficient_scope', 'Missing roles: realm:nobody'),
    );
  });

  it('keeps unbound Bearer tokens working with the unchanged challenge', async () => {
    expect((await call('/me', { authorization: `Bearer ${await shop.tokenFor('alice')}` })).status).toBe(200);
    expect((await call('/me', {})).headers.get('www-authenticate')).toBe(BEARER);
  });
});

describe.each(ADAPTERS)('%s: DPoP options', (adapter) => {
  let shop: ShopKeycloak;
  const apps: ListeningApp[] = [];

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await shop?.close();
  });

  const start = async (extra: Record<string, unknown>, logger = new RecordingLogger()) => {
    const app = await startApp(adapter, { ...options(logger), serverUrl: shop.serverUrl, ...extra } as never, [
      { path: '/me' },
    ]);
    apps.push(app);
    return app;
  };

  it('dpop.required: a Bearer token and no token get the DPoP challenge alone; a DPoP request passes', async () => {
    const app = await start({ dpop: { required: true } });
    const key = dpopTestKey();
    const token = await boundToken(shop.serverUrl, 'shop', key);
    const bearer = await fetch(`${app.url}/me`, {
      headers: { authorization: `Bearer ${await shop.tokenFor('alice')}` },
    });
    expect(bearer.status).toBe(401);
    expect(bearer.headers.get('www-authenticate')).toBe(
      `DPoP algs="${ALGS}", realm="shop", error="invalid_token", error_description="A DPoP-bound access token and a DPoP proof are required"`,
    );
    const none = await fetch(`${app.url}/me`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe(`DPoP algs="${ALGS}", realm="shop"`);
    const bad = await fetch(`${app.url}/me`, { headers: { authorization: `DPoP ${token}` } });
    expect(bad.headers.get('www-authenticate')).toBe(
      `DPoP algs="${ALGS}", realm="shop", error="invalid_dpop_proof", error_description="A DPoP proof header is required"`,
    );
    const ok = await fetch(`${app.url}/me`, {
      headers: { authorization: `DPoP ${token}`, dpop: key.proof('GET', `${app.url}/me`, { accessToken: token }) },
    });
    expect(ok.status).toBe(200);
  });

  it('checks the binding of an introspected token too (validation: introspect)', async () => {
    const app = await start({ validation: 'introspect', clientSecret: 'orders-secret' });
    const key = dpopTestKey();
    const token = await boundToken(shop.serverUrl, 'shop', key);
    const ok = await fetch(`${app.url}/me`, {
      headers: { authorization: `DPoP ${token}`, dpop: key.proof('GET', `${app.url}/me`, { accessToken: token }) },
    });
    expect(ok.status).toBe(200);
    const asBearer = await fetch(`${app.url}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(asBearer.status).toBe(401);
    expect(asBearer.headers.get('www-authenticate')).toContain(', DPoP algs=');
  });

  it('dpop.algorithms narrows the accepted algorithms and the challenge', async () => {
    const app = await start({ dpop: { algorithms: ['ES256'] } });
    const key = dpopTestKey('RS256');
    const token = await boundToken(shop.serverUrl, 'shop', key);
    const refused = await fetch(`${app.url}/me`, {
      headers: { authorization: `DPoP ${token}`, dpop: key.proof('GET', `${app.url}/me`, { accessToken: token }) },
    });
    expect(refused.headers.get('www-authenticate')).toBe(
      `${BEARER}, DPoP algs="ES256", realm="shop", error="invalid_dpop_proof", error_description="The DPoP proof is signed with an algorithm not accepted here"`,
    );
  });

  it('refuses new proofs when the replay set is full of live ones, with one warn line, rather than forget one', async () => {
    const logger = new RecordingLogger();
    const app = await start({ dpop: { maxReplayEntries: 2 } }, logger);
    const key = dpopTestKey();
    const token = await boundToken(shop.serverUrl, 'shop', key);
    const send = (proof: string) =>
      fetch(`${app.url}/me`, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
    const first = key.proof('GET', `${app.url}/me`, { accessToken: token });
    expect((await send(first)).status).toBe(200);
    expect((await send(key.proof('GET', `${app.url}/me`, { accessToken: token }))).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const full = await send(key.proof('GET', `${app.url}/me`, { accessToken: token }));
      expect(full.status).toBe(401);
      expect(full.headers.get('www-authenticate')).toBe(
        badProof('The DPoP proof cannot be checked for replay now; retry with a new proof later'),
      );
    }
    // The first proof is still remembered: its replay is refused as such, not let through.
    expect((await send(first)).headers.get('www-authenticate')).toBe(badProof('The DPoP proof was already used'));
    expect(logger.warnings().filter((msg) => msg.includes('replay cache is full'))).toHaveLength(1);
  });

  it('takes htu from publicUrl, and never from an unchecked X-Forwarded-Host', async () => {
    const app = await start({ publicUrl: 'https://api.example.com/orders-service/' });
    const key = dpopTestKey();
    const token = await boundToken(shop.serverUrl, 'shop', key);
    const send = (htu: string, headers: Record<string, string> = {}) =>
      fetch(`${app.url}/me`, {
        headers: { authorization: `DPoP ${token}`, dpop: key.proof('GET', htu, { accessToken: token }), ...headers },
      });
    expect((await send('https://api.example.com/orders-service/me')).status).toBe(200);
    expect((await send(`${app.url}/me`)).status).toBe(401);
    const plain = await start({});
    const forwarded = await fetch(`${plain.url}/me`, {
      headers: {
        authorization: `DPoP ${token}`,
        dpop: key.proof('GET', 'https://evil.example/me', { accessToken: token }),
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
      },
    });
    expect(forwarded.headers.get('www-authenticate')).toBe(badProof('The DPoP proof is for another URL'));
  });

  it('fails open when the shared store is down (one warn line), and closed with 503 under storeDown fail-closed', async () => {
    const broken: SharedStore = {
      kind: 'broken',
      get: async () => undefined,
      set: async () => undefined,
      claim: () => Promise.reject(new Error('connection refused')),
      delete: async () => undefined,
      publish: async () => undefined,
      subscribe: async () => async () => undefined,
      close: async () => undefined,
    };
    const key = dpopTestKey();
    const token = await boundToken(shop.serverUrl, 'shop', key);
    const openLogger = new RecordingLogger();
    const open = await start({ store: broken }, openLogger);
    const send = (app: ListeningApp, proof: string) =>
      fetch(`${app.url}/me`, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
    const proof = key.proof('GET', `${open.url}/me`, { accessToken: token });
    expect((await send(open, proof)).status).toBe(200);
    expect((await send(open, key.proof('GET', `${open.url}/me`, { accessToken: token }))).status).toBe(200);
    // Per instance, a replay is still refused.
    expect((await send(open, proof)).status).toBe(401);
    expect(openLogger.warnings().filter((msg) => msg.includes('shared store is down'))).toHaveLength(1);
    const closed = await start({ store: broken, storeDown: 'fail-closed' });
    const refused = await send(closed, key.proof('GET', `${closed.url}/me`, { accessToken: token }));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(refused.headers.get('www-authenticate')).toBeNull();
  });
});
