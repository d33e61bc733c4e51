import { KeycloakGuardError, type GuardDenialReason, type KeycloakGuardErrorInit } from '../errors.js';

/** The RFC 6750 `WWW-Authenticate` challenge of one realm, built once per realm. */
export interface Challenges {
  /** `Bearer realm="..."`, or `Bearer` when the realm is not known. */
  readonly base: string;
  /** What goes between `base` and `error=`: `, ` after the realm parameter, a space after the bare scheme (RFC 7235). */
  readonly separator: string;
}

/**
 * Builds the challenge of a realm; the name is quoted per RFC 7235 (quotes and backslashes escaped).
 * A resolver may return a name from the request: characters outside visible ASCII are percent-encoded,
 * since Node refuses to send a header holding them and the refusal would become a 500.
 */
export function challengesFor(realm: string | undefined): Challenges {
  return realm === undefined
    ? { base: 'Bearer', separator: ' ' }
    : { base: `Bearer realm=${quote(realm)}`, separator: ', ' };
}

function quote(value: string): string {
  return `"${value.replace(/[^\x20-\x7E]/gu, encodeChar).replace(/["\\]/g, '\\$&')}"`;
}

interface Answer {
  status: KeycloakGuardErrorInit['status'];
  code: KeycloakGuardErrorInit['code'];
  error: KeycloakGuardErrorInit['error'];
  description: string;
}

const INVALID_REQUEST: Partial<Record<GuardDenialReason, string>> = {
  empty_bearer: 'The bearer token is empty',
  multiple_authorization_headers: 'More than one Authorization header was sent',
  multiple_token_sources: 'The access token was sent by more than one method',
  realm_unresolved: 'The realm could not be determined from the request',
  token_in_url:
    'Access tokens in the URL are not accepted (URLs land in access logs); send the token in the Authorization header',
};

// Clients learn only what helps them act (refresh an expired token); the precise reason goes to the log.
const TOKEN_DESCRIPTIONS: Partial<Record<GuardDenialReason, string>> = {
  expired: 'The access token expired',
  not_yet_valid: 'The access token is not valid yet',
  token_revoked: 'The session of the access token has ended',
};

// RFC 9449 §7.1: a proof that fails its checks is `invalid_dpop_proof`; the token's own faults stay `invalid_token`.
const DPOP_PROOF_DESCRIPTIONS: Partial<Record<GuardDenialReason, string>> = {
  dpop_proof_invalid: 'The DPoP proof is invalid',
  dpop_proof_replayed: 'The DPoP proof was already used',
  dpop_replay_full: 'The DPoP proof cannot be checked for replay now; retry with a new proof later',
};

const DPOP_TOKEN_DESCRIPTIONS: Partial<Record<GuardDenialReason, string>> = {
  dpop_binding_mismatch: 'The access token is not bound to the DPoP proof key',
  dpop_bound_as_bearer: 'The access token is DPoP-bound: send it as Authorization: DPoP with a DPoP proof',
  dpop_required: 'A DPoP-bound access token and a DPoP proof are required',
};

function answerFor(reason: GuardDenialReason): Answer {
  const dpopProof = DPOP_PROOF_DESCRIPTIONS[reason];
  if (dpopProof !== undefined)
    return { status: 401, code: 'ERR_TOKEN_REJECTED', error: 'invalid_dpop_proof', description: dpopProof };
  const dpopToken = DPOP_TOKEN_DESCRIPTIONS[reason];
  if (dpopToken !== undefined)
    return { status: 401, code: 'ERR_TOKEN_REJECTED', error: 'invalid_token', description: dpopToken };
  if (reason === 'dpop_replay_unavailable') {
    return {
      status: 503,
      code: 'ERR_KEYCLOAK_UNAVAILABLE',
      error: 'temporarily_unavailable',
      description: 'The DPoP proof cannot be checked for replay now; retry later',
    };
  }
  if (reason === 'no_credentials') {
    return {
      status: 401,
      code: 'ERR_NO_CREDENTIALS',
      error: undefined,
      description: 'A bearer access token is required',
    };
  }
  const invalidRequest = INVALID_REQUEST[reason];
  if (invalidRequest !== undefined)
    return { status: 400, code: 'ERR_INVALID_REQUEST', error: 'invalid_request', description: invalidRequest };
  if (reason === 'uma_ticket') {
    return {
      status: 401,
      code: 'ERR_INSUFFICIENT_SCOPE',
      error: 'insufficient_scope',
      description: 'The access token does not grant access to this resource',
    };
  }
  if (
    reason === 'role_missing' ||
    reason === 'scope_missing' ||
    reason === 'predicate_denied' ||
    reason === 'permission_denied' ||
    reason === 'path_not_configured' ||
    reason === 'path_resource_not_found'
  ) {
    return {
      status: 403,
      code: 'ERR_INSUFFICIENT_SCOPE',
      error: 'insufficient_scope',
      description: 'The access token does not grant access to this resource',
    };
  }
  // A failed enforcer cannot decide: refusing as 503 keeps the route closed without blaming the token.
  // A misconfiguration Keycloak reports (unknown realm, client or resource server) is a 503 as an outage is:
  // the token may be fine, and the app's log (an error naming the realm and client) says what to fix.
  if (
    reason === 'keycloak_unreachable' ||
    reason === 'keycloak_error' ||
    reason === 'enforcer_failed' ||
    reason === 'realm_not_found' ||
    reason === 'resource_server_not_found' ||
    reason === 'client_rejected'
  ) {
    return {
      status: 503,
      code: 'ERR_KEYCLOAK_UNAVAILABLE',
      error: 'temporarily_unavailable',
      description: 'The access token cannot be checked now; retry later',
    };
  }
  if (reason === 'revocation_unavailable') {
    return {
      status: 503,
      code: 'ERR_KEYCLOAK_UNAVAILABLE',
      error: 'temporarily_unavailable',
      description: 'Revoked sessions cannot be checked now; retry later',
    };
  }
  if (reason === 'guard_closed') {
    return {
      status: 503,
      code: 'ERR_KEYCLOAK_UNAVAILABLE',
      error: 'temporarily_unavailable',
      description: 'The service is shutting down; retry later',
    };
  }
  return {
    status: 401,
    code: 'ERR_TOKEN_REJECTED',
    error: 'invalid_token',
    description: TOKEN_DESCRIPTIONS[reason] ?? 'The access token is invalid',
  };
}

