import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySignature } from '../../../src/token/internal/signature.js';
import { b64, generateTestKey, signRaw } from '../support/keys.js';

// The signature layer on its own: node's crypto.verify with the parameters each JWS alg (RFC 7518 §3) needs.

function parts(token: string): [string, string] {
  const dot = token.lastIndexOf('.');
  return [token.slice(0, dot), token.slice(dot + 1)];
}

// Generated once: RSA key generation is the slow part of this file.
const keys = { RS256: generateTestKey('RS256'), PS256: generateTestKey('PS256'), ES256: generateTestKey('ES256') };
const others = { RS256: generateTestKey('RS256'), PS256: generateTestKey('PS256'), ES256: generateTestKey('ES256') };

describe('verifySignature', () => {
  const input = `${b64('{"alg":"X"}')}.${b64('{"typ":"Bearer"}')}`;

  it.each(['RS256', 'PS256', 'ES256'] as const)('verifies %s, and nothing once a byte of the input changes', (alg) => {
    const key = keys[alg];
    const [signingInput, signature] = parts(signRaw('{"alg":"X"}', '{"typ":"Bearer"}', key));
    expect(signingInput).toBe(input);
    expect(verifySignature(alg, key.publicKey, signingInput, signature)).toBe(true);
    expect(verifySignature(alg, key.publicKey, `${signingInput}x`, signature)).toBe(false);
    expect(verifySignature(alg, others[alg].publicKey, signingInput, signature)).toBe(false);
  });

  it('binds each alg to its own hash and padding', () => {
    const rs = keys.RS256;
    const [rsInput, rsSignature] = parts(signRaw('{}', '{}', rs));
    for (const alg of ['RS384', 'RS512', 'PS256'])
      expect(verifySignature(alg, rs.publicKey, rsInput, rsSignature)).toBe(false);
    const ps = keys.PS256;
    const [psInput, psSignature] = parts(signRaw('{}', '{}', ps));
    expect(verifySignature('RS256', ps.publicKey, psInput, psSignature)).toBe(false);
    expect(verifySignature('PS384', ps.publicKey, psInput, psSignature)).toBe(false);
  });

  it('verifies EdDSA and Ed25519 with an Ed25519 key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signature = sign(null, Buffer.from(input), privateKey).toString('base64url');
    expect(verifySignature('EdDSA', publicKey, input, signature)).toBe(true);
    expect(verifySignature('Ed25519', publicKey, input, signature)).toBe(true);
    expect(verifySignature('Ed25519', publicKey, `${input}x`, signature)).toBe(false);
  });

  it('refuses an ECDSA signature of the wrong length, even one that DER would read', () => {
    const es = keys.ES256;
    const der = sign('sha256', Buffer.from(input), es.privateKey).toString('base64url');
    expect(verifySignature('ES256', es.publicKey, input, der)).toBe(false);
    const [, p1363] = parts(signRaw('{"alg":"X"}', '{"typ":"Bearer"}', es));
    expect(verifySignature('ES256', es.publicKey, input, `${p1363}AA`)).toBe(false);
    expect(verifySignature('ES384', es.publicKey, input, p1363)).toBe(false);
  });

  it('verifies nothing for an alg it does not know, or a key that does not fit the alg', () => {
    const rs = keys.RS256;
    const es = keys.ES256;
    const [rsInput, rsSignature] = parts(signRaw('{}', '{}', rs));
    for (const alg of ['RS1', 'HS256', 'none', 'XX256', 'ES256K'])
      expect(verifySignature(alg, rs.publicKey, rsInput, rsSignature)).toBe(false);
    expect(verifySignature('RS256', es.publicKey, rsInput, rsSignature)).toBe(false);
    expect(verifySignature('PS256', es.publicKey, rsInput, rsSignature)).toBe(false);
    expect(verifySignature('EdDSA', rs.publicKey, rsInput, rsSignature)).toBe(false);
    expect(verifySignature('Ed25519', rs.publicKey, rsInput, rsSignature)).toBe(false);
    // node verifies a DER ECDSA signature with an EC key whatever the JWS alg: RS256 must not.
    const der = sign('sha256', Buffer.from(input), es.privateKey).toString('base64url');
    expect(verifySignature('RS256', es.publicKey, input, der)).toBe(false);
    expect(verifySignature('PS256', es.publicKey, input, der)).toBe(false);
    // A P-384 key signing SHA-256 digests: node verifies it, ES256 must not.
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const es256ByP384 = sign('sha256', Buffer.from(input), {
      key: p384.privateKey,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    expect(verifySignature('ES256', p384.publicKey, input, es256ByP384)).toBe(false);
    const es384 = sign('sha384', Buffer.from(input), { key: p384.privateKey, dsaEncoding: 'ieee-p1363' }).toString(
      'base64url',
    );
    expect(verifySignature('ES384', p384.publicKey, input, es384)).toBe(true);
  });

  it('verifies ES512 with a P-521 key and RS512 with its hash', () => {
    const p521 = generateKeyPairSync('ec', { namedCurve: 'P-521' });
    const es512 = sign('sha512', Buffer.from(input), { key: p521.privateKey, dsaEncoding: 'ieee-p1363' }).toString(
      'base64url',
    );
    expect(verifySignature('ES512', p521.publicKey, input, es512)).toBe(true);
    const rs = keys.RS256;
    const rs512 = sign('sha512', Buffer.from(input), rs.privateKey).toString('base64url');
    expect(verifySignature('RS512', rs.publicKey, input, rs512)).toBe(true);
    expect(verifySignature('RS384', rs.publicKey, input, rs512)).toBe(false);
  });
});
