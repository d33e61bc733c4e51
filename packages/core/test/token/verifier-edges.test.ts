import { RemoteKeySet, TokenVerifier } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { reasonOf } from './support/expect-invalid.js';
import { b64 } from './support/keys.js';

// TokenVerifier at its edges, without a realm to ask: refusals decided by the header and the payload alone.

const ISSUER = 'http://127.0.0.1:9/realms/edges';
const unsigned = (header: unknown, payload: unknown) =>
  `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}.c2lnbmF0dXJl`;

describe('TokenVerifier edges', () => {
  it('names refresh and offline tokens (HS512) as the wrong type, and other HS tokens as an unsupported alg', async () => {
    const verifier = new TokenVerifier({ issuer: ISSUER });
    expect(await reasonOf(verifier.verify(unsigned({ alg: 'HS512' }, { typ: 'Refresh' })))).toBe('wrong_token_type');
    expect(await reasonOf(verifier.verify(unsigned({ alg: 'HS512' }, { typ: 'Offline' })))).toBe('wrong_token_type');
    expect(await reasonOf(verifier.verify(unsigned({ alg: 'HS256' }, { typ: 'Bearer' })))).toBe('unsupported_alg');
  });

  it('reads the typ only behind an HS alg: any other refused alg stays unsupported_alg', async () => {
    const verifier = new TokenVerifier({ issuer: ISSUER });
    for (const alg of ['none', 'RS1', 'XYZ'])
      expect(await reasonOf(verifier.verify(unsigned({ alg }, { typ: 'Refresh' })))).toBe('unsupported_alg');
  });

  it('shares the key set it was given, and forgets tokens without a cache', () => {
    const keySet = new RemoteKeySet({ jwksUri: `${ISSUER}/protocol/openid-connect/certs` });
    const verifier = new TokenVerifier({ issuer: ISSUER, jwks: keySet, tokenCache: false });
    expect(verifier.keySet).toBe(keySet);
    expect(() => verifier.forget('a.b.c')).not.toThrow();
  });
});
