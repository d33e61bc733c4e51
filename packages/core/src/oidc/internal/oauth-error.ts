/**
 * How answers of the OAuth endpoints become errors: refused credentials are an authentication failure
 * whatever the status Keycloak picked (it answers a wrong password with 400 `invalid_grant`, a wrong
 * secret with 401 `unauthorized_client`); anything else goes through raiseErrorFromResponse.
 */
import { KeycloakAuthenticationError, type KeycloakErrorOptions } from '../../errors.js';
import { errorMessageFromBody, raiseErrorFromResponse, type RaiseErrorOptions } from '../../http/raise-error.js';
import type { KeycloakResponse } from '../../http/types.js';

const CREDENTIAL_ERRORS: ReadonlySet<string> = new Set(['invalid_grant', 'unauthorized_client', 'invalid_client']);

/** Returns the body of an expected answer, or throws the matching KeycloakError. */
export function judgeOAuthResponse<T>(response: KeycloakResponse<T>, options: RaiseErrorOptions): T {
  const { status, body } = response;
  const error = body !== null && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  if ((status === 400 || status === 401) && typeof error === 'string' && CREDENTIAL_ERRORS.has(error)) {
    const errorOptions: KeycloakErrorOptions = { status, body };
    throw new KeycloakAuthenticationError(errorMessageFromBody(body, status), errorOptions);
  }
  return raiseErrorFromResponse(response, options);
}
