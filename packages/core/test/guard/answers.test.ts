import { describe, expect, it } from 'vitest';
import type { GuardDenialReason } from '../../src/errors.js';
import { challengesFor, guardError, headerSafe, missingDescription } from '../../src/guard/answers.js';

// What a refusal answers, reason by reason: status, code, RFC 6750 error and description, and the header built
// from them. The whole table, so a reason answered with another status or error fails here by name.

const REALM = challengesFor('shop');
const TOKEN = ['ERR_TOKEN_REJECTED', 'invalid_token'] as const;
const INVALID = 'The access token is invalid';
const GRANT = 'The access token does not grant access to this resource';
const NOW = 'The access token cannot be checked now; retry later';

const TABLE: ReadonlyArray<[GuardDenialReason, number, string, string | undefined, string]> = [
  ['malformed', 401, ...TOKEN, INVALID],
  ['unsupported_alg', 401, ...TOKEN, INVALID],
  ['forbidden_header', 401, ...TOKEN, INVALID],
  ['unknown_kid', 401, ...TOKEN, INVALID],
  ['bad_signature', 401, ...TOKEN, INVALID],
  ['expired', 401, ...TOKEN, 'The access token expired'],
  ['not_yet_valid', 401, ...TOKEN, 'The access token is not valid yet'],
  ['missing_claim', 401, ...TOKEN, INVALID],
  ['issuer_mismatch', 401, ...TOKEN, INVALID],
  ['audience_mismatch', 401, ...TOKEN, INVALID],
  ['azp_mismatch', 401, ...TOKEN, INVALID],
  ['wrong_token_type', 401, ...TOKEN, INVALID],
  ['revoked', 401, ...TOKEN, INVALID],
  ['issuer_not_allowed', 401, ...TOKEN, INVALID],
  ['token_revoked', 401, ...TOKEN, 'The session of the access token has ended'],
  ['no_credentials', 401, 'ERR_NO_CREDENTIALS', undefined, 'A bearer access token is required'],
  ['empty_bearer', 400, 'ERR_INVALID_REQUEST', 'invalid_request', 'The bearer token is empty'],
  [
    'multiple_authorization_headers',
    400,
    'ERR_INVALID_REQUEST',
    'invalid_request',
    'More than one Authorization header was sent',
  ],
  [
    'multiple_token_sources',
    400,
    'ERR_INVALID_REQUEST',
    'invalid_request',
    'The access token was sent by more than one method',
  ],
  [
    'realm_unresolved',
    400,
    'ERR_INVALID_REQUEST',
    'invalid_request',
    'The realm could not be determined from the request',
  ],
  [
    'token_in_url',
    400,
    'ERR_INVALID_REQUEST',
    'invalid_request',
    'Access tokens in the URL are not accepted (URLs land in access logs); send the token in the Authorization header',
  ],
  ['uma_ticket', 401, 'ERR_INSUFFICIENT_SCOPE', 'insufficient_scope', GRANT],
  ['role_missing', 403, 'ERR_INSUFFICIENT_SCOPE', 'insufficient_scope', GRANT],
  ['scope_missing', 403, 'ERR_INSUFFICIENT_SCOPE', 'insufficient_scope', GRANT],
  ['predicate_denied', 403, 'ERR_INSUFFICIENT_SCOPE', 'insufficient_scope', GRANT],
  ['permission_denied', 403, 'ERR_INSUFFICIENT_SCOPE', 'insufficient_scope', GRANT],
  ['path_not_configured', 403, 'ERR_INSUFFICIENT_SCOPE', 'insufficient_scope', GRANT],
  ['path_resource_not_found', 403, 'ERR_INSUFFICIENT_SCOPE', 'insufficient_scope', GRANT],
  ['keycloak_unreachable', 503, 'ERR_KEYCLOAK_UNAVAILABLE', 'temporarily_unavailable', NOW],
  ['keycloak_error', 503, 'ERR_KEYCLOAK_UNAVAILABLE', 'temporarily_unavailable', NOW],
  ['enforcer_failed', 503, 'ERR_KEYCLOAK_UNAVAILABLE', 'temporarily_unavailable', NOW],
  ['realm_not_found', 503, 'ERR_KEYCLOAK_UNAVAILABLE', 'temporarily_unavailable', NOW],
  ['resource_server_not_found', 503, 'ERR_KEYCLOAK_UNAVAILABLE', 'temporarily_unavailable', NOW],
  ['client_rejected', 503, 'ERR_KEYCLOAK_UNAVAILABLE', 'temporarily_unavailable', NOW],
  [
    'revocation_unavailable',
    503,
    'ERR_KEYCLOAK_UNAVAILABLE',
    'temporarily_unavailable',
    'Revoked sessions cannot be checked now; retry later',
  ],
  [
    'guard_closed',
    503,
    'ERR_KEYCLOAK_UNAVAILABLE',
    'temporarily_unavailable',
    'The service is shutting down; retry later',
  ],
  [
    'dpop_replay_unavailable',
    503,
    'ERR_KEYCLOAK_UNAVAILABLE',
    'temporarily_unavailable',
    'The DPoP proof cannot be checked for replay now; retry later',
  ],
  ['dpop_proof_invalid', 401, 'ERR_TOKEN_REJECTED', 'invalid_dpop_proof', 'The DPoP proof is invalid'],
  ['dpop_proof_replayed', 401, 'ERR_TOKEN_REJECTED', 'invalid_dpop_proof', 'The DPoP proof was already used'],
  [
    'dpop_replay_full',
    401,
    'ERR_TOKEN_REJECTED',
    'invalid_dpop_proof',
    'The DPoP proof cannot be checked for replay now; retry with a new proof later',
  ],
  ['dpop_binding_mismatch', 401, ...TOKEN, 'The access token is not bound to the DPoP proof key'],
  [
    'dpop_bound_as_bearer',
    401,
    ...TOKEN,
    'The access token is DPoP-bound: send it as Authorization: DPoP with a DPoP proof',
  ],
  ['dpop_required', 401, ...TOKEN, 'A DPoP-bound access token and a DPoP proof are required'],
];

