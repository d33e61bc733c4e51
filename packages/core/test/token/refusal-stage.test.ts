import { RemoteKeySet, TokenVerifier, type TokenVerifierOptions } from '@keycloak-ts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invalidTokenError, reasonOf } from './support/expect-invalid.js';
import { b64, generateTestKey, signRaw, type TestKey } from './support/keys.js';
import { fakeClock, startRealmServer, type RealmServer } from './support/realm-server.js';
import { accessTokenClaims, signAccessToken } from './support/tokens.js';

// Where in the verifier a token is refused: the shape and header checks answer before the realm keys
// are fetched or a signature is checked, so a flood of junk costs no JWKS request and no RSA operation.
// Reasons alone cannot tell the stages apart (the signature check would refuse most junk as well).

// One key for the file (RSA key generation is the slow part), a fresh realm and clock per test.
const key: TestKey = generateTestKey('RS256');
let realm: RealmServer;
let clock: ReturnType<typeof fakeClock>;

beforeEach(async () => {
  realm = await startRealmServer([key]);
  clock = fakeClock();
});
afterEach(() => realm.close());

function verifier(options: Partial<TokenVerifierOptions> = {}): TokenVerifier {
  return new TokenVerifier({ issuer: realm.issuer, now: clock.now, tokenCache: false, ...options });
}

const claims = (): string => JSON.stringify(accessTokenClaims(realm.issuer, clock.time));

describe('refusals before the keys are needed', () => {
  it.each([
    ['two segments', () => `${b64('{"alg":"RS256"}')}.${b64(claims())}`],
    ['four segments', () => `${signAccessToken(key, realm.issuer, clock.time)}.c2ln`],
    ['standard base64 in the payload', () => signAccessToken(key, realm.issuer, clock.time).replace('.', '+.')],
    ['a segment of 4n+1 characters', () => signAccessToken(key, realm.issuer, clock.time).replace('.', 'A.')],
    ['a header that is a JSON array', () => `${b64('["RS256"]')}.${b64(claims())}.c2ln`],
    ['an empty or numeric kid', () => `${b64(`{"alg":"RS256","kid":""}`)}.${b64(claims())}.c2ln`],
  ])('refuses %s as malformed without fetching the JWKS', async (_name, token) => {
    const v = verifier();
    expect(await reasonOf(v.verify(token()))).toBe('malformed');
    expect(realm.jwksFetches).toBe(0);
    expect(v.stats.signatureVerifications).toBe(0);
  });

  it.each(['none', 'HS256', 'HS512'])(
    'refuses alg %s without fetching the JWKS, even with a signature',
    async (alg) => {
      const v = verifier();
      expect(await reasonOf(v.verify(`${b64(JSON.stringify({ alg, kid: key.kid }))}.${b64(claims())}.c2ln`))).toBe(
        'unsupported_alg',
      );
      expect(realm.jwksFetches).toBe(0);
    },
  );

  it('refuses a forbidden header without fetching the JWKS', async () => {
    const v = verifier();
    expect(
      await reasonOf(
        v.verify(
          signRaw(JSON.stringify({ alg: 'RS256', kid: key.kid, jku: 'https://evil.example.com' }), claims(), key),
        ),
      ),
    ).toBe('forbidden_header');
    expect(realm.jwksFetches).toBe(0);
  });

  it('refuses a stripped signature without checking one', async () => {
    const v = verifier();
    const [header, payload] = signAccessToken(key, realm.issuer, clock.time).split('.');
    expect(await reasonOf(v.verify(`${header}.${payload}.`))).toBe('bad_signature');
    expect(v.stats.signatureVerifications).toBe(0);
  });

  it('checks the claims only once the signature holds: a forged payload is a bad signature, not a bad claim', async () => {
    const v = verifier();
    const [header, , signature] = signAccessToken(key, realm.issuer, clock.time).split('.');
    const expired = b64(JSON.stringify({ ...accessTokenClaims(realm.issuer, clock.time), exp: 1 }));
    expect(await reasonOf(v.verify(`${header}.${expired}.${signature}`))).toBe('bad_signature');
    expect(v.stats.signatureVerifications).toBe(1);
  });
});

describe('tokens that pass', () => {
  it('verifies a token without kid against the only key of its alg', async () => {
    const token = signRaw('{"alg":"RS256","typ":"JWT"}', claims(), key);
    const verified = await verifier().verify(token);
    expect(verified.header?.kid).toBeUndefined();
    expect(verified.claims.typ).toBe('Bearer');
  });

  it('keeps a token issued at or after the realm notBefore', async () => {
    const iat = Math.floor(clock.time / 1000);
    await expect(
      verifier({ notBefore: iat }).verify(signAccessToken(key, realm.issuer, clock.time)),
    ).resolves.toBeDefined();
    await expect(
      verifier({ notBefore: iat - 1 }).verify(signAccessToken(key, realm.issuer, clock.time)),
    ).resolves.toBeDefined();
    expect(
      await reasonOf(verifier({ notBefore: iat + 1 }).verify(signAccessToken(key, realm.issuer, clock.time))),
    ).toBe('revoked');
  });
});

