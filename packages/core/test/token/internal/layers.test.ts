import { KeycloakInvalidTokenError } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { decodeCompact, parseJsonObject, parsePayload } from '../../../src/token/compact.js';
import { invalidToken } from '../../../src/token/internal/fail.js';
import { checkHeader } from '../../../src/token/internal/header.js';
import { checkTimes, validateClaims, type ClaimRules } from '../../../src/token/internal/validate-claims.js';
import { b64 } from '../support/keys.js';

// Each layer of the verifier on its own, so every refusal is pinned to the layer that makes it: a later
// layer (the key lookup, the signature, the alg allow-list) refuses most of these tokens too, and a test
// through `verify()` alone would still pass with the first check gone.

/** The reason `fn` throws with; fails the test if it throws anything but a KeycloakInvalidTokenError. */
function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(KeycloakInvalidTokenError);
    return (error as KeycloakInvalidTokenError).reason;
  }
  throw new Error('expected a refusal');
}

const HEADER = b64('{"alg":"RS256","kid":"k1"}');
const PAYLOAD = b64('{"typ":"Bearer"}');

describe('decodeCompact (the shape of a compact JWS)', () => {
  it('splits a token into its header, payload, signing input and signature', () => {
    const decoded = decodeCompact(`${HEADER}.${PAYLOAD}.c2ln`, 16_384);
    expect(decoded).toEqual({
      header: { alg: 'RS256', kid: 'k1' },
      payload: PAYLOAD,
      signingInput: `${HEADER}.${PAYLOAD}`,
      signature: 'c2ln',
      unsigned: false,
    });
    expect(decodeCompact(`${HEADER}.${PAYLOAD}.`, 16_384).unsigned).toBe(true);
  });

  it.each([
    ['two segments', `${HEADER}.${PAYLOAD}`],
    ['four segments', `${HEADER}.${PAYLOAD}.c2ln.c2ln`],
    ['one segment', HEADER],
  ])('refuses %s as malformed', (_name, token) => {
    expect(reasonOf(() => decodeCompact(token, 16_384))).toBe('malformed');
  });

  it.each([
    ['an empty header', `.${PAYLOAD}.c2ln`],
    ['an empty payload', `${HEADER}..c2ln`],
    ['padding in the header', `${HEADER}=.${PAYLOAD}.c2ln`],
    ['a / in the signature', `${HEADER}.${PAYLOAD}.c2l/`],
    ['a header of 4n+1 characters', `${HEADER}A.${PAYLOAD}.c2ln`],
    ['a payload of 4n+1 characters', `${HEADER}.${b64('{}')}AA.c2ln`],
    ['a signature of 4n+1 characters', `${HEADER}.${PAYLOAD}.c2lnA`],
    ['a non-ASCII character', `${HEADER}.${PAYLOAD}.c2lé`],
  ])('refuses %s as malformed', (_name, token) => {
    expect(reasonOf(() => decodeCompact(token, 16_384))).toBe('malformed');
  });

  it('takes segments of 4n+2 and 4n+3 characters, the lengths base64url gives 1 and 2 trailing bytes', () => {
    expect(decodeCompact(`${HEADER}.${PAYLOAD}.c2lnbg`, 16_384).signature).toBe('c2lnbg');
    expect(decodeCompact(`${HEADER}.${PAYLOAD}.c2lnbmE`, 16_384).signature).toBe('c2lnbmE');
  });

  it('refuses a header that is not JSON, or not an object, as malformed', () => {
    for (const text of ['{alg:RS256}', '["RS256"]', 'null', '"RS256"', '42']) {
      expect(reasonOf(() => decodeCompact(`${b64(text)}.${PAYLOAD}.c2ln`, 16_384))).toBe('malformed');
    }
  });

  it('refuses a token longer than the limit before splitting it, and takes one at the limit', () => {
    const token = `${HEADER}.${PAYLOAD}.c2ln`;
    expect(decodeCompact(token, token.length).header.alg).toBe('RS256');
    expect(reasonOf(() => decodeCompact(token, token.length - 1))).toBe('malformed');
    expect(reasonOf(() => decodeCompact(42, 16_384))).toBe('malformed');
  });
});

