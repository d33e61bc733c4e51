import { oauthError, type HttpError } from '../../http/http-error.js';

/** The two JWT client authenticators of Keycloak, by their `clientAuthenticatorType` id. */
export type JwtAuthenticatorType = 'client-jwt' | 'client-secret-jwt';

/** The `client_assertion_type` Keycloak accepts (OAuth2Constants.CLIENT_ASSERTION_TYPE_JWT). */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Keycloak's answer when no authenticator could identify the client (ClientAuthenticationFlow, CLIENT_NOT_FOUND). */
export function unknownClient(): HttpError {
  return oauthError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
}

/** A validator failure: AbstractJWTClientValidator.failure answers 400 invalid_client with the bare description. */
export function assertionRejected(description: string): HttpError {
  return oauthError(400, 'invalid_client', description);
}

/**
 * An exception inside an authenticator: JWTClientAuthenticator answers invalid_client, JWTClientSecretAuthenticator
 * unauthorized_client, each with its own prefix before the exception's message.
 */
export function authenticatorFailed(type: JwtAuthenticatorType, message: string): HttpError {
  return type === 'client-jwt'
    ? oauthError(400, 'invalid_client', `Client authentication with signed JWT failed: ${message}`)
    : oauthError(400, 'unauthorized_client', `Client authentication with client secret signed JWT failed: ${message}`);
}
