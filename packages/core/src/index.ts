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
