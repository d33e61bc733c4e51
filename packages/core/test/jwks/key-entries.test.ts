import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { entryMatches, importEntry, MAX_KEYS, parseKeyEntries, type KeyEntry } from '../../src/jwks/key-entries.js';
import { generateTestKey } from '../token/support/keys.js';

// The JWKS layer on its own: which published keys may ever verify a token, and for which alg.

const rsa = generateTestKey('RS256', 'rsa').jwk;
const ec = generateTestKey('ES256', 'ec').jwk;
const ed = { ...generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }), kid: 'ed', alg: 'EdDSA' };

function entry(jwk: Record<string, unknown>): KeyEntry {
  const [parsed] = parseKeyEntries({ keys: [jwk] }) ?? [];
  if (parsed === undefined) throw new Error('the key was dropped');
  return parsed;
}

describe('parseKeyEntries', () => {
  it('keeps signature keys with their kid and alg', () => {
    expect(parseKeyEntries({ keys: [rsa, { ...ec, use: undefined }] })?.map(({ kid, alg }) => ({ kid, alg }))).toEqual([
      { kid: 'rsa', alg: 'RS256' },
      { kid: 'ec', alg: 'ES256' },
    ]);
    expect(entry({ ...rsa, kid: 7, alg: undefined })).toMatchObject({ kid: undefined, alg: undefined });
  });

  it('drops encryption keys, keys whose key_ops do not verify, symmetric keys and HMAC or unknown algs', () => {
    const dropped = [
      { ...rsa, use: 'enc' },
      { ...rsa, use: 'enc', alg: 'RSA-OAEP' },
      { ...rsa, key_ops: ['encrypt'] },
      { ...rsa, key_ops: 'verify' },
      { kty: 'oct', k: 'c2VjcmV0', alg: 'HS256' },
      { ...rsa, alg: 'HS256' },
      { ...rsa, alg: 'none' },
      { ...rsa, alg: 42 },
      { ...rsa, kty: undefined },
      null,
      'rsa',
    ];
    expect(parseKeyEntries({ keys: dropped })).toEqual([]);
    expect(parseKeyEntries({ keys: [{ ...rsa, key_ops: ['sign', 'verify'] }] })).toHaveLength(1);
  });

  it('answers undefined for a document that is not a JWKS', () => {
    for (const document of [null, undefined, 42, 'keys', [], {}, { keys: {} }, { keys: 'all' }])
      expect(parseKeyEntries(document)).toBeUndefined();
  });

  it('skips entries that are not objects, null included, and keeps the keys around them', () => {
    const entries = parseKeyEntries({ keys: [null, undefined, 7, 'rsa', rsa] });
    expect(entries?.map((entry) => entry.jwk.kty)).toEqual(['RSA']);
  });

  it('keeps a key naming any asymmetric JWS alg', () => {
    const algs = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
    expect(parseKeyEntries({ keys: algs.map((alg) => ({ ...rsa, alg })) })?.map((e) => e.alg)).toEqual(algs);
  });

  it(`keeps at most ${MAX_KEYS} keys`, () => {
    const keys = Array.from({ length: MAX_KEYS + 5 }, (_, i) => ({ ...rsa, kid: `k${i}` }));
    const entries = parseKeyEntries({ keys }) ?? [];
    expect(entries).toHaveLength(MAX_KEYS);
    expect(entries.at(-1)?.kid).toBe(`k${MAX_KEYS - 1}`);
  });
});