describe('guardError: the answer of each refusal reason', () => {
  it.each(TABLE)('%s answers %i %s %s', (reason, status, code, error, description) => {
    const answer = guardError(reason, REALM, 30);
    expect(answer).toMatchObject({ status, code, reason, error, message: description });
    if (status === 503) {
      expect(answer.wwwAuthenticate).toBeUndefined();
      expect(answer.headers).toEqual({ 'retry-after': '30' });
      expect(answer.errorDescription).toBe(description);
    } else {
      const challenge =
        error === undefined
          ? 'Bearer realm="shop"'
          : `Bearer realm="shop", error="${error}", error_description="${description}"`;
      expect(answer.headers).toEqual({ 'www-authenticate': challenge });
      expect(answer.errorDescription).toBe(error === undefined ? undefined : description);
    }
  });

  it('builds the challenge without a realm, with a scope, a UMA challenge, or a replaced description', () => {
    expect(guardError('expired', challengesFor(undefined), 1).wwwAuthenticate).toBe(
      'Bearer error="invalid_token", error_description="The access token expired"',
    );
    expect(guardError('scope_missing', REALM, 1, undefined, undefined, { scope: 'orders:read' }).wwwAuthenticate).toBe(
      'Bearer realm="shop", error="insufficient_scope", error_description="The access token does not grant access to this resource", scope="orders:read"',
    );
    const uma = 'UMA realm="shop", as_uri="http://kc/realms/shop", ticket="t"';
    expect(guardError('uma_ticket', REALM, 1, undefined, undefined, { umaChallenge: uma }).wwwAuthenticate).toBe(uma);
    const named = guardError('role_missing', REALM, 1, undefined, 'Missing roles: admin');
    expect(named.message).toBe('Missing roles: admin');
    expect(named.wwwAuthenticate).toContain('error_description="Missing roles: admin"');
  });

  it('redirects the refusals a policy enforcer sends to its deny page, and only those', () => {
    for (const reason of [
      'no_credentials',
      'permission_denied',
      'path_not_configured',
      'path_resource_not_found',
    ] as const) {
      const answer = guardError(reason, REALM, 1, undefined, undefined, { redirectTo: '/denied' });
      expect(answer).toMatchObject({ status: 302, wwwAuthenticate: undefined });
      expect(answer.headers).toEqual({ location: '/denied' });
    }
    const expired = guardError('expired', REALM, 1, undefined, undefined, { redirectTo: '/denied' });
    expect(expired.status).toBe(401);
    expect(expired.headers.location).toBeUndefined();
  });

  it('keeps the cause', () => {
    const cause = new Error('underneath');
    expect(guardError('keycloak_error', REALM, 1, cause).cause).toBe(cause);
  });
});

describe('header-safe texts', () => {
  it('quotes realm names, escaping quotes and backslashes and percent-encoding what is not visible ASCII', () => {
    expect(challengesFor('a "b" \\c').base).toBe('Bearer realm="a \\"b\\" \\\\c"');
    expect(challengesFor('réalm\u0007').base).toBe('Bearer realm="r%C3%A9alm%07"');
    expect(challengesFor('\uD800').base).toBe('Bearer realm="%EF%BF%BD"');
  });

  it('percent-encodes quotes, backslashes and non-ASCII in descriptions, and joins missing permissions', () => {
    expect(headerSafe('a "b" \\ é')).toBe('a %22b%22 %5C %C3%A9');
    expect(missingDescription(['orders#read', 'r\u00e9sum\u00e9#view'])).toBe(
      'Missing permissions: orders#read r%C3%A9sum%C3%A9#view',
    );
  });
});
