import { createHmac } from 'node:crypto';
import { TokenVerifier } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidTokenError } from './support/expect-invalid.js';
import { b64, generateTestKey, signRaw, type TestKey } from './support/keys.js';
import { fakeClock, startRealmServer, type RealmServer } from './support/realm-server.js';
import { accessTokenClaims, keycloakHeaderText, signAccessToken } from './support/tokens.js';

// RFC 8725 and the known JWT attacks: each token must be refused with its own reason, never with an
// untyped error.

let realm: RealmServer;
let key: TestKey;
let otherAlgKey: TestKey;
const clock = fakeClock();
let v: TokenVerifier;

beforeAll(async () => {
  key = generateTestKey('RS256');
  otherAlgKey = generateTestKey('ES256');
  realm = await startRealmServer([key, otherAlgKey]);
  v = new TokenVerifier({ issuer: realm.issuer, algorithms: ['RS256', 'PS256'], now: clock.now, tokenCache: false });
});
afterAll(() => realm.close());

async function reasonOf(token: unknown): Promise<string> {
  const error = await invalidTokenError(v.verify(token as string));
  if (typeof token === 'string' && token.length > 0) expect(error.message).not.toContain(token.slice(0, 20));
  return error.reason;
}

function claimsText(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...accessTokenClaims(realm.issuer, clock.time), ...overrides });
}

function withHeader(header: Record<string, unknown>, payload = claimsText()): string {
  return signRaw(JSON.stringify(header), payload, key);
}

describe('algorithm attacks', () => {
  it('refuses alg none with an empty signature', async () => {
    expect(await reasonOf(`${b64('{"alg":"none","typ":"JWT"}')}.${b64(claimsText())}.`)).toBe('unsupported_alg');
  });

  it.each(['None', 'NONE', 'nOnE'])('refuses alg %s', async (alg) => {
    expect(await reasonOf(`${b64(JSON.stringify({ alg, kid: key.kid }))}.${b64(claimsText())}.`)).toBe(
      'unsupported_alg',
    );
  });

  it.each([
    ['the public key PEM', () => key.publicKey.export({ format: 'pem', type: 'spki' }) as string],
    ['the public JWK JSON', () => JSON.stringify(key.jwk)],
  ])('refuses HS256 signed with %s as the secret (algorithm confusion)', async (_name, secret) => {
    const input = `${b64(JSON.stringify({ alg: 'HS256', kid: key.kid }))}.${b64(claimsText())}`;
    const signature = createHmac('sha256', secret()).update(input).digest('base64url');
    expect(await reasonOf(`${input}.${signature}`)).toBe('unsupported_alg');
  });

  it('refuses an algorithm missing from the allow-list', async () => {
    expect(await reasonOf(signAccessToken(otherAlgKey, realm.issuer, clock.time))).toBe('unsupported_alg');
  });

  it('refuses a kid that names a key of another algorithm', async () => {
    // PS256 is allowed, but the RSA key with this kid is published for RS256 only.
    const token = `${b64(JSON.stringify({ alg: 'PS256', kid: key.kid }))}.${b64(claimsText())}.${b64('sig')}`;
    expect(await reasonOf(token)).toBe('unknown_kid');
  });

  it('refuses a missing alg', async () => {
    expect(await reasonOf(withHeader({ kid: key.kid }))).toBe('unsupported_alg');
  });
});

describe('key-header injection', () => {
  it.each(['jwk', 'jku', 'x5u', 'x5c', 'crit'])('refuses a token carrying a %s header', async (name) => {
    const values: Record<string, unknown> = {
      jwk: key.jwk,
      jku: 'https://evil.example.com/jwks',
      x5u: 'https://evil.example.com/cert.pem',
      x5c: ['MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'],
      crit: ['exp'],
    };
    expect(await reasonOf(withHeader({ alg: 'RS256', kid: key.kid, [name]: values[name] }))).toBe('forbidden_header');
  });

  it('refuses a self-signed token with an attacker key embedded as jwk', async () => {
    const attacker = generateTestKey('RS256', key.kid);
    const token = signRaw(JSON.stringify({ alg: 'RS256', kid: key.kid, jwk: attacker.jwk }), claimsText(), attacker);
    expect(await reasonOf(token)).toBe('forbidden_header');
  });
});