describe('entryMatches (a key verifies only the algs its type and curve fit)', () => {
  it('matches the kid when the token names one, and any kid when it does not', () => {
    expect(entryMatches(entry(rsa), 'RS256', 'rsa')).toBe(true);
    expect(entryMatches(entry(rsa), 'RS256', 'other')).toBe(false);
    expect(entryMatches(entry(rsa), 'RS256', undefined)).toBe(true);
  });

  it('binds a key that names an alg to that alg, and one that names none to its type', () => {
    expect(entryMatches(entry(rsa), 'PS256', 'rsa')).toBe(false);
    const anyRsa = entry({ ...rsa, alg: undefined });
    for (const alg of ['RS256', 'RS512', 'PS256', 'PS384']) expect(entryMatches(anyRsa, alg, 'rsa')).toBe(true);
    expect(entryMatches(anyRsa, 'RS256', 'rsa', true)).toBe(false);
    expect(entryMatches(entry(rsa), 'RS256', 'rsa', true)).toBe(true);
  });

  it('never lets a key of another type or curve verify', () => {
    const anyRsa = entry({ ...rsa, alg: undefined });
    const anyEc = entry({ ...ec, alg: undefined });
    const anyEd = entry({ ...ed, alg: undefined });
    for (const alg of ['ES256', 'EdDSA', 'Ed25519']) expect(entryMatches(anyRsa, alg, 'rsa')).toBe(false);
    for (const alg of ['RS256', 'PS256', 'ES384', 'ES512', 'EdDSA']) expect(entryMatches(anyEc, alg, 'ec')).toBe(false);
    expect(entryMatches(anyEc, 'ES256', 'ec')).toBe(true);
    expect(entryMatches(entry({ ...ec, alg: undefined, crv: 'P-384' }), 'ES384', 'ec')).toBe(true);
    expect(entryMatches(entry({ ...ec, alg: undefined, crv: 'P-521' }), 'ES512', 'ec')).toBe(true);
    for (const alg of ['RS256', 'ES256']) expect(entryMatches(anyEd, alg, 'ed')).toBe(false);
    expect(entryMatches(anyEd, 'EdDSA', 'ed')).toBe(true);
    expect(entryMatches(anyEd, 'Ed25519', 'ed')).toBe(true);
    expect(entryMatches(entry({ ...ed, alg: undefined, crv: 'Ed448' }), 'EdDSA', 'ed')).toBe(false);
    // A JWK whose kty and crv disagree matches neither family.
    expect(entryMatches(entry({ ...rsa, alg: undefined, crv: 'P-256' }), 'ES256', 'rsa')).toBe(false);
    expect(entryMatches(entry({ ...ec, alg: undefined, crv: 'Ed25519' }), 'EdDSA', 'ec')).toBe(false);
    // A key labelled with an alg its type cannot serve matches nothing.
    expect(entryMatches(entry({ ...ec, alg: 'RS256' }), 'RS256', 'ec')).toBe(false);
  });
});

describe('importEntry', () => {
  it('imports a key once and reuses it', () => {
    const e = entry(rsa);
    const key = importEntry(e);
    expect(key?.asymmetricKeyType).toBe('rsa');
    expect(importEntry(e)).toBe(key);
  });

  it('imports EC and Ed25519 keys as node sees them', () => {
    expect(importEntry(entry(ec))?.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(importEntry(entry(ed))?.asymmetricKeyType).toBe('ed25519');
  });

  it('takes an RSA exponent of 3, the smallest valid one', () => {
    const three = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 }).publicKey.export({
      format: 'jwk',
    });
    expect(importEntry(entry({ ...three, alg: 'RS256' }))?.asymmetricKeyDetails?.publicExponent).toBe(3n);
  });

  it('imports only public members: a published private exponent does not make a private key', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(importEntry(entry({ ...privateKey.export({ format: 'jwk' }), kid: 'leaked', alg: 'RS256' }))?.type).toBe(
      'public',
    );
  });

  it('answers undefined, once and for all, for broken key material and RSA keys under 2048 bits or with an exponent under 3', () => {
    const small = {
      ...generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' }),
      alg: 'RS256',
    };
    for (const jwk of [{ ...rsa, n: '!!!' }, { ...rsa, e: '' }, { ...rsa, e: 'AQ' }, small, { ...ec, x: 'AAAA' }]) {
      const e = entry(jwk);
      expect(importEntry(e)).toBeUndefined();
      expect(importEntry(e)).toBeUndefined();
    }
    const exactly2048 = entry(rsa);
    expect(importEntry(exactly2048)?.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });
});
