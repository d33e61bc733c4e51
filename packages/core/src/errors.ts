/**
 * The error hierarchy of keycloak-ts.
 *
 * Every failure the library reports is a {@link KeycloakError} with a stable {@link KeycloakErrorCode},
 * so callers can `switch (error.code)` instead of matching messages. The subclasses keep
 * python-keycloak's names so migrating code reads the same. HTTP failures carry the response
 * `status` and the parsed `body`, with secrets and tokens redacted.
 */

/** Stable machine-readable codes. New codes may be added; existing ones never change meaning. */
export type KeycloakErrorCode =
  // transport
  | 'ERR_CONNECTION' // refused, reset, DNS, TLS: the request never got an HTTP answer
  | 'ERR_TIMEOUT' // no answer within the configured timeout
  | 'ERR_ABORTED' // the caller's AbortSignal fired
  | 'ERR_INVALID_RESPONSE' // an answer that cannot be parsed as the expected type
  // HTTP answers
  | 'ERR_AUTHENTICATION' // 401, or a token endpoint refusing the credentials
  | 'ERR_HTTP' // any other unexpected status
  // tokens
  | 'ERR_INVALID_TOKEN' // a token failed verification; see KeycloakInvalidTokenError.reason
  // local failures
  | 'ERR_RPT_NOT_FOUND'
  | 'ERR_SECRET_NOT_FOUND'
  | 'ERR_OPERATION'
  | 'ERR_AUTHORIZATION_CONFIG'
  | 'ERR_PERMISSION_FORMAT'
  | 'ERR_DEPRECATED'
  | 'ERR_NOT_SUPPORTED' // a feature whose API shape exists but which this version does not implement yet
  // guards (RFC 6750 answers to a protected request); see KeycloakGuardError
  | 'ERR_NO_CREDENTIALS' // 401, no token was sent
  | 'ERR_INVALID_REQUEST' // 400 invalid_request
  | 'ERR_TOKEN_REJECTED' // 401 invalid_token
  | 'ERR_INSUFFICIENT_SCOPE' // 403 insufficient_scope
  | 'ERR_KEYCLOAK_UNAVAILABLE' // 503, the token could not be checked
  // startup checks (KeycloakGuard.ready); see KeycloakConfigError
  | 'ERR_KEYCLOAK_UNREACHABLE' // no answer, a timeout or a 5xx: Keycloak may come back, the options may be right
  | 'ERR_KEYCLOAK_CONFIG'; // Keycloak answered that the realm, client or resource server does not exist

/** Options shared by every error constructor. */
export interface KeycloakErrorOptions {
  code?: KeycloakErrorCode;
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number;
  /** The response body (parsed JSON when possible), already redacted or to be redacted here. */
  body?: unknown;
  cause?: unknown;
}

/** Base class of every error thrown by keycloak-ts. */
export class KeycloakError extends Error {
  /** A stable code; see {@link KeycloakErrorCode}. */
  readonly code: KeycloakErrorCode;
  /** HTTP status, when the error came from an HTTP answer. */
  readonly status: number | undefined;
  /** Response body with secrets and tokens replaced by `[REDACTED]`. */
  readonly body: unknown;

  constructor(message: string, options: KeycloakErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? 'ERR_HTTP';
    this.status = options.status;
    this.body = redact(options.body);
  }

  /** python-keycloak's `response_code`. */
  get responseCode(): number | undefined {
    return this.status;
  }

  /** python-keycloak's `error_message`. */
  get errorMessage(): string {
    return this.message;
  }
}

function withDefaultCode(options: KeycloakErrorOptions | undefined, code: KeycloakErrorCode): KeycloakErrorOptions {
  return { ...options, code: options?.code ?? code };
}

/** The request never got an HTTP answer (refused, reset, DNS, TLS, timeout, abort). */
export class KeycloakConnectionError extends KeycloakError {
  constructor(message: string, options?: KeycloakErrorOptions) {
    super(message, withDefaultCode(options, 'ERR_CONNECTION'));
  }
}

/** Keycloak refused the credentials (401, or `invalid_grant`/`unauthorized_client` at the token endpoint). */
export class KeycloakAuthenticationError extends KeycloakError {
  constructor(message: string, options?: KeycloakErrorOptions) {
    super(message, withDefaultCode(options, 'ERR_AUTHENTICATION'));
  }
}

/** An unexpected answer to a GET. */
export class KeycloakGetError extends KeycloakError {}
/** An unexpected answer to a POST. */
export class KeycloakPostError extends KeycloakError {}
/** An unexpected answer to a PUT. */
export class KeycloakPutError extends KeycloakError {}
/** An unexpected answer to a DELETE. */
export class KeycloakDeleteError extends KeycloakError {}