describe('parsePayload (the claims segment, its alphabet checked as it is decoded)', () => {
  it('reads strict base64url of a JSON object, at every length base64url has', () => {
    expect(parsePayload(PAYLOAD)).toEqual({ typ: 'Bearer' });
    for (const text of ['{"a":1}', '{"ab":1}', '{"abc":1}']) expect(parsePayload(b64(text))).toEqual(JSON.parse(text));
  });

  it.each([
    ['a +', `${PAYLOAD.slice(0, 4)}+${PAYLOAD.slice(5)}`],
    ['a /', `${PAYLOAD.slice(0, 4)}/${PAYLOAD.slice(5)}`],
    ['padding', `${b64('{"a":1}')}=`],
    ['padding inside', `${PAYLOAD.slice(0, 4)}=${PAYLOAD.slice(5)}`],
    ['a space', `${PAYLOAD.slice(0, 4)} ${PAYLOAD.slice(5)}`],
    ['a newline', `${PAYLOAD.slice(0, 4)}\n${PAYLOAD.slice(5)}`],
    ['a non-ASCII character', `${PAYLOAD.slice(0, 4)}é${PAYLOAD.slice(5)}`],
    ['a character past latin1', `${PAYLOAD.slice(0, 4)}\u0141${PAYLOAD.slice(5)}`],
  ])('refuses a payload with %s in place of a base64url character as malformed', (_name, segment) => {
    expect(reasonOf(() => parsePayload(segment))).toBe('malformed');
  });

  it('refuses a payload whose decoded text is not a JSON object, or not UTF-8, as malformed', () => {
    expect(reasonOf(() => parsePayload(b64('[1]')))).toBe('malformed');
    expect(reasonOf(() => parsePayload(Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')))).toBe('malformed');
  });
});

describe('invalidToken', () => {
  it('gives the error a cause only when there is one', () => {
    expect(Object.hasOwn(invalidToken('malformed', 'm'), 'cause')).toBe(false);
    const cause = new Error('under');
    expect(invalidToken('malformed', 'm', cause).cause).toBe(cause);
  });
});

describe('parseJsonObject (header and payload text)', () => {
  it('drops __proto__ keys, spelled literally or with \\u escapes, at any depth', () => {
    for (const key of ['__proto__', '\\u005f_proto__', '\\u005F\\u005Fproto\\u005f\\u005f']) {
      const parsed = parseJsonObject(`{"a":{"${key}":{"admin":true}},"${key}":{"admin":true},"b":1}`, 'payload');
      expect(Object.hasOwn(parsed, '__proto__')).toBe(false);
      expect(Object.hasOwn(parsed.a as object, '__proto__')).toBe(false);
      expect(parsed).toEqual({ a: {}, b: 1 });
    }
  });

  it('keeps other keys and escapes as JSON.parse reads them', () => {
    expect(parseJsonObject('{"na\\u006de":"Al\\u00efce","proto":1}', 'payload')).toEqual({ name: 'Alïce', proto: 1 });
  });

  it('refuses text that is not a JSON object as malformed', () => {
    for (const text of ['', 'not json', '[]', 'null', '1', '"x"'])
      expect(reasonOf(() => parseJsonObject(text, 'payload'))).toBe('malformed');
  });
});

describe('checkHeader (algorithm and key-choosing headers)', () => {
  const RS256 = new Set(['RS256']);

  it('returns what selects the key', () => {
    expect(checkHeader({ alg: 'RS256', kid: 'k1' }, RS256)).toEqual({ alg: 'RS256', kid: 'k1', advertisedOnly: false });
    expect(checkHeader({ alg: 'RS256' }, RS256)).toEqual({ alg: 'RS256', kid: undefined, advertisedOnly: false });
  });

  it('refuses none and every HMAC algorithm even when the allow-list names them', () => {
    const careless = new Set(['none', 'HS256', 'HS384', 'HS512', 'RS256']);
    for (const alg of ['none', 'HS256', 'HS384', 'HS512']) {
      expect(reasonOf(() => checkHeader({ alg }, careless))).toBe('unsupported_alg');
      expect(reasonOf(() => checkHeader({ alg }, careless, true))).toBe('unsupported_alg');
    }
  });

  it('refuses a missing or non-string alg', () => {
    for (const alg of [undefined, 256, null, ['RS256']])
      expect(reasonOf(() => checkHeader({ alg }, RS256, true))).toBe('unsupported_alg');
  });

  it('takes an asymmetric alg outside the allow-list only when the JWKS may advertise it, bound to the keys naming it', () => {
    expect(reasonOf(() => checkHeader({ alg: 'ES256' }, RS256))).toBe('unsupported_alg');
    expect(checkHeader({ alg: 'ES256' }, RS256, true)).toEqual({ alg: 'ES256', kid: undefined, advertisedOnly: true });
    expect(reasonOf(() => checkHeader({ alg: 'RS1' }, RS256, true))).toBe('unsupported_alg');
  });

  it.each(['jku', 'x5u', 'jwk', 'x5c', 'crit'])('refuses a %s header, whatever its value', (name) => {
    expect(reasonOf(() => checkHeader({ alg: 'RS256', [name]: undefined }, RS256))).toBe('forbidden_header');
  });

  it('refuses an empty or non-string kid as malformed', () => {
    for (const kid of ['', 42, null, ['k1']])
      expect(reasonOf(() => checkHeader({ alg: 'RS256', kid }, RS256))).toBe('malformed');
  });
});

describe('validateClaims and checkTimes (the access-token profile)', () => {
  const NOW = 1_767_225_600_000;
  const now = NOW / 1000;
  const rules = (overrides: Partial<ClaimRules> = {}): ClaimRules => ({
    issuers: ['https://kc.example.com/realms/acme'],
    audience: undefined,
    authorizedParty: undefined,
    clockToleranceDuration: 0,
    notBefore: () => 0,
    requireIssuedAt: true,
    tokenTypes: new Set(['Bearer']),
    ...overrides,
  });
  // Overrides replace claims; an undefined one removes the claim.
  const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries({
        typ: 'Bearer',
        iss: 'https://kc.example.com/realms/acme',
        exp: now + 300,
        iat: now,
        ...overrides,
      }).filter(([, value]) => value !== undefined),
    );
  const reason = (overrides: Record<string, unknown>, ruleOverrides: Partial<ClaimRules> = {}): string =>
    reasonOf(() => validateClaims(claims(overrides), rules(ruleOverrides), NOW));

  it('passes a token of the profile', () => {
    expect(() => validateClaims(claims(), rules(), NOW)).not.toThrow();
  });

  it('refuses a token at its exp, and takes it a millisecond before', () => {
    expect(reasonOf(() => checkTimes(now, undefined, undefined, rules(), NOW))).toBe('expired');
    expect(() => checkTimes(now, undefined, undefined, rules(), NOW - 1)).not.toThrow();
  });

  it('takes a token at its nbf, and refuses it a millisecond before', () => {
    expect(() => checkTimes(now + 60, undefined, now, rules(), NOW)).not.toThrow();
    expect(reasonOf(() => checkTimes(now + 60, undefined, now, rules(), NOW - 1))).toBe('not_yet_valid');
    expect(() => checkTimes(now + 60, undefined, now + 1, rules({ clockToleranceDuration: 1000 }), NOW)).not.toThrow();
    expect(reasonOf(() => checkTimes(now + 60, undefined, now + 2, rules({ clockToleranceDuration: 1000 }), NOW))).toBe(
      'not_yet_valid',
    );
  });

  it('extends exp and iat by the clock tolerance', () => {
    const tolerant = rules({ clockToleranceDuration: 1000 });
    expect(() => checkTimes(now - 0.5, undefined, undefined, tolerant, NOW)).not.toThrow();
    expect(reasonOf(() => checkTimes(now - 1, undefined, undefined, tolerant, NOW))).toBe('expired');
    expect(() => checkTimes(now + 60, now + 1, undefined, tolerant, NOW)).not.toThrow();
    expect(reasonOf(() => checkTimes(now + 60, now + 2, undefined, tolerant, NOW))).toBe('not_yet_valid');
  });

  it('takes a token issued now, and refuses one issued a second ahead', () => {
    expect(() => checkTimes(now + 60, now, undefined, rules(), NOW)).not.toThrow();
    expect(reasonOf(() => checkTimes(now + 60, now + 1, undefined, rules(), NOW))).toBe('not_yet_valid');
  });

  it('revokes a token issued before the realm notBefore, and keeps one issued at it or after', () => {
    const notBefore = () => now - 10;
    expect(reasonOf(() => checkTimes(now + 60, now - 11, undefined, rules({ notBefore }), NOW))).toBe('revoked');
    expect(() => checkTimes(now + 60, now - 10, undefined, rules({ notBefore }), NOW)).not.toThrow();
    expect(() => checkTimes(now + 60, now - 9, undefined, rules({ notBefore }), NOW)).not.toThrow();
    // Without iat, a token cannot show it came after the notBefore.
    expect(reasonOf(() => checkTimes(now + 60, undefined, undefined, rules({ notBefore }), NOW))).toBe('revoked');
  });

  it('refuses a missing or non-finite exp or iat, and takes a missing iat when it is not required', () => {
    expect(reason({ exp: undefined })).toBe('missing_claim');
    expect(reason({ exp: '9999999999' })).toBe('missing_claim');
    expect(reason({ exp: Number.POSITIVE_INFINITY })).toBe('missing_claim');
    expect(reason({ iat: undefined })).toBe('missing_claim');
    expect(reason({ iat: Number.NaN })).toBe('missing_claim');
    expect(reason({ nbf: 'soon' })).toBe('missing_claim');
    expect(() => validateClaims(claims({ iat: undefined }), rules({ requireIssuedAt: false }), NOW)).not.toThrow();
  });

  it('refuses a missing or foreign issuer, and skips the check when no issuer is configured', () => {
    expect(reason({ iss: undefined })).toBe('missing_claim');
    expect(reason({ iss: 42 })).toBe('missing_claim');
    expect(reason({ iss: 'https://kc.example.com/realms/other' })).toBe('issuer_mismatch');
    expect(() => validateClaims(claims({ iss: undefined }), rules({ issuers: undefined }), NOW)).not.toThrow();
  });

  it('refuses a token whose typ is not accepted', () => {
    for (const typ of ['ID', 'Refresh', 'Offline', 'Logout', 'bearer', 1])
      expect(reason({ typ })).toBe('wrong_token_type');
    expect(reason({ typ: undefined })).toBe('wrong_token_type');
  });

  it("names a known typ in the refusal, and keeps any other typ (the sender's text) out of it", () => {
    const messageOf = (typ: unknown): string => {
      try {
        validateClaims(claims({ typ }), rules(), NOW);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(messageOf('Refresh')).toContain('refresh token');
    expect(messageOf('ID')).toContain('ID token');
    expect(messageOf('toString')).toBe('The token typ is not an accepted token type');
    expect(messageOf('<script>')).toBe('The token typ is not an accepted token type');
    expect(messageOf(7)).toBe('The token typ is not an accepted token type');
  });

  it('refuses claims of the wrong shape: aud 42, a non-array allowed-origins, roles that are not all strings', () => {
    expect(reason({ aud: 42 })).toBe('missing_claim');
    expect(reason({ aud: ['account', 42] })).toBe('missing_claim');
    expect(reason({ 'allowed-origins': 'http://localhost:3000' })).toBe('missing_claim');
    expect(reason({ 'allowed-origins': [1] })).toBe('missing_claim');
    expect(reason({ realm_access: { roles: ['user', 1] } })).toBe('missing_claim');
    expect(reason({ realm_access: ['user'] })).toBe('missing_claim');
    expect(reason({ realm_access: null })).toBe('missing_claim');
    expect(reason({ resource_access: { app: { roles: ['user', 1] } } })).toBe('missing_claim');
    expect(reason({ resource_access: [] })).toBe('missing_claim');
    expect(reason({ resource_access: { good: { roles: ['user'] }, bad: { roles: 'admin' } } })).toBe('missing_claim');
    expect(reason({ authorization: { permissions: [1] } })).toBe('missing_claim');
    expect(reason({ authorization: { permissions: {} } })).toBe('missing_claim');
    expect(reason({ authorization: [] })).toBe('missing_claim');
    expect(reason({ auth_time: '1' })).toBe('missing_claim');
    expect(reason({ auth_time: Number.POSITIVE_INFINITY })).toBe('missing_claim');
    for (const name of ['sub', 'azp', 'sid', 'scope', 'jti', 'acr', 'nonce', 'client_id', 'at_hash']) {
      expect(reason({ [name]: 1 })).toBe('missing_claim');
    }
  });

  it('takes claims of the right shape, roles omitted included', () => {
    const good = {
      aud: ['account', 'orders-api'],
      'allowed-origins': ['*'],
      realm_access: {},
      resource_access: { app: { roles: ['user'] }, other: {} },
      authorization: { permissions: [{ rsname: 'orders' }] },
      auth_time: now - 5,
      sub: 's',
      azp: 'app',
      scope: 'openid',
    };
    expect(() => validateClaims(claims(good), rules(), NOW)).not.toThrow();
    expect(() => validateClaims(claims({ authorization: {} }), rules(), NOW)).not.toThrow();
  });

  it('checks the audience and authorized party only against what is configured', () => {
    const audience = ['orders-api'];
    expect(() => validateClaims(claims({ aud: 'orders-api' }), rules({ audience }), NOW)).not.toThrow();
    expect(() => validateClaims(claims({ aud: ['account', 'orders-api'] }), rules({ audience }), NOW)).not.toThrow();
    expect(reason({ aud: 'account' }, { audience })).toBe('audience_mismatch');
    expect(reason({ aud: undefined }, { audience })).toBe('audience_mismatch');
    expect(() => validateClaims(claims({ azp: 'web' }), rules({ authorizedParty: ['web'] }), NOW)).not.toThrow();
    expect(reason({ azp: 'evil' }, { authorizedParty: ['web'] })).toBe('azp_mismatch');
    expect(reason({ azp: undefined }, { authorizedParty: ['web'] })).toBe('azp_mismatch');
  });

  it('reads no claim through the prototype', () => {
    const inherited = Object.create({ iss: 'https://kc.example.com/realms/acme', exp: now + 300 }) as Record<
      string,
      unknown
    >;
    Object.assign(inherited, { typ: 'Bearer', iat: now });
    expect(reasonOf(() => validateClaims(inherited, rules(), NOW))).toBe('missing_claim');
  });
});