/**
 * The `error_description` of a UMA refusal, naming what Keycloak did not grant. Characters RFC 6750
 * §3 does not allow in the header (quotes, backslashes, non-ASCII) are percent-encoded, so a resource
 * name can neither break the header nor make Node refuse to send it.
 */
export function missingDescription(missing: readonly string[]): string {
  return headerSafe(`Missing permissions: ${missing.join(' ')}`);
}

/**
 * A text made safe for an RFC 6750 §3 quoted attribute: quotes, backslashes and non-ASCII are
 * percent-encoded (names of roles and resources come from the app or Keycloak and may hold them).
 */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/gu, encodeChar);
}

function encodeChar(char: string): string {
  try {
    return encodeURIComponent(char);
  } catch {
    return '%EF%BF%BD'; // a lone surrogate: U+FFFD, as a UTF-8 encoder would write it
  }
}

/** Refusals a policy enforcer's `on-deny-redirect-to` turns into a 302 (PolicyEnforcer.handleAccessDenied). */
const REDIRECTED: ReadonlySet<GuardDenialReason> = new Set([
  'no_credentials',
  'permission_denied',
  'path_not_configured',
  'path_resource_not_found',
]);

/** How a refusal is answered besides its reason: a policy enforcer's deny page or UMA challenge. */
export interface AnswerOptions {
  /** `on-deny-redirect-to`: denials answer 302 to it. */
  readonly redirectTo?: string | undefined;
  /** A `user-managed-access` challenge (`UMA realm=...,as_uri=...,ticket=...`), sent as `WWW-Authenticate`. */
  readonly umaChallenge?: string | undefined;
  /** RFC 6750 §3 `scope`: the scopes the route needs (scope-tokens, space-separated), after `error_description`. */
  readonly scope?: string | undefined;
}

/**
 * The guard's answer to a refused request: status, RFC 6750 header and body, in one error.
 * `description` replaces the default `error_description` (it must be header-safe, see {@link missingDescription}).
 */
export function guardError(
  reason: GuardDenialReason,
  challenges: Challenges,
  retryAfterSeconds: number,
  cause?: unknown,
  description?: string,
  options: AnswerOptions = {},
): KeycloakGuardError {
  const standard = answerFor(reason);
  const answer = description === undefined ? standard : { ...standard, description };
  const redirect = options.redirectTo !== undefined && REDIRECTED.has(reason);
  const wwwAuthenticate =
    answer.status === 503 || redirect
      ? undefined
      : options.umaChallenge !== undefined
        ? options.umaChallenge
        : answer.error === undefined
          ? challenges.base
          : `${challenges.base}${challenges.separator}error="${answer.error}", error_description="${answer.description}"${
              options.scope === undefined ? '' : `, scope="${options.scope}"`
            }`;
  return new KeycloakGuardError(answer.description, {
    status: redirect ? 302 : answer.status,
    ...(redirect ? { location: options.redirectTo } : {}),
    code: answer.code,
    reason,
    wwwAuthenticate,
    error: answer.error,
    errorDescription: answer.error === undefined ? undefined : answer.description,
    retryAfterSeconds: answer.status === 503 ? retryAfterSeconds : undefined,
    cause,
  });
}