/** Why a token was refused. Reasons that start with `keycloak_` mean Keycloak could not be asked. */
export type InvalidTokenReason =
  | 'malformed' // not a compact JWS, bad base64url, bad JSON, or over the size limit
  | 'unsupported_alg' // alg not in the allow-list (including `none` and HMAC)
  | 'forbidden_header' // jku, x5u, jwk, x5c or crit headers
  | 'unknown_kid' // no key with that kid, even after a refetch
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid' // nbf or iat in the future beyond the tolerance
  | 'missing_claim' // exp, iat, iss, sub... absent or of the wrong type
  | 'issuer_mismatch'
  | 'audience_mismatch'
  | 'azp_mismatch'
  | 'wrong_token_type' // typ is not an accepted type ("Bearer" by default; Refresh, Logout and Offline never)
  | 'nonce_mismatch' // an ID token's nonce is absent or differs from the one the caller sent
  | 'at_hash_mismatch' // an ID token's at_hash does not match the access token it came with
  | 'auth_too_old' // an ID token's authentication (auth_time) is older than the caller's max age
  | 'revoked' // issued before the realm's notBefore, or introspection says inactive
  | 'keycloak_unreachable' // keys or introspection could not be fetched
  | 'keycloak_error'; // Keycloak answered with an error while fetching keys or introspecting

/** A token failed verification; `reason` tells whether the token is bad or Keycloak could not be asked. */
export class KeycloakInvalidTokenError extends KeycloakError {
  readonly reason: InvalidTokenReason;

  constructor(message: string, reason: InvalidTokenReason, options?: KeycloakErrorOptions) {
    super(message, withDefaultCode(options, 'ERR_INVALID_TOKEN'));
    this.reason = reason;
  }

  /** True when the token itself is fine as far as we know, but Keycloak could not be reached or failed. */
  get isUpstreamFailure(): boolean {
    return this.reason === 'keycloak_unreachable' || this.reason === 'keycloak_error';
  }
}

/** No RPT was found where one was required. */
export class KeycloakRPTNotFound extends KeycloakError {
  constructor(message: string, options?: KeycloakErrorOptions) {
    super(message, withDefaultCode(options, 'ERR_RPT_NOT_FOUND'));
  }
}

/** A confidential operation was asked of a client with no secret. */
export class KeycloakSecretNotFound extends KeycloakError {
  constructor(message: string, options?: KeycloakErrorOptions) {
    super(message, withDefaultCode(options, 'ERR_SECRET_NOT_FOUND'));
  }
}

/** A local operation cannot be carried out (bad arguments, missing state). */
export class KeycloakOperationError extends KeycloakError {
  constructor(message: string, options?: KeycloakErrorOptions) {
    super(message, withDefaultCode(options, 'ERR_OPERATION'));
  }
}

/** No authorization config was loaded, or it is invalid. */
export class KeycloakAuthorizationConfigError extends KeycloakError {
  constructor(message: string, options?: KeycloakErrorOptions) {
    super(message, withDefaultCode(options, 'ERR_AUTHORIZATION_CONFIG'));
  }
}

/** A permission string could not be parsed (`resource#scope`). */
export class KeycloakPermissionFormatError extends KeycloakError {
  constructor(message: string, options?: KeycloakErrorOptions) {
    super(message, withDefaultCode(options, 'ERR_PERMISSION_FORMAT'));
  }
}

/** The endpoint no longer exists in this Keycloak (e.g. the legacy entitlement API). */
export class KeycloakDeprecationError extends KeycloakError {
  constructor(message: string, options?: KeycloakErrorOptions) {
    super(message, withDefaultCode(options, 'ERR_DEPRECATED'));
  }
}

/** The feature exists as an API shape but is not implemented in this version; thrown at setup, never per request. */
export class KeycloakNotSupportedError extends KeycloakError {
  constructor(message: string, options?: KeycloakErrorOptions) {
    super(message, withDefaultCode(options, 'ERR_NOT_SUPPORTED'));
  }
}

