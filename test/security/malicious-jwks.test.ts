import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, generateTestKey, type TestKey } from '../../packages/core/test/token/support/keys.js';
import { fakeClock } from '../../packages/core/test/token/support/realm-server.js';
import { accessTokenClaims, signAccessToken } from '../../packages/core/test/token/support/tokens.js';
import { ADAPTERS, startApp, type ListeningApp } from './support/apps.js';
import { keysAnswer, startJwksServer, type JwksServer } from './support/jwks-server.js';
import { rawRequest, type RawReply } from './support/raw-http.js';

// The realm's JWKS turns hostile after the guard trusted it: keys swapped for an HMAC secret,
// entries claiming `alg: none`, a thousand keys, garbage documents. The guard must keep refusing
// forged tokens with 401, never answer 5xx for a bad token, and say 503 only when it has no key.

const INVALID = 'Bearer realm="test", error="invalid_token", error_description="The access token is invalid"';
const KEY_AGE_MS = 11 * 60_000; // past the 10 min cacheMaxAge: the next request refetches

describe.each(ADAPTERS)('%s: a JWKS that turns malicious', (adapter) => {
  const clock = fakeClock();
  let key: TestKey;
  let jwks: JwksServer;
  let app: ListeningApp;

  beforeAll(async () => {
    key = generateTestKey('RS256');
    jwks = await startJwksServer([key.jwk]);
    app = await startApp(adapter, { serverUrl: jwks.serverUrl, realm: 'test', clientId: 'my-app', now: clock.now }, [
      { path: '/me' },
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await jwks?.close();
  });

  const send = (token: string): Promise<RawReply> =>
    rawRequest(app.url, `GET /me HTTP/1.1\r\nAuthorization: Bearer ${token}`);
  const valid = (): string => signAccessToken(key, jwks.issuer, clock.time);
  const expectInvalid = (reply: RawReply): void => {
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe(INVALID);
  };
  const hmac = (kid: string, secret: string | Buffer): string => {
    const input = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid }))}.${b64(JSON.stringify(accessTokenClaims(jwks.issuer, clock.time)))}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  };
  /** Serves `keys` from now on and moves past the key cache's age, so the next request refetches. */
  const publish = (keys: unknown[]): void => {
    jwks.answer = keysAnswer(keys);
    clock.advance(KEY_AGE_MS);
  };

  it('trusts the genuine key first', async () => {
    expect((await send(valid())).status).toBe(200);
  });

  it('refuses HS256 tokens when the keys are swapped for an oct key of the same kid, and the old RS256 token too', async () => {
    const secret = Buffer.from('attacker-controlled-secret-of-32b');
    publish([{ kty: 'oct', kid: key.kid, alg: 'HS256', use: 'sig', k: secret.toString('base64url') }]);
    const fetches = jwks.fetches;
    expectInvalid(await send(valid())); // the refetched set has no RS256 key left
    expect(jwks.fetches).toBe(fetches + 1);
    expectInvalid(await send(hmac(key.kid, secret)));
    expectInvalid(await send(hmac(key.kid, JSON.stringify(key.jwk))));
  });

  it('refuses alg none tokens whatever the key entries claim, and keeps verifying the real key', async () => {
    const { n, e } = key.jwk as { n: string; e: string };
    publish([
      { kty: 'RSA', kid: 'none-kid', alg: 'none', n, e },
      { kty: 'none', kid: 'none-kid-2' },
      { kid: 'no-kty', alg: 'none' },
      key.jwk,
    ]);
    for (const kid of ['none-kid', 'none-kid-2', 'no-kty', key.kid]) {
      const unsigned = `${b64(JSON.stringify({ alg: 'none', typ: 'JWT', kid }))}.${b64(JSON.stringify(accessTokenClaims(jwks.issuer, clock.time)))}.`;
      expectInvalid(await send(unsigned));
    }
    expect((await send(valid())).status).toBe(200);
  });

  it('keeps at most 100 keys of a 1,000-key JWKS: a key past them is unknown, one among them verifies', async () => {
    const decoys = Array.from({ length: 999 }, (_, i) => ({ ...key.jwk, kid: `decoy-${i}` }));
    publish([...decoys, key.jwk]);
    expectInvalid(await send(valid()));
    const stranger = generateTestKey('RS256', 'decoy-5');
    expectInvalid(await send(signAccessToken(stranger, jwks.issuer, clock.time)));
    const fetches = jwks.fetches;
    for (let i = 0; i < 20; i++)
      expectInvalid(
        await send(signAccessToken(stranger, jwks.issuer, clock.time, {}, { alg: 'RS256', kid: `unknown-${i}` })),
      );
    expect(jwks.fetches).toBe(fetches); // unknown kids wait for the cooldown: no refetch storm
    publish([key.jwk, ...decoys]);
    expect((await send(valid())).status).toBe(200);
  });

  it('refuses a token whose kid names broken key material (bad n, an EC point off the curve, a 512-bit RSA key) with 401', async () => {
    const { n, e } = key.jwk as { n: string; e: string };
    const small = Buffer.alloc(64, 0xff).toString('base64url');
    for (const broken of [
      { kty: 'RSA', kid: key.kid, alg: 'RS256', n: '!!!', e },
      { kty: 'RSA', kid: key.kid, alg: 'RS256', n: small, e },
      { kty: 'RSA', kid: key.kid, alg: 'RS256', n, e: '' },
      { kty: 'EC', kid: key.kid, crv: 'P-256', x: small.slice(0, 43), y: small.slice(0, 43) },
    ]) {
      publish([broken]);
      expectInvalid(await send(valid()));
    }
    publish([key.jwk]);
    expect((await send(valid())).status).toBe(200);
  });

  it.each([
    ['a body that is not JSON', { status: 200, body: '<html>oops</html>', contentType: 'text/html' }],
    ['keys that are not a list', { status: 200, body: '{"keys":"all of them"}' }],
    ['a __proto__ document', { status: 200, body: '{"__proto__":{"keys":[]},"keys":{"length":1,"0":{}}}' }],
    [
      'a 600 KB document',
      {
        status: 200,
        body: JSON.stringify({ keys: [{ kty: 'RSA', n: 'A'.repeat(600 * 1024), e: 'AQAB', kid: 'big' }] }),
      },
    ],
    ['a 500', { status: 500, body: '{"error":"unknown_error"}' }],
  ])(
    'serves the last good keys through %s, then answers 503 with Retry-After once they are too old',
    async (_name, answer) => {
      publish([key.jwk]);
      expect((await send(valid())).status).toBe(200);
      jwks.answer = () => answer;
      clock.advance(KEY_AGE_MS);
      expect((await send(valid())).status).toBe(200); // stale-if-error: Keycloak trouble does not lock users out
      clock.advance(2 * 3_600_000);
      const reply = await send(valid());
      expect([reply.status, reply.headers['retry-after'], reply.headers['www-authenticate']]).toEqual([
        503,
        '10',
        undefined,
      ]);
      expect(JSON.parse(reply.body)).toEqual({
        error: 'temporarily_unavailable',
        error_description: 'The access token cannot be checked now; retry later',
      });
    },
  );
});
