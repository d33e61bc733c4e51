/** Roles granted in one scope (the realm, or one client). */
export interface KeycloakRoles {
  roles: string[];
}

/** One permission of a Requesting Party Token (UMA), as Keycloak writes it. */
export interface KeycloakPermission {
  rsid?: string;
  rsname?: string;
  scopes?: string[];
  claims?: Record<string, unknown>;
  /** UMA names, present in introspection answers. */
  resource_id?: string;
  resource_scopes?: string[];
}

/**
 * The claims of a Keycloak access token (typ "Bearer"), as Keycloak 26 issues them. Every claim but
 * `exp`, `iat`, `iss` and `typ` may be absent: lightweight tokens carry no `sub`, `aud` or roles.
 *
 * Add your own mapper claims by interface merging:
 * ```ts
 * declare module '@keycloak-ts/core' {
 *   interface KeycloakAccessTokenClaims { tenant_id?: string }
 * }
 * ```
 * or pass a subtype as the verifier's type parameter.
 */
export interface KeycloakAccessTokenClaims {
  /** Expiry, epoch seconds. */
  exp: number;
  /** Issued at, epoch seconds. */
  iat: number;
  /** Not before, epoch seconds (rare in Keycloak access tokens). */
  nbf?: number;
  auth_time?: number;
  /** Token id; since Keycloak 26.2 prefixed by a context such as `onrtac:`. */
  jti?: string;
  /** The realm URL, e.g. `https://kc.example.com/realms/acme`. */
  iss: string;
  /** One audience is a string, several an array. */
  aud?: string | string[];
  sub?: string;
  /** Keycloak's token type: always `Bearer` for an access token. */
  typ: string;
  /** The client the token was issued to. */
  azp?: string;
  /** Session id (Keycloak 26 no longer writes `session_state` into tokens). */
  sid?: string;
  /** `1` for a fresh login, `0` from an SSO cookie, or a step-up level. */
  acr?: string;
  /** Space-separated scopes. */
  scope?: string;
  realm_access?: KeycloakRoles;
  resource_access?: Record<string, KeycloakRoles>;
  'allowed-origins'?: string[];
  preferred_username?: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
  /** Service-account tokens: the client id. */
  client_id?: string;
  /** RPT permissions (UMA ticket grant). */
  authorization?: { permissions?: KeycloakPermission[] };
  /** Claims added by protocol mappers. */
  [claim: string]: unknown;
}

/**
 * Keycloak's `typ` claim of the tokens a {@link TokenVerifier} can accept: `Bearer` for access tokens
 * (and RPTs), `ID` for ID tokens. Refresh, Offline and Logout tokens are never accepted: Keycloak signs
 * refresh tokens with the realm's HMAC secret, which only Keycloak holds.
 */
export type TokenType = 'Bearer' | 'ID';

/**
 * The claims of a Keycloak ID token (typ "ID"), as Keycloak 26 issues them: `aud` is the client id (a
 * string), `azp` the same client, `nonce` only when the authorization request sent one, `auth_time` on
 * browser logins, `at_hash` binding the access token issued with it. Roles are absent unless a mapper
 * adds them to the ID token.
 */
export interface KeycloakIdTokenClaims extends KeycloakAccessTokenClaims {
  /** The `nonce` of the authorization request, echoed back. */
  nonce?: string;
  /** Left half of the hash of the access token issued with this ID token, base64url. */
  at_hash?: string;
  /** When the user authenticated, epoch seconds. */
  auth_time?: number;
}

/** The protected header of a verified token. */
export interface VerifiedTokenHeader {
  alg: string;
  kid?: string;
  typ?: string;
  [parameter: string]: unknown;
}