describe('keys that never verify', () => {
  it('refuses a token signed by an encryption key of the realm, whatever its header says', async () => {
    const encryption = generateTestKey('RS256', 'enc-key');
    realm.extraJwks = [{ ...encryption.jwk, use: 'enc', alg: 'RSA-OAEP' }];
    const v = verifier();
    expect(await reasonOf(v.verify(signAccessToken(encryption, realm.issuer, clock.time)))).toBe('unknown_kid');
    expect(
      await reasonOf(v.verify(signRaw(JSON.stringify({ alg: 'RS256', kid: 'enc-key' }), claims(), encryption))),
    ).toBe('unknown_kid');
  });

  it('refuses a token whose alg does not fit the type or curve of the key its kid names', async () => {
    const ec = generateTestKey('ES256', 'ec-key');
    realm.keys = [key];
    realm.extraJwks = [
      { ...ec.jwk, alg: undefined },
      { ...key.jwk, kid: 'rsa-any', alg: undefined },
    ];
    const v = verifier({ algorithms: ['RS256', 'ES384', 'PS256'] });
    // RS256 by the EC key's kid: the kid exists, but no RSA key has it.
    expect(await reasonOf(v.verify(signRaw(JSON.stringify({ alg: 'RS256', kid: 'ec-key' }), claims(), key)))).toBe(
      'unknown_kid',
    );
    // ES384 by a P-256 key: the curve does not fit.
    expect(await reasonOf(v.verify(signRaw(JSON.stringify({ alg: 'ES384', kid: 'ec-key' }), claims(), ec)))).toBe(
      'unknown_kid',
    );
    // An RSA key that names no alg serves PS256 when the verifier allows it.
    const ps = { ...key, alg: 'PS256' as const };
    await expect(
      v.verify(signRaw(JSON.stringify({ alg: 'PS256', kid: 'rsa-any' }), claims(), ps)),
    ).resolves.toBeDefined();
  });
});

describe('the JWKS wait', () => {
  it('does not refetch the JWKS for an algorithm no key advertises, within the cooldown', async () => {
    const v = verifier({ algorithms: undefined, jwks: { cooldownDuration: 30_000 } });
    await v.verify(signAccessToken(key, realm.issuer, clock.time));
    expect(realm.jwksFetches).toBe(1);
    for (const alg of ['ES256', 'PS384', 'EdDSA']) {
      expect(await reasonOf(v.verify(`${b64(JSON.stringify({ alg, kid: key.kid }))}.${b64(claims())}.c2ln`))).toBe(
        'unsupported_alg',
      );
    }
    expect(realm.jwksFetches).toBe(1);
    clock.advance(30_000);
    expect(
      await reasonOf(v.verify(`${b64(JSON.stringify({ alg: 'ES256', kid: key.kid }))}.${b64(claims())}.c2ln`)),
    ).toBe('unsupported_alg');
    expect(realm.jwksFetches).toBe(2);
  });

  it('answers advertises() from the keys it has, and refetches for a miss only once per cooldown', async () => {
    const set = new RemoteKeySet({ jwksUri: realm.jwksUri, now: clock.now, cooldownDuration: 30_000 });
    expect(await set.advertises('RS256')).toBe(true);
    expect(await set.advertises('ES256')).toBe(false);
    expect(await set.advertises('ES256')).toBe(false);
    expect(realm.jwksFetches).toBe(1);
    const es = generateTestKey('ES256');
    realm.keys = [key, es];
    clock.advance(30_000);
    expect(await set.advertises('ES256')).toBe(true);
    expect(realm.jwksFetches).toBe(2);
  });

  it('stops an advertised-algorithm wait when the caller aborts', async () => {
    const v = verifier({ algorithms: undefined, jwks: { timeoutDuration: 5_000 } });
    realm.mode = 'hang';
    const controller = new AbortController();
    const es = generateTestKey('ES256');
    const waiting = invalidTokenError(
      v.verify(signAccessToken(es, realm.issuer, clock.time), { signal: controller.signal }),
    );
    controller.abort(new Error('client went away'));
    const error = await waiting;
    expect(error.reason).toBe('keycloak_unreachable');
    expect((error.cause as Error).message).toBe('client went away');
  });

  it('refuses at once when the caller has already aborted', async () => {
    const set = new RemoteKeySet({ jwksUri: realm.jwksUri, now: clock.now });
    const signal = AbortSignal.abort(new Error('gone'));
    expect(await reasonOf(set.getKey({ alg: 'RS256', kid: key.kid }, { signal }))).toBe('keycloak_unreachable');
    expect(await reasonOf(set.advertises('RS256', { signal }))).toBe('keycloak_unreachable');
  });
});
