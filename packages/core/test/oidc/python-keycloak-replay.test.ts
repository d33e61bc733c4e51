/**
 * The expectations of python-keycloak's own suite for KeycloakOpenID (tests/test_keycloak_openid.py,
 * marcospereirampj/python-keycloak), replayed against the in-memory Keycloak with our names. Where
 * python-keycloak returns `{}` we return undefined; where its URL is unencoded ours is encoded.
 * The UMA expectations are replayed in uma.test.ts.
 */
import { Authorization, KeycloakAuthenticationError, KeycloakConnection, KeycloakOpenID } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/failure.js';
// `app` introspects its own tokens: Keycloak 26.6.2+ wants it in their aud (an Audience mapper naming itself).
import { selfAudienceRealm } from './support/realm.js';

// python-keycloak's test_well_known list: every key Keycloak 26 publishes that it checks for.
const WELL_KNOWN_KEYS =
  `acr_values_supported authorization_encryption_alg_values_supported authorization_encryption_enc_values_supported
authorization_endpoint authorization_signing_alg_values_supported backchannel_authentication_endpoint
backchannel_authentication_request_signing_alg_values_supported backchannel_logout_session_supported backchannel_logout_supported
backchannel_token_delivery_modes_supported check_session_iframe claim_types_supported claims_parameter_supported claims_supported
code_challenge_methods_supported device_authorization_endpoint end_session_endpoint frontchannel_logout_session_supported
frontchannel_logout_supported grant_types_supported id_token_encryption_alg_values_supported id_token_encryption_enc_values_supported
id_token_signing_alg_values_supported introspection_endpoint introspection_endpoint_auth_methods_supported
introspection_endpoint_auth_signing_alg_values_supported issuer jwks_uri mtls_endpoint_aliases pushed_authorization_request_endpoint
registration_endpoint request_object_encryption_alg_values_supported request_object_encryption_enc_values_supported
request_object_signing_alg_values_supported request_parameter_supported request_uri_parameter_supported
require_pushed_authorization_requests require_request_uri_registration response_modes_supported response_types_supported
revocation_endpoint revocation_endpoint_auth_methods_supported revocation_endpoint_auth_signing_alg_values_supported scopes_supported
subject_types_supported tls_client_certificate_bound_access_tokens token_endpoint token_endpoint_auth_methods_supported
token_endpoint_auth_signing_alg_values_supported userinfo_encryption_alg_values_supported userinfo_encryption_enc_values_supported
userinfo_endpoint userinfo_signing_alg_values_supported`.split(/\s+/);

// python-keycloak's test_token: exactly these fields, `not-before-policy` 0 and `token_type` Bearer.
const TOKEN_FIELDS = [
  'access_token',
  'expires_in',
  'id_token',
  'not-before-policy',
  'refresh_expires_in',
  'refresh_token',
  'scope',
  'session_state',
  'token_type',
];

let kc: KeycloakTestServer;
let oid: KeycloakOpenID;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [selfAudienceRealm] });
  oid = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'app', clientSecretKey: 'app-secret' });
});
afterAll(async () => {
  await oid.close();
  await kc.close();
});

