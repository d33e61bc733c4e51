/**
 * Shapes of what the OpenID Connect endpoints answer. Field names are the specs' and Keycloak's wire
 * names (`access_token`, `expires_in`), as openid-client keeps them, so responses can be passed on as is.
 */
import type { UMAPermission } from '../permissions/uma-permission.js';

/** Options every {@link KeycloakOpenID} call accepts. */
export interface OIDCCallOptions {
  /** Aborts the call; it then fails with code `ERR_ABORTED`. */
  signal?: AbortSignal;
  /** Time limit of this call in ms. Defaults to the instance's `timeout`. */
  timeout?: number;
}

/** The realm's discovery document (`.well-known/openid-configuration`); only the fields we read are typed. */
export interface OpenIDConfiguration {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  introspection_endpoint?: string;
  userinfo_endpoint?: string;
  end_session_endpoint?: string;
  jwks_uri: string;
  device_authorization_endpoint?: string;
  registration_endpoint?: string;
  token_endpoint_auth_methods_supported?: string[];
  code_challenge_methods_supported?: string[];
  [key: string]: unknown;
}

/** A token endpoint answer (password, client_credentials, authorization_code, refresh, exchange, device). */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  refresh_expires_in?: number;
  token_type: string;
  id_token?: string;
  'not-before-policy'?: number;
  session_state?: string;
  scope?: string;
  /** Token exchange answers say which kind of token was issued. */
  issued_token_type?: string;
  [key: string]: unknown;
}

/** RFC 7662 introspection answer, with Keycloak's extra claims when `active` is true. */
export interface IntrospectionResponse {
  active: boolean;
  scope?: string;
  client_id?: string;
  username?: string;
  token_type?: string;
  exp?: number;
  iat?: number;
  sub?: string;
  aud?: string | string[];
  iss?: string;
  [key: string]: unknown;
}

/** OpenID Connect UserInfo claims. */
export interface UserInfo {
  sub: string;
  [key: string]: unknown;
}

/** RFC 8628 device authorization answer. */
export interface DeviceAuthorizationResponse {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete?: string;
  expires_in: number;
  interval?: number;
}

/** One JSON Web Key of the realm, as the certs endpoint lists it. */
export interface JsonWebKey {
  kid?: string;
  kty: string;
  alg?: string;
  use?: string;
  [key: string]: unknown;
}

/** The realm's JSON Web Key Set. */
export interface JsonWebKeySet {
  keys: JsonWebKey[];
}

/** One permission granted by the UMA grant with `response_mode=permissions`. */
export interface UMAPermissionGrant {
  rsid?: string;
  rsname: string;
  scopes?: string[];
  [key: string]: unknown;
}

/**
 * python-keycloak's AuthStatus, with its field names: whether the token was accepted, whether every
 * requested permission was granted, and the ones that were not (`resource` or `resource#scope`).
 */
export interface AuthStatus {
  is_logged_in: boolean;
  is_authorized: boolean;
  missing_permissions: string[];
}

/**
 * Permissions to ask for: one `resource#scope` string, a list of them, or a map from resource to its
 * scopes (python-keycloak's `build_permission_param` inputs).
 */
export type UMAPermissionInput =
  | string
  | UMAPermission
  | readonly (string | UMAPermission)[]
  | ReadonlySet<string | UMAPermission>
  | Readonly<Record<string, string | readonly string[] | null | undefined>>;

/** A client representation for dynamic client registration; Keycloak's field names. */
export interface ClientRegistrationRepresentation {
  clientId?: string;
  [key: string]: unknown;
}
