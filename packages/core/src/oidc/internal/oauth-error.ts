/**
 * How answers of the OAuth endpoints become errors: a refused grant is an authentication failure whatever
 * the status Keycloak picked (26.x answers a wrong password with 400 `invalid_grant`, a wrong secret with
 * 401 `unauthorized_client`). A 400 `unauthorized_client` or `invalid_client` is not: Keycloak uses them
 * for a client that may not use a flow ("device grant disabled", "Audience not found"), a configuration
 * fault that retrying with other credentials cannot fix. Anything else goes through raiseErrorFromResponse
 * (which makes every 401 an authentication failure).
 */
import { KeycloakAuthenticationError, type KeycloakErrorOptions } from '../../errors.js';
import { errorMessageFromBody, raiseErrorFromResponse, type RaiseErrorOptions } from '../../http/raise-error.js';
import type { KeycloakResponse } from '../../http/types.js';

/** Returns the body of an expected answer, or throws the matching KeycloakError. */
export function judgeOAuthResponse<T>(response: KeycloakResponse<T>, options: RaiseErrorOptions): T {
  const { status, body } = response;
  const error = body !== null && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  if ((status === 400 || status === 401) && error === 'invalid_grant') {
    const errorOptions: KeycloakErrorOptions = { status, body };
    throw new KeycloakAuthenticationError(errorMessageFromBody(body, status), errorOptions);
  }
  return raiseErrorFromResponse(response, options);
}
