// errors
export * from './errors.js';
// http: the connection all of core's HTTP goes through
export { KeycloakConnection, type RawData, type RawCallOptions } from './http/connection.js';
export type { KeycloakConnectionOptions, RetryInfo } from './http/options.js';
export type {
  CallOptions,
  FormFields,
  HttpMethod,
  KeycloakResponse,
  QueryParams,
  QueryValue,
  RequestBody,
  RequestOptions,
  ResponseExpectation,
} from './http/types.js';
export { buildPath, encodeQuery, type PathParams } from './http/url.js';
export { raiseErrorFromResponse, errorMessageFromBody, type KeycloakErrorClass, type RaiseErrorOptions } from './http/raise-error.js';
export { toKeycloakError, type FailureContext } from './http/to-keycloak-error.js';
// jwks + token: local verification of Keycloak access tokens, and introspection
export { RemoteKeySet, type RemoteKeySetOptions, type KeySelector } from './jwks/remote-key-set.js';
export type { KeycloakAccessTokenClaims, KeycloakPermission, KeycloakRoles, VerifiedTokenHeader } from './token/claims.js';
export { VerifiedToken, hasRealmRole, hasClientRole, scopes } from './token/verified-token.js';
export { TokenVerifier, type VerifyOptions, type TokenVerifierStats } from './token/verifier.js';
export type { TokenVerifierOptions } from './token/verifier-options.js';
export type { TokenCacheOptions } from './token/token-cache.js';
export { TokenIntrospector, type TokenIntrospectorOptions } from './token/introspection.js';