/** Why a guard refused a request: a token reason, or one of the request-level reasons. */
export type GuardDenialReason =
  | InvalidTokenReason
  | 'no_credentials' // no Authorization header (or another scheme), no opt-in source
  | 'empty_bearer' // `Authorization: Bearer` with nothing after it
  | 'multiple_authorization_headers'
  | 'multiple_token_sources' // a token in the header and in the query or cookie
  | 'realm_unresolved' // the realm resolver gave no valid realm name
  | 'issuer_not_allowed' // the token's unverified `iss` is not in the allow-list
  | 'role_missing' // a `{ roles }` spec was not satisfied
  | 'predicate_denied' // a function spec returned false
  | 'permission_denied' // Keycloak did not grant every UMA permission the route needs
  | 'path_not_configured' // an ENFORCING policy enforcer has no path for the request
  | 'path_resource_not_found' // a path without `name` matches no resource of the resource server
  | 'uma_ticket' // a `user-managed-access` enforcer refused: 401 with a UMA permission ticket
  | 'enforcer_failed' // the policy enforcer failed unexpectedly (a claim provider threw, an ambiguous path)
  | 'guard_closed' // the guard was closed (the app is shutting down): 503, the token is not checked
  | 'dpop_proof_invalid' // `Authorization: DPoP` without exactly one valid proof for this request (RFC 9449 §4.3)
  | 'dpop_proof_replayed' // the proof's `jti` was seen within its window, here or at an instance sharing the store
  | 'dpop_replay_full' // the replay set is full of live proofs: refused rather than forgetting one early
  | 'dpop_binding_mismatch' // the proof's key is not the one the token is bound to (`cnf.jkt`), or the token is unbound
  | 'dpop_bound_as_bearer' // a DPoP-bound token (`cnf.jkt`) was sent as Bearer (RFC 9449 §7.2)
  | 'dpop_required' // `dpop.required` and the token came as Bearer
  | 'dpop_replay_unavailable' // the shared store cannot answer and `storeDown` is 'fail-closed': 503
  | 'token_in_url' // an `access_token` query parameter where the query is not an accepted source: 400
  | 'token_revoked' // its session or user was logged out in Keycloak (back-channel logout, k_logout, not-before push)
  | 'revocation_unavailable' // the shared store of revocations is down and `storeDown` is 'fail-closed': 503
  | 'realm_not_found' // Keycloak answered that the realm does not exist: 503, and an error log naming it
  | 'resource_server_not_found' // the UMA audience is no client, or a client that is not a resource server: 503
  | 'client_rejected' // Keycloak refused the guard's own client (invalid_client): 503, and an error log naming it
  | 'scope_missing'; // a `{ scopes }` spec was not satisfied: the token's `scope` claim lacks what the route needs

/** The RFC 6750 error code of a guard answer; absent when no credentials were sent. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/** Fields of a {@link KeycloakGuardError}. */
export interface KeycloakGuardErrorInit {
  /** 302 only for a policy enforcer's `on-deny-redirect-to`. */
  status: 302 | 400 | 401 | 403 | 503;
  code: Extract<
    KeycloakErrorCode,
    | 'ERR_NO_CREDENTIALS'
    | 'ERR_INVALID_REQUEST'
    | 'ERR_TOKEN_REJECTED'
    | 'ERR_INSUFFICIENT_SCOPE'
    | 'ERR_KEYCLOAK_UNAVAILABLE'
  >;
  reason: GuardDenialReason;
  /** The value of `WWW-Authenticate`, ready to send; undefined for 503. */
  wwwAuthenticate: string | undefined;
  error: BearerErrorCode | 'invalid_dpop_proof' | 'temporarily_unavailable' | undefined;
  errorDescription: string | undefined;
  /** Seconds for `Retry-After` (503 only). */
  retryAfterSeconds?: number;
  /** `Location` of a 302 (a policy enforcer's `on-deny-redirect-to`). */
  location?: string;
  cause?: unknown;
}

/**
 * A guard refused a request. It carries everything an adapter needs to answer per RFC 6750 (status,
 * ready headers, the JSON body through `toJSON()`), so adapters forward it untouched to the framework's
 * error path. `reason` is for logs and metrics; clients only see `error` and `errorDescription`.
 */
export class KeycloakGuardError extends KeycloakError {
  declare readonly code: KeycloakGuardErrorInit['code'];
  declare readonly status: KeycloakGuardErrorInit['status'];
  /** Why the request was refused; never sent to the client. */
  readonly reason: GuardDenialReason;
  /** The `WWW-Authenticate` value; undefined for 503. */
  readonly wwwAuthenticate: string | undefined;
  /** RFC 6750 `error`, `temporarily_unavailable` for 503, undefined when no credentials were sent. */
  readonly error: KeycloakGuardErrorInit['error'];
  /** RFC 6750 `error_description`. */
  readonly errorDescription: string | undefined;
  /** The response headers to send (`WWW-Authenticate`, `Retry-After` for 503, `Location` for 302); Express's finalhandler and Fastify read it too. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(message: string, init: KeycloakGuardErrorInit) {
    super(message, { code: init.code, status: init.status, cause: init.cause });
    this.reason = init.reason;
    this.wwwAuthenticate = init.wwwAuthenticate;
    this.error = init.error;
    this.errorDescription = init.errorDescription;
    const headers: Record<string, string> = {};
    if (init.wwwAuthenticate !== undefined) headers['www-authenticate'] = init.wwwAuthenticate;
    if (init.retryAfterSeconds !== undefined) headers['retry-after'] = String(init.retryAfterSeconds);
    if (init.location !== undefined) headers['location'] = init.location;
    this.headers = Object.freeze(headers);
  }

  /** Alias of `status`, read by Fastify and many Express error handlers. */
  get statusCode(): number {
    return this.status;
  }

