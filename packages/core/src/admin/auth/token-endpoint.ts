/**
 * The admin token's calls to the realm's token endpoint (password, client_credentials, refresh_token
 * grants, client_secret_post as python-keycloak sends it). Kept apart from KeycloakOpenID so the admin
 * pipeline stands on the connection alone.
 */
import { KeycloakAuthenticationError, KeycloakPostError } from '../../errors.js';
import type { KeycloakConnection } from '../../http/connection.js';
import { errorMessageFromBody } from '../../http/raise-error.js';
import type { FormFields } from '../../http/types.js';
import { buildPath } from '../../http/url.js';

// Token endpoint answers that mean "these credentials or this refresh token will not do" (RFC 6749 §5.2).
const REFUSALS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/**
 * Posts `form` to the token endpoint of `realm` and returns the parsed answer.
 * @throws KeycloakAuthenticationError (`ERR_AUTHENTICATION`) when Keycloak refuses the grant or the
 *   client; KeycloakPostError for any other unexpected answer.
 */
export async function postTokenRequest(http: KeycloakConnection, realm: string, form: FormFields): Promise<unknown> {
  const path = buildPath('realms/{realm}/protocol/openid-connect/token', { realm });
  // No caller signal: a token request may be shared by many callers (single flight); the connection's timeout bounds it.
  const response = await http.request({ method: 'POST', path, body: { form } });
  if (response.status === 200) return response.body;
  const { status, body } = response;
  const error = body !== null && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  const refused = status === 401 || (status === 400 && typeof error === 'string' && REFUSALS.has(error));
  const ErrorClass = refused ? KeycloakAuthenticationError : KeycloakPostError;
  throw new ErrorClass(errorMessageFromBody(body, status), {
    code: refused ? 'ERR_AUTHENTICATION' : 'ERR_HTTP',
    status,
    body,
  });
}

/** Whether `error` says the refresh token can no longer be used (expired, session ended, revoked, stale). */
export function isDeadRefreshToken(error: unknown): boolean {
  // python-keycloak matches "Token is not active"/"Session not active"/"Refresh token expired" only;
  // every invalid_grant on a refresh (stale, reused, issued before a logout...) is cured by a new login.
  if (!(error instanceof KeycloakAuthenticationError) || error.status !== 400) return false;
  const body = error.body;
  return body !== null && typeof body === 'object' && (body as { error?: unknown }).error === 'invalid_grant';
}
