import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, generateTestKey, signRaw, type TestKey } from '../../../packages/core/test/token/support/keys.js';
import {
  fakeClock,
  startRealmServer,
  type RealmServer,
} from '../../../packages/core/test/token/support/realm-server.js';
import { accessTokenClaims, signAccessToken } from '../../../packages/core/test/token/support/tokens.js';
import type { AppFactory, GuardApp } from './harness.js';

/**
 * Keycloak goes down after the adapter fetched the realm keys: tokens signed with a cached key keep
 * passing; a token whose key the guard cannot look up is a 503 (an outage, not a bad token) until
 * Keycloak answers again. The clock is fake: the JWKS cooldown (30 s) passes without waiting.
 */
export function describeOutage(adapter: string, factory: AppFactory): void {
  describe(`${adapter}: Keycloak down while the keys are cached`, () => {
    const clock = fakeClock();
    let realm: RealmServer;
    let key: TestKey;
    let rotated: TestKey;
    let app: GuardApp;

    beforeAll(async () => {
      key = generateTestKey('RS256');
      rotated = generateTestKey('RS256');
      realm = await startRealmServer([key]);
      app = await factory(
        {
          serverUrl: realm.issuer.replace(/\/realms\/test$/, ''),
          realm: 'test',
          clientId: 'my-app',
          retryAfterSeconds: 4,
          now: clock.now,
        },
        [{ path: '/me' }],
      );
    });
    afterAll(async () => {
      await app?.close();
      await realm?.close();
    });

    it('serves new tokens from cached keys, answers 503 for an unknown key, and recovers with Keycloak', async () => {
      expect(
        (
          await app.get('/me', [
            ['authorization', `Bearer ${signAccessToken(key, realm.issuer, clock.time, { jti: 'first' })}`],
          ])
        ).status,
      ).toBe(200);
      realm.mode = 'error';
      const second = signAccessToken(key, realm.issuer, clock.time, { jti: 'second' });
      expect((await app.get('/me', [['authorization', `Bearer ${second}`]])).status).toBe(200);

      clock.advance(31_000);
      const fetches = realm.jwksFetches;
      const unknown = await app.get('/me', [
        ['authorization', `Bearer ${signAccessToken(rotated, realm.issuer, clock.time)}`],
      ]);
      expect(unknown.status).toBe(503);
      expect(unknown.headers['retry-after']).toBe('4');
      expect(unknown.headers['www-authenticate']).toBeUndefined();
      expect(unknown.body).toEqual({
        error: 'temporarily_unavailable',
        error_description: 'The access token cannot be checked now; retry later',
      });
      expect(realm.jwksFetches - fetches).toBe(1);

      realm.mode = 'ok';
      realm.keys = [key, rotated];
      clock.advance(31_000);
      expect(
        (await app.get('/me', [['authorization', `Bearer ${signAccessToken(rotated, realm.issuer, clock.time)}`]]))
          .status,
      ).toBe(200);
    });
  });
}

/**
 * The core verifier's bad-token cases replayed through an adapter: each must be a 401 invalid_token
 * with the exact challenge (never a 5xx), and the valid control token must pass.
 */
export function describeBadTokens(adapter: string, factory: AppFactory): void {
  describe(`${adapter}: forged and broken tokens`, () => {
    const clock = fakeClock();
    let realm: RealmServer;
    let key: TestKey;
    let stranger: TestKey;
    let app: GuardApp;

    beforeAll(async () => {
      key = generateTestKey('RS256');
      stranger = generateTestKey('RS256');
      realm = await startRealmServer([key]);
      app = await factory(
        { serverUrl: realm.issuer.replace(/\/realms\/test$/, ''), realm: 'test', clientId: 'my-app', now: clock.now },
        [{ path: '/me' }],
      );
    });
    afterAll(async () => {
      await app?.close();
      await realm?.close();
    });

    const signed = (claims: Record<string, unknown> = {}, header?: Record<string, unknown>): string =>
      signAccessToken(key, realm.issuer, clock.time, claims, header);
    const claimsText = (): string => JSON.stringify(accessTokenClaims(realm.issuer, clock.time));
    const cases: Array<[string, () => string, string?]> = [
      ['alg none', () => `${b64('{"alg":"none","typ":"JWT"}')}.${b64(claimsText())}.`],
      [
        'HS256 signed with the public key (algorithm confusion)',
        () => {
          const input = `${b64(JSON.stringify({ alg: 'HS256', kid: key.kid }))}.${b64(claimsText())}`;
          return `${input}.${createHmac('sha256', JSON.stringify(key.jwk)).update(input).digest('base64url')}`;
        },
      ],
      ['a key the realm never published', () => signAccessToken(stranger, realm.issuer, clock.time)],
      [
        'a tampered payload',
        () => {
          const [header, , signature] = signed().split('.');
          return `${header}.${b64(JSON.stringify({ ...accessTokenClaims(realm.issuer, clock.time), realm_access: { roles: ['admin'] } }))}.${signature}`;
        },
      ],
      ['a jku header', () => signed({}, { alg: 'RS256', kid: key.kid, jku: 'https://evil.example.com/jwks' })],
      ['an expired token', () => signed({ exp: Math.floor(clock.time / 1000) - 60 }), 'The access token expired'],
      [
        'a token not valid yet',
        () => signed({ nbf: Math.floor(clock.time / 1000) + 600 }),
        'The access token is not valid yet',
      ],
      ['another issuer', () => signed({ iss: 'https://evil.example.com/realms/test' })],
      ['a refresh token', () => signed({ typ: 'Refresh' })],
      ['an ID token', () => signed({ typ: 'ID' })],
      ['no exp', () => signed({ exp: undefined })],
      ['exp as a string', () => signed({ exp: String(Math.floor(clock.time / 1000) + 300) })],
      [
        'exp beyond double range (1e309)',
        () =>
          signRaw(
            JSON.stringify({ alg: 'RS256', kid: key.kid }),
            claimsText().replace(/"exp":\d+/, '"exp":1e309'),
            key,
          ),
      ],
      ['a payload that is not JSON', () => signRaw(JSON.stringify({ alg: 'RS256', kid: key.kid }), 'not json', key)],
      ['two segments', () => signed().split('.').slice(0, 2).join('.')],
      ['four segments', () => `${signed()}.extra`],
      ['bad base64url', () => `${signed().slice(0, 10)}!!!${signed().slice(13)}`],
      ['a token with an inner space', () => `${signed().slice(0, 20)} ${signed().slice(20)}`],
    ];

    it('lets the untampered control token through', async () => {
      expect((await app.get('/me', [['authorization', `Bearer ${signed()}`]])).status).toBe(200);
    });

    it.each(cases)(
      'refuses %s with 401 invalid_token',
      async (_name, make, description = 'The access token is invalid') => {
        const reply = await app.get('/me', [['authorization', `Bearer ${make()}`]]);
        expect(reply.status).toBe(401);
        expect(reply.headers['www-authenticate']).toBe(
          `Bearer realm="test", error="invalid_token", error_description="${description}"`,
        );
        expect(reply.body).toEqual({ error: 'invalid_token', error_description: description });
      },
    );
  });
}