  /** Clients may see the description: the message only repeats it. */
  get expose(): boolean {
    return true;
  }

  /** The default response body: `{ error, error_description }` (RFC 6750 names). */
  toJSON(): { error: string; error_description: string } {
    return { error: this.error ?? 'unauthorized', error_description: this.errorDescription ?? this.message };
  }
}

/** What {@link KeycloakConfigError} found wrong; the first two mean Keycloak could not be asked. */
export type KeycloakConfigProblem =
  | 'keycloak_unreachable' // refused, reset, DNS, TLS or timeout
  | 'keycloak_error' // Keycloak answered 5xx, or something that is not what the endpoint answers
  | 'realm_not_found' // 404 `Realm does not exist`
  | 'issuer_mismatch' // the realm's discovery names another issuer than the one tokens are checked against
  | 'client_rejected' // invalid_client / unauthorized_client for the guard's clientId and clientSecret
  | 'resource_server_not_found'; // `Unknown resource server id` or `Client does not support permissions`

/** Fields of a {@link KeycloakConfigError}. */
export interface KeycloakConfigErrorInit extends KeycloakErrorOptions {
  problem: KeycloakConfigProblem;
  /** The option to fix (`serverUrl`, `realm`, `clientId`, `clientSecret`, `authorization.audience`, ...). */
  option: string;
  /** The realm the check was about, when there is one. */
  realm?: string | undefined;
  /** The client the check was about (the guard's clientId, or the UMA audience). */
  clientId?: string | undefined;
}

/**
 * A startup check (`KeycloakGuard.ready()`, Express's `keycloak.ready()`, Fastify's `onReady`) found the options
 * do not work against this Keycloak. `code` tells an outage (`ERR_KEYCLOAK_UNREACHABLE`: start anyway and
 * retry, or fail) from a misconfiguration Keycloak itself reported (`ERR_KEYCLOAK_CONFIG`: no retry cures
 * it); `option` names what to fix. Never holds a secret or a token.
 */
export class KeycloakConfigError extends KeycloakError {
  declare readonly code: 'ERR_KEYCLOAK_UNREACHABLE' | 'ERR_KEYCLOAK_CONFIG';
  /** What was found wrong. */
  readonly problem: KeycloakConfigProblem;
  /** The option to fix. */
  readonly option: string;
  /** The realm checked, when known. */
  readonly realm: string | undefined;
  /** The client checked, when the problem is about one. */
  readonly clientId: string | undefined;

  constructor(message: string, init: KeycloakConfigErrorInit) {
    const unreachable = init.problem === 'keycloak_unreachable' || init.problem === 'keycloak_error';
    super(message, { ...init, code: unreachable ? 'ERR_KEYCLOAK_UNREACHABLE' : 'ERR_KEYCLOAK_CONFIG' });
    this.problem = init.problem;
    this.option = init.option;
    this.realm = init.realm;
    this.clientId = init.clientId;
  }

  /** True when Keycloak could not be asked (the options may well be right). */
  get unreachable(): boolean {
    return this.code === 'ERR_KEYCLOAK_UNREACHABLE';
  }
}

const SECRET_KEYS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'subject_token',
  'client_secret',
  'secret',
  'password',
  'value', // credential representations carry the password in `value`
  'client_assertion',
  'assertion',
  'claim_token',
  'rpt',
  'ticket',
  'privateKey',
  'registrationAccessToken',
  'registration_access_token',
  'device_code',
  'code',
  'code_verifier',
]);

/** Marker put in place of a secret value. */
export const REDACTED = '[REDACTED]';

const MAX_DEPTH = 8;

/**
 * Returns a copy of `value` with every secret-bearing field replaced by {@link REDACTED}, and any
 * JWT-looking string too. Used for error bodies and log objects; never mutates its input.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return looksLikeJwt(value) ? REDACTED : value.replace(JWT_ANYWHERE, REDACTED);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SECRET_KEYS.has(key) && item !== null && item !== undefined && item !== '' ? REDACTED : redact(item, depth + 1);
  }
  return out;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*$/;
// A JWT quoted inside a longer text, e.g. an error_description that echoes the token. The `eyJ`
// (base64url of `{"`) start keeps host names such as `keycloak-server.example-domain.com` intact.
const JWT_ANYWHERE = /eyJ[A-Za-z0-9_-]{7,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g;

function looksLikeJwt(text: string): boolean {
  return text.length > 30 && JWT_SHAPE.test(text);
}