describe('python-keycloak test_keycloak_openid, replayed', () => {
  it('test_keycloak_openid_init: exposes the client id, the realm, the connection and an empty authorization', async () => {
    const admin = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'master', clientId: 'admin-cli' });
    expect(admin.clientId).toBe('admin-cli');
    expect(admin.realmName).toBe('master');
    expect(admin.connection).toBeInstanceOf(KeycloakConnection);
    expect(admin.authorization).toBeInstanceOf(Authorization);
    expect(admin.authorization.policies.size).toBe(0);
    await admin.close();
  });

  it('test_well_known: the discovery document has every key python-keycloak checks', async () => {
    const document = await oid.wellKnown();
    expect(Object.keys(document)).toEqual(expect.arrayContaining(WELL_KNOWN_KEYS));
  });

  it('test_auth_url: client_id, response_type=code, redirect_uri, scope=email and an empty state, encoded', async () => {
    expect(await oid.authUrl('http://test.test/*')).toBe(
      `${kc.url}/realms/demo/protocol/openid-connect/auth?client_id=app&response_type=code&redirect_uri=http%3A%2F%2Ftest.test%2F*&scope=email&state=&nonce=`,
    );
  });

  it("test_token: a password grant answers exactly python-keycloak's fields, with a dummy totp and an extra param too", async () => {
    for (const options of [{}, { totp: '123456' }, { extra: { extra_param: 'foo' } }]) {
      const token = await oid.token('alice', 'wonder', options);
      expect(Object.keys(token).sort()).toEqual(TOKEN_FIELDS);
      expect(token['not-before-policy']).toBe(0);
      expect(token.token_type).toBe('Bearer');
    }
  });

  it('test_logout: logout answers nothing and the access token stops working at userinfo', async () => {
    const token = await oid.token('alice', 'wonder');
    expect(await oid.userinfo(token.access_token)).not.toEqual({});
    expect(await oid.logout(token.refresh_token ?? '')).toBeUndefined();
    const error = await failure(oid.userinfo(token.access_token));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
  });

  it('test_userinfo (from test_exchange_token): the standard profile claims of the user', async () => {
    const token = await oid.token('alice', 'wonder');
    expect(await oid.userinfo(token.access_token)).toEqual({
      sub: expect.any(String),
      email: 'alice@example.com',
      email_verified: false,
      family_name: 'Liddell',
      given_name: 'Alice',
      name: 'Alice Liddell',
      preferred_username: 'alice',
    });
  });

  it('test_certs: the realm publishes two keys, one to sign and one to encrypt', async () => {
    const { keys } = await oid.certs();
    expect(keys).toHaveLength(2);
    expect(keys.map((key) => key.use).sort()).toEqual(['enc', 'sig']);
  });

  it('test_public_key: the realm has a public key', async () => {
    expect(await oid.publicKey()).toMatch(/^MII/);
  });

  it('test_introspect: active for the access token, inactive for an RPT "some", and an RPT hint needs an rpt', async () => {
    const token = await oid.token('alice', 'wonder');
    expect((await oid.introspect(token.access_token)).active).toBe(true);
    expect(await oid.introspect(token.access_token, { rpt: 'some', tokenTypeHint: 'requesting_party_token' })).toEqual({
      active: false,
    });
    expect((await failure(oid.introspect(token.access_token, { tokenTypeHint: 'requesting_party_token' }))).name).toBe(
      'KeycloakRPTNotFound',
    );
  });

  it('test_decode_token: validated and unvalidated decodes agree; the refresh token is typ Refresh', async () => {
    const token = await oid.token('alice', 'wonder');
    const validated = await oid.decodeToken(token.access_token);
    expect(validated).toEqual(await oid.decodeToken(token.access_token, { validate: false }));
    expect(validated.preferred_username).toBe('alice');
    expect((await oid.decodeToken<{ typ: string }>(token.refresh_token ?? '', { validate: false })).typ).toBe(
      'Refresh',
    );
  });

  it('test_decode_token on the ID token: it validates as in python-keycloak, the refresh token only decodes', async () => {
    const token = await oid.token('alice', 'wonder');
    const validated = await oid.decodeToken(token.id_token ?? '');
    expect(validated).toEqual(await oid.decodeToken(token.id_token ?? '', { validate: false }));
    expect(validated).toMatchObject({ typ: 'ID', preferred_username: 'alice' });
    await expect(oid.decodeToken(token.refresh_token ?? '')).rejects.toMatchObject({
      name: 'KeycloakInvalidTokenError',
      reason: 'wrong_token_type',
    });
  });

  it('test_get_policies and test_get_permissions: a logged-out token is refused as invalid', async () => {
    await oid.loadAuthorizationConfig({
      policies: [{ name: 'Readers', type: 'role', logic: 'POSITIVE', config: { roles: '[{"id":"app/reader"}]' } }],
    });
    const token = await oid.token('alice', 'wonder');
    expect((await oid.getPolicies(token.access_token))?.map((policy) => policy.name)).toEqual(['Readers']);
    await oid.logout(token.refresh_token ?? '');
    await expect(oid.getPolicies(token.access_token)).rejects.toMatchObject({
      name: 'KeycloakInvalidTokenError',
      code: 'ERR_INVALID_TOKEN',
    });
    await expect(oid.getPermissions(token.access_token)).rejects.toMatchObject({
      name: 'KeycloakInvalidTokenError',
      code: 'ERR_INVALID_TOKEN',
    });
  });

  it('test_entitlement: the removed entitlement API raises KeycloakDeprecationError', async () => {
    const token = await oid.token('alice', 'wonder');
    expect((await failure(oid.entitlement(token.access_token, 'resource-server-id'))).name).toBe(
      'KeycloakDeprecationError',
    );
  });
});