describe('kid tricks', () => {
  it('refuses an unknown kid', async () => {
    expect(await reasonOf(withHeader({ alg: 'RS256', kid: 'no-such-key' }))).toBe('unknown_kid');
  });

  it('treats a path-traversal kid as an unknown key, nothing more', async () => {
    expect(await reasonOf(withHeader({ alg: 'RS256', kid: '../../../../etc/passwd' }))).toBe('unknown_kid');
  });

  it('refuses an empty or non-string kid as malformed', async () => {
    expect(await reasonOf(withHeader({ alg: 'RS256', kid: '' }))).toBe('malformed');
    expect(await reasonOf(withHeader({ alg: 'RS256', kid: 42 }))).toBe('malformed');
  });

  it('refuses a token signed by a foreign key that reuses a realm kid', async () => {
    const foreign = generateTestKey('RS256', key.kid);
    expect(await reasonOf(signAccessToken(foreign, realm.issuer, clock.time))).toBe('bad_signature');
  });
});

describe('signature', () => {
  it('refuses a tampered payload', async () => {
    const [header, , signature] = signAccessToken(key, realm.issuer, clock.time).split('.');
    const forged = b64(claimsText({ realm_access: { roles: ['admin'] } }));
    expect(await reasonOf(`${header}.${forged}.${signature}`)).toBe('bad_signature');
  });

  it('refuses a stripped signature', async () => {
    const [header, payload] = signAccessToken(key, realm.issuer, clock.time).split('.');
    expect(await reasonOf(`${header}.${payload}.`)).toBe('bad_signature');
  });

  it("accepts Keycloak's hand-written header text with spaces around colons", async () => {
    const token = signRaw(keycloakHeaderText(key), claimsText(), key);
    await expect(v.verify(token)).resolves.toBeDefined();
  });
});

describe('Keycloak token profile', () => {
  it.each(['ID', 'Refresh', 'Offline', 'Logout', 'bearer', undefined])(
    'refuses typ %s as an access token',
    async (typ) => {
      expect(await reasonOf(signAccessToken(key, realm.issuer, clock.time, { typ }))).toBe('wrong_token_type');
    },
  );

  it('refuses an expired token', async () => {
    const iat = Math.floor(clock.time / 1000) - 600;
    expect(await reasonOf(signAccessToken(key, realm.issuer, clock.time, { iat, exp: iat + 300 }))).toBe('expired');
  });

  it('refuses a token before its nbf or issued in the future', async () => {
    const later = Math.floor(clock.time / 1000) + 60;
    expect(await reasonOf(signAccessToken(key, realm.issuer, clock.time, { nbf: later }))).toBe('not_yet_valid');
    expect(await reasonOf(signAccessToken(key, realm.issuer, clock.time, { iat: later }))).toBe('not_yet_valid');
  });

  it('refuses the wrong issuer, including one with a trailing slash', async () => {
    expect(await reasonOf(signAccessToken(key, 'https://evil.example.com/realms/test', clock.time))).toBe(
      'issuer_mismatch',
    );
    expect(await reasonOf(signAccessToken(key, `${realm.issuer}/`, clock.time))).toBe('issuer_mismatch');
    expect(await reasonOf(signAccessToken(key, realm.issuer, clock.time, { iss: undefined }))).toBe('missing_claim');
  });

  it.each([
    ['1e309 (Infinity once parsed)', '1e309'],
    ['a string', '"9999999999"'],
    ['null (what NaN serialises to)', 'null'],
    ['absent', undefined],
  ])('refuses an exp that is %s', async (_name, raw) => {
    const claims = claimsText({ exp: 0 });
    const payload = raw === undefined ? claims.replace('"exp":0,', '') : claims.replace('"exp":0', `"exp":${raw}`);
    expect(await reasonOf(signRaw(keycloakHeaderText(key), payload, key))).toBe('missing_claim');
  });

  it('refuses a token without iat', async () => {
    expect(await reasonOf(signAccessToken(key, realm.issuer, clock.time, { iat: undefined }))).toBe('missing_claim');
  });

  it('refuses roles given as a string instead of an array', async () => {
    expect(await reasonOf(signAccessToken(key, realm.issuer, clock.time, { realm_access: { roles: 'admin' } }))).toBe(
      'missing_claim',
    );
    expect(
      await reasonOf(signAccessToken(key, realm.issuer, clock.time, { resource_access: { app: { roles: 'admin' } } })),
    ).toBe('missing_claim');
    expect(
      await reasonOf(signAccessToken(key, realm.issuer, clock.time, { realm_access: { roles: [['admin']] } })),
    ).toBe('missing_claim');
  });

  it('grants nothing through a __proto__ key in the claims', async () => {
    const payload = claimsText({ realm_access: undefined }).replace(
      '{',
      '{"__proto__":{"realm_access":{"roles":["admin"]}},"resource_access":{"__proto__":{"roles":["admin"]},"account":{"roles":[]}},',
    );
    const verified = await v.verify(signRaw(keycloakHeaderText(key), payload, key));
    expect(verified.hasRealmRole('admin')).toBe(false);
    expect(verified.hasClientRole('__proto__', 'admin')).toBe(false);
    expect(verified.hasClientRole('toString', 'admin')).toBe(false);
    expect(Object.hasOwn(verified.claims, '__proto__')).toBe(false);
    const merged = Object.assign({}, verified.claims) as Record<string, unknown>;
    expect(merged.realm_access).toBeUndefined();
  });
});

