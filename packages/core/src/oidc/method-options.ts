/** Options of the {@link KeycloakOpenID} methods that take more than a signal; defaults are python-keycloak's. */
import type { DecodeTokenOptions } from './decode-token.js';
import type { OIDCCallOptions } from './types.js';

/** Options of {@link KeycloakOpenID.token}. */
export interface TokenOptions extends OIDCCallOptions {
  /** Default `password`; also `client_credentials`, `authorization_code`, or any grant Keycloak knows. */
  grantType?: string;
  /** The authorization code (grant `authorization_code`). */
  code?: string;
  /** The `device_code` of {@link KeycloakOpenID.device} to poll for (grant `urn:ietf:params:oauth:grant-type:device_code`). */
  deviceCode?: string;
  /** The redirect URI the code was issued for. */
  redirectUri?: string;
  /**
   * A one-time password when the user has OTP configured (Keycloak's direct-grant `totp` parameter).
   * Prefer a string: a number cannot carry the leading zeros of a code like `012345`.
   */
  totp?: string | number;
  /** Default `"openid"`, so an ID token comes back. */
  scope?: string;
  /** The PKCE verifier of the `codeChallenge` given to {@link KeycloakOpenID.authUrl}. */
  codeVerifier?: string;
  /** More form parameters (python-keycloak's `**extra`), e.g. `{ audience: 'other-client' }`. */
  extra?: Readonly<Record<string, string | readonly string[]>>;
}

/** Options of {@link KeycloakOpenID.exchangeToken} (RFC 8693 names in camelCase). */
export interface ExchangeTokenOptions extends OIDCCallOptions {
  /** The client(s) the new token is for; Keycloak's standard exchange narrows `aud` to them (the parameter repeats). */
  audience?: string | readonly string[];
  /** `requested_subject`: impersonate this user (legacy token exchange). */
  subject?: string;
  /** Default `urn:ietf:params:oauth:token-type:access_token`, none when `subjectIssuer` is set. */
  subjectTokenType?: string;
  subjectIssuer?: string;
  requestedIssuer?: string;
  /** Default `urn:ietf:params:oauth:token-type:refresh_token`, as python-keycloak. */
  requestedTokenType?: string;
  /** Default `"openid"`. */
  scope?: string;
}

/** Options of {@link KeycloakOpenID.introspect}. */
export interface IntrospectOptions extends OIDCCallOptions {
  /** The RPT to introspect when `tokenTypeHint` is `requesting_party_token`. */
  rpt?: string;
  tokenTypeHint?: string;
}

/** Options of {@link KeycloakOpenID.getPolicies} and {@link KeycloakOpenID.getPermissions}. */
export interface TokenInfoOptions extends DecodeTokenOptions {
  /** Where the token's claims come from: `introspect` (default; an inactive token throws) or `decode`. */
  methodTokenInfo?: 'introspect' | 'decode';
}

/** Options of {@link KeycloakOpenID.umaPermissions} and {@link KeycloakOpenID.hasUmaAccess}. */
export interface UMAPermissionsOptions extends OIDCCallOptions {
  /** The resource server asked (`audience`). Default: this client's id, as python-keycloak. */
  audience?: string;
  /** More form parameters (python-keycloak's `**extra_payload`), e.g. `{ claim_token: ..., claim_token_format: ... }`. */
  extraPayload?: Readonly<Record<string, string | readonly string[]>>;
}
