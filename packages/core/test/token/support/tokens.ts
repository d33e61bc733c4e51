import { signRaw, type TestKey } from './keys.js';

/**
 * Claims of a Keycloak 26 access token (authorization-code grant, confidential client), shaped after
 * the shared Keycloak 26 sample `tokens-kc26.json` `access_token_authorization_code_confidential_client`.
 */
export function accessTokenClaims(issuer: string, nowMs: number): Record<string, unknown> {
  const iat = Math.floor(nowMs / 1000);
  return {
    exp: iat + 300,
    iat,
    auth_time: iat - 10,
    jti: 'onrtac:0d7d5c1e-5d0b-4f3c-9a57-8a3c2b1e0f11',
    iss: issuer,
    // my-app's Audience mapper names the app itself, as guards (clientId my-app) require by default.
    aud: ['my-app', 'account'],
    sub: '9c4f8b1e-3a2d-4e5f-8a6b-7c1d2e3f4a5b',
    typ: 'Bearer',
    azp: 'my-app',
    sid: '4b7e2f1a-6c3d-4e8f-9a0b-1c2d3e4f5a6b',
    acr: '1',
    'allowed-origins': ['http://localhost:3000'],
    realm_access: { roles: ['default-roles-myrealm', 'offline_access', 'uma_authorization', 'user'] },
    resource_access: { account: { roles: ['manage-account', 'manage-account-links', 'view-profile'] } },
    scope: 'openid email profile',
    email_verified: true,
    name: 'Alice Liddell',
    preferred_username: 'alice',
    given_name: 'Alice',
    family_name: 'Liddell',
    email: 'alice@example.com',
  };
}

/** Keycloak's JWSBuilder writes the header by hand, with spaces around ':' for typ and kid. */
export function keycloakHeaderText(key: TestKey): string {
  return `{"alg":"${key.alg}","typ" : "JWT","kid" : "${key.kid}"}`;
}

/**
 * Signs an access token as Keycloak would; `claims` entries override (undefined removes a claim),
 * `header` replaces the header object when given.
 */
export function signAccessToken(
  key: TestKey,
  issuer: string,
  nowMs: number,
  claims: Record<string, unknown> = {},
  header?: Record<string, unknown>,
): string {
  const payload: Record<string, unknown> = { ...accessTokenClaims(issuer, nowMs), ...claims };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete payload[name];
  const headerText = header === undefined ? keycloakHeaderText(key) : JSON.stringify(header);
  return signRaw(headerText, JSON.stringify(payload), key);
}