describe('malformed tokens', () => {
  it.each([
    ['two segments', 'eyJhbGciOiJSUzI1NiJ9.eyJ0eXAiOiJCZWFyZXIifQ'],
    ['four segments', 'eyJhbGciOiJSUzI1NiJ9.eyJ0eXAiOiJCZWFyZXIifQ.c2ln.c2ln'],
    ['an empty string', ''],
    ['base64 with padding', 'eyJhbGciOiJSUzI1NiJ9==.eyJ0eXAiOiJCZWFyZXIifQ.c2ln'],
    ['standard base64 characters', 'eyJhbGciOiJSUzI1NiJ9+/.eyJ0eXAiOiJCZWFyZXIifQ.c2ln'],
    ['an impossible base64url length', 'eyJhbGciOiJSUzI1NiJ9a.eyJ0eXAiOiJCZWFyZXIifQ.c2ln'],
    ['a header that is not JSON', `${b64('{alg:RS256}')}.${b64('{}')}.c2ln`],
    ['a header that is a JSON array', `${b64('["RS256"]')}.${b64('{}')}.c2ln`],
    ['an empty header', `.${b64('{}')}.c2ln`],
  ])('refuses %s as malformed', async (_name, token) => {
    expect(await reasonOf(token)).toBe('malformed');
  });

  it('refuses a signed payload that is not JSON, or not an object', async () => {
    expect(await reasonOf(signRaw(keycloakHeaderText(key), 'not json', key))).toBe('malformed');
    expect(await reasonOf(signRaw(keycloakHeaderText(key), '[1,2]', key))).toBe('malformed');
  });

  it('refuses an oversized token before parsing it', async () => {
    const huge = signAccessToken(key, realm.issuer, clock.time, { padding: 'x'.repeat(20_000) });
    expect(await reasonOf(huge)).toBe('malformed');
    // Not even a JWS: the size check comes first.
    expect(await reasonOf('x'.repeat(16_385))).toBe('malformed');
  });

  it('refuses a value that is not a string', async () => {
    expect(await reasonOf(undefined)).toBe('malformed');
    expect(await reasonOf({ token: 'x' })).toBe('malformed');
  });
});
