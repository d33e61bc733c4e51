import { KeycloakInvalidTokenError } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { invalidToken } from '../../../src/token/internal/fail.js';

describe('invalidToken', () => {
  it('builds a KeycloakInvalidTokenError with its reason, and a cause only when one is given', () => {
    const plain = invalidToken('expired', 'The token has expired');
    expect(plain).toBeInstanceOf(KeycloakInvalidTokenError);
    expect([plain.reason, plain.code, plain.message]).toEqual([
      'expired',
      'ERR_INVALID_TOKEN',
      'The token has expired',
    ]);
    expect(Object.hasOwn(plain, 'cause')).toBe(false);
    const cause = new Error('socket hang up');
    expect(invalidToken('malformed', 'The token is not a valid JWS', cause).cause).toBe(cause);
  });
});
