import { describe, expect, it } from 'vitest';
import {
  KeycloakConnectionError,
  KeycloakGetError,
  KeycloakInvalidTokenError,
  KeycloakPostError,
} from '../../../src/errors.js';
import { describeFailure, misconfigurationOf } from '../../../src/guard/internal/keycloak-failure.js';

// Keycloak's own answers, as real Keycloak 26.7 sends them (see test/keycloak/guards-startup.test.ts).
const realmGone = new KeycloakGetError('Realm does not exist', {
  status: 404,
  body: { error: 'Realm does not exist' },
});
const notAServer = new KeycloakPostError('Client does not support permissions', {
  status: 400,
  body: { error: 'invalid_request', error_description: 'Client does not support permissions' },
});
const unknownServer = new KeycloakPostError('x', {
  status: 400,
  body: { error: 'invalid_request', error_description: 'Unknown resource server id: [nope]' },
});
const protection = new KeycloakGetError('x', {
  status: 403,
  body: {
    error: 'invalid_clientId',
    error_description: 'Client application [plain] is not registered as a resource server.',
  },
});
const badSecret = new KeycloakPostError('x', {
  status: 401,
  body: { error: 'invalid_client', error_description: 'Client authentication failed.' },
});

describe('misconfigurationOf', () => {
  it('reads the misconfiguration Keycloak reports, through the cause chain', () => {
    expect(misconfigurationOf(realmGone)).toBe('realm_not_found');
    expect(misconfigurationOf(new KeycloakInvalidTokenError('wrapped', 'keycloak_error', { cause: realmGone }))).toBe(
      'realm_not_found',
    );
    expect(misconfigurationOf(notAServer)).toBe('resource_server_not_found');
    expect(misconfigurationOf(unknownServer)).toBe('resource_server_not_found');
    expect(misconfigurationOf(protection)).toBe('resource_server_not_found');
    expect(misconfigurationOf(badSecret)).toBe('client_rejected');
  });

  it('leaves outages and other answers alone', () => {
    expect(misconfigurationOf(new KeycloakConnectionError('refused'))).toBeUndefined();
    expect(misconfigurationOf(new KeycloakGetError('x', { status: 404, body: { error: 'other' } }))).toBeUndefined();
    expect(misconfigurationOf(new KeycloakGetError('x', { status: 503 }))).toBeUndefined();
    expect(misconfigurationOf('a string')).toBeUndefined();
    expect(misconfigurationOf(undefined)).toBeUndefined();
  });
});

describe('describeFailure', () => {
  it('writes the chain on one line with statuses and OAuth errors, tokens redacted', () => {
    const jwt = `eyJhbGciOiJSUzI1NiJ9.${'a'.repeat(20)}.${'b'.repeat(20)}`;
    const connection = Object.assign(new Error(`connect ECONNREFUSED near ${jwt}`), { code: 'ECONNREFUSED' });
    const wrapped = new KeycloakInvalidTokenError('Fetching the realm JWKS failed', 'keycloak_unreachable', {
      cause: new KeycloakConnectionError('GET failed', { cause: connection }),
    });
    expect(describeFailure(wrapped)).toBe(
      'KeycloakInvalidTokenError: Fetching the realm JWKS failed <- KeycloakConnectionError: GET failed <- Error: connect ECONNREFUSED near [REDACTED] (ECONNREFUSED)',
    );
    expect(describeFailure(notAServer)).toBe(
      'KeycloakPostError: Client does not support permissions [400 invalid_request Client does not support permissions]',
    );
    expect(describeFailure(undefined)).toBeUndefined();
  });
});
