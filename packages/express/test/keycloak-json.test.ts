import { Keycloak } from '@keycloak-ts/express';
import express from 'express';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../test/support/guard/realm.js';

// Shaped after the shared Keycloak 26 sample `keycloak-json-policy-enforcer-photoz.json` (Keycloak quickstarts).
const photoz = {
  realm: 'photoz',
  'auth-server-url': 'http://localhost:8180/auth',
  'ssl-required': 'external',
  resource: 'photoz-restful-api',
  'bearer-only': true,
  credentials: { secret: 'secret' },
  'policy-enforcer': {
    'enforcement-mode': 'PERMISSIVE',
    paths: [{ path: '/album/{id}', methods: [{ method: 'GET', scopes: ['album:view'] }] }],
  },
};

describe('Keycloak.fromKeycloakJson', () => {
  it('reads the console export from an object and keeps the policy-enforcer section', () => {
    const keycloak = Keycloak.fromKeycloakJson(photoz);
    expect(keycloak.realm).toBe('photoz');
    expect(keycloak.policyEnforcerConfig).toEqual(photoz['policy-enforcer']);
  });

  it('reads a keycloak.json file from a path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-json-'));
    const path = join(dir, 'keycloak.json');
    writeFileSync(path, JSON.stringify(photoz));
    expect(Keycloak.fromKeycloakJson(path).realm).toBe('photoz');
  });

  it('interpolates ${env.NAME:default} as keycloak-connect does', () => {
    process.env['KC_TS_TEST_REALM'] = 'from-env';
    delete process.env['KC_TS_TEST_UNSET'];
    try {
      const keycloak = Keycloak.fromKeycloakJson({
        ...photoz,
        realm: '${env.KC_TS_TEST_REALM}',
        'auth-server-url': '${env.KC_TS_TEST_UNSET:http://kc:8080}',
      });
      expect(keycloak.realm).toBe('from-env');
    } finally {
      delete process.env['KC_TS_TEST_REALM'];
    }
  });

  it.each([
    ['a missing realm', { ...photoz, realm: undefined }, /"realm" is required/],
    ['a missing resource', { ...photoz, resource: undefined }, /"resource" is required/],
    ['a non-boolean bearer-only', { ...photoz, 'bearer-only': 'yes' }, /"bearer-only" must be a boolean/],
    [
      'a non-boolean verify-token-audience',
      { ...photoz, 'verify-token-audience': 'no' },
      /"verify-token-audience" must be a boolean/,
    ],
    ['a bad auth-server-url', { ...photoz, 'auth-server-url': 'localhost' }, /"serverUrl"/],
    ['an unreadable path', '/nonexistent/keycloak.json', /could not be read/],
  ])('refuses %s with a TypeError', (_name, input, message) => {
    expect(() => Keycloak.fromKeycloakJson(input as never)).toThrow(TypeError);
    expect(() => Keycloak.fromKeycloakJson(input as never)).toThrow(message);
  });
});

describe('Keycloak.fromKeycloakJson against the test Keycloak', () => {
  let shop: ShopKeycloak;
  let alice: string;
  beforeAll(async () => {
    shop = await startShop();
    alice = await shop.tokenFor('alice');
  });
  afterAll(() => shop?.close());

  const json = (extra: Record<string, unknown>): Record<string, unknown> => ({
    realm: 'shop',
    'auth-server-url': shop.serverUrl,
    resource: 'orders-api',
    ...extra,
  });
  const statusOf = async (keycloak: Keycloak): Promise<{ status: number; challenge: unknown }> => {
    const app = express();
    app.get('/me', keycloak.protect(), (_req, res) => void res.end());
    app.use(keycloak.errorHandler());
    const reply = await request(app).get('/me').set('authorization', `Bearer ${alice}`);
    return { status: reply.status, challenge: reply.headers['www-authenticate'] };
  };

  const audienceRefusal = {
    status: 401,
    challenge:
      'Bearer realm="shop", error="invalid_token", error_description="The access token audience (aud) does not contain web; ' +
      'add an Audience mapper for web to a client scope of the calling client, or set the guard\'s tokenAudience option"',
  };

  it('checks the audience against resource when verify-token-audience is true, and not when "false"', async () => {
    // alice's token is for the public client `web`; its audience holds orders-api (its Audience mapper), not web.
    expect(await statusOf(Keycloak.fromKeycloakJson(json({ resource: 'web', 'verify-token-audience': true })))).toEqual(
      audienceRefusal,
    );
    expect(
      (await statusOf(Keycloak.fromKeycloakJson(json({ resource: 'web', 'verify-token-audience': 'false' })))).status,
    ).toBe(200);
    expect((await statusOf(Keycloak.fromKeycloakJson(json({ 'verify-token-audience': true })))).status).toBe(200);
  });

  it('checks the audience when keycloak.json does not say (files written for keycloak-connect omit it)', async () => {
    expect(await statusOf(Keycloak.fromKeycloakJson(json({ resource: 'web' })))).toEqual(audienceRefusal);
    expect((await statusOf(Keycloak.fromKeycloakJson(json({})))).status).toBe(200);
  });

  it('turns the audience check off only for an explicit false, with one warn line per guard', async () => {
    const warnings: string[] = [];
    const logger = {
      debug: () => undefined,
      warn: (_obj: object, msg: string) => void warnings.push(msg),
      error: () => undefined,
    };
    for (const flag of [false, 'false', '${env.KC_TS_TEST_VERIFY:false}']) {
      const keycloak = Keycloak.fromKeycloakJson(json({ resource: 'web', 'verify-token-audience': flag }), { logger });
      expect((await statusOf(keycloak)).status).toBe(200);
      expect((await statusOf(keycloak)).status).toBe(200);
      await keycloak.close();
    }
    expect(warnings).toHaveLength(3);
    expect(new Set(warnings)).toEqual(
      new Set([
        'keycloak guard does not check the token audience: tokens issued to any client of the realm are accepted',
      ]),
    );
    // An env reference that resolves to nothing says nothing: the default (checked) holds.
    const unset = Keycloak.fromKeycloakJson(
      json({ resource: 'web', 'verify-token-audience': '${env.KC_TS_TEST_UNSET}' }),
      {
        logger,
      },
    );
    expect(await statusOf(unset)).toEqual(audienceRefusal);
    expect(warnings).toHaveLength(3);
  });

  it('gives the admin client the interpolated credentials.secret, and none to a public client', async () => {
    process.env['KC_TS_TEST_SECRET'] = 'orders-secret';
    try {
      const confidential = Keycloak.fromKeycloakJson(json({ credentials: { secret: '${env.KC_TS_TEST_SECRET}' } }));
      expect(
        (await confidential.admin.getUsers({ briefRepresentation: true })).map((user) => user.username).sort(),
      ).toEqual(['alice', 'bob']);
      const publicClient = Keycloak.fromKeycloakJson(
        json({ credentials: { secret: '${env.KC_TS_TEST_SECRET}' }, 'public-client': true }),
      );
      expect(() => publicClient.admin).toThrow(expect.objectContaining({ code: 'ERR_OPERATION' }));
    } finally {
      delete process.env['KC_TS_TEST_SECRET'];
    }
  });
});
