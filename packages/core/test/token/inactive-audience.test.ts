import { describe, expect, it } from 'vitest';
import { KeycloakInvalidTokenError } from '../../src/errors.js';
import { explainInactive } from '../../src/token/inactive-audience.js';

// Keycloak 26.6.2+ answers introspection {"active":false} to a client missing from the token's aud: a `revoked`
// refusal of a JWT whose unverified aud lacks the introspecting client is explained as `audience_mismatch`.

const jwt = (payload: unknown) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;
const revoked = () => new KeycloakInvalidTokenError('inactive', 'revoked');

describe('explainInactive', () => {
  it('explains a revoked JWT whose aud lacks the client as audience_mismatch, keeping the cause', () => {
    const cause = revoked();
    for (const aud of ['other', ['other', 'account'], undefined, [42]]) {
      const explained = explainInactive(cause, jwt({ aud }), 'orders-api') as KeycloakInvalidTokenError;
      expect(explained).toBeInstanceOf(KeycloakInvalidTokenError);
      expect(explained.reason).toBe('audience_mismatch');
      expect(explained.message).toContain('orders-api');
      expect(explained.cause).toBe(cause);
    }
  });

  it('leaves the refusal as it is when aud names the client, or the token is no JWT', () => {
    for (const token of [
      jwt({ aud: 'orders-api' }),
      jwt({ aud: ['x', 'orders-api'] }),
      'opaque',
      'a.b',
      'a.bm90IGpzb24.c',
    ]) {
      const error = revoked();
      expect(explainInactive(error, token, 'orders-api')).toBe(error);
    }
    const array = revoked();
    expect(explainInactive(array, `h.${Buffer.from('[1]').toString('base64url')}.s`, 'orders-api')).toBe(array);
  });

  it('explains only revoked refusals', () => {
    const expired = new KeycloakInvalidTokenError('expired', 'expired');
    expect(explainInactive(expired, jwt({ aud: 'other' }), 'orders-api')).toBe(expired);
    const other = new Error('network');
    expect(explainInactive(other, jwt({ aud: 'other' }), 'orders-api')).toBe(other);
  });
});
