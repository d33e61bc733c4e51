import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { selfSignedRsaCertificate } from '../../src/keys/x509.js';
import { postForm } from '../support.js';
import { JWT_BEARER, postWithAssertion, rsaClientKey, signAssertion } from './client-jwt-support.js';

const HMAC_SECRET = 'a-client-secret-long-enough-for-hs512-signatures-0123456789abcdef';
const signer = rsaClientKey('signer-key');
const stranger = rsaClientKey('signer-key');
const certKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ecKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const hmacKey = new TextEncoder().encode(HMAC_SECRET);

let kc: KeycloakTestServer;
let jwksServer: Server;
let jwksRequests = 0;
let oidc: string;
let tokenUrl: string;

const failure = (status: number, error: string, description: string) => ({
  status,
  body: { error, error_description: description },
});
const outcome = (r: { status: number; body: unknown }) => ({ status: r.status, body: r.body });

beforeAll(async () => {
  jwksServer = createServer((_req, res) => {
    jwksRequests += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [{ ...ecKeys.publicKey.export({ format: 'jwk' }), kid: 'ec-1', use: 'sig' }] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
  const certificate = selfSignedRsaCertificate(
    'cert-client',
    certKeys.privateKey,
    certKeys.publicKey,
    Date.now(),
  ).toString('base64');
  const confidential = { serviceAccountsEnabled: true, standardFlowEnabled: false };
  kc = await startKeycloak({
    realms: [
      {
        realm: 'jwt',
        enabled: true,
        clients: [
          {
            clientId: 'signer',
            clientAuthenticatorType: 'client-jwt',
            secret: 'unused-secret',
            ...confidential,
            attributes: { 'use.jwks.string': 'true', 'jwks.string': JSON.stringify({ keys: [signer.jwk] }) },
            // Introspection answers a token active only to a client in its aud (Keycloak 26.6.2+): `signer`
            // introspects its own service-account token below, so it names itself.
            protocolMappers: [
              {
                name: 'self-audience',
                protocol: 'openid-connect',
                protocolMapper: 'oidc-audience-mapper',
                config: { 'included.client.audience': 'signer', 'access.token.claim': 'true' },
              },
            ],
          },
          {
            clientId: 'hmac',
            clientAuthenticatorType: 'client-secret-jwt',
            secret: HMAC_SECRET,
            ...confidential,
            attributes: { 'oauth2.device.authorization.grant.enabled': 'true' },
          },
          {
            clientId: 'remote',
            clientAuthenticatorType: 'client-jwt',
            ...confidential,
            attributes: { 'use.jwks.url': 'true', 'jwks.url': jwksUrl },
          },
          {
            clientId: 'cert',
            clientAuthenticatorType: 'client-jwt',
            ...confidential,
            attributes: { 'jwt.credential.certificate': certificate },
          },
          {
            clientId: 'pinned',
            clientAuthenticatorType: 'client-jwt',
            ...confidential,
            attributes: {
              'use.jwks.string': 'true',
              'jwks.string': JSON.stringify({ keys: [signer.jwk] }),
              'token.endpoint.auth.signing.alg': 'PS256',
            },
          },
          { clientId: 'app', secret: 'app-secret', ...confidential },
        ],
      },
    ],
  });
  oidc = `${kc.url}/realms/jwt/protocol/openid-connect`;
  tokenUrl = `${oidc}/token`;
});
afterAll(async () => {
  await kc.close();
  await new Promise((resolve) => jwksServer.close(resolve));
});

async function clientCredentials(
  clientId: string,
  key: KeyObject | Uint8Array,
  options: Parameters<typeof signAssertion>[3] = {},
) {
  return postWithAssertion(tokenUrl, await signAssertion(kc, clientId, key, options));
}

describe('discovery', () => {
  it('advertises private_key_jwt and client_secret_jwt for the token, introspection and revocation endpoints', async () => {
    const doc = (await (await fetch(`${kc.url}/realms/jwt/.well-known/openid-configuration`)).json()) as Record<
      string,
      string[]
    >;
    for (const field of [
      'token_endpoint_auth_methods_supported',
      'introspection_endpoint_auth_methods_supported',
      'revocation_endpoint_auth_methods_supported',
    ]) {
      expect(doc[field]).toEqual(expect.arrayContaining(['private_key_jwt', 'client_secret_jwt']));
    }
  });
});

describe('private_key_jwt (client-jwt)', () => {
  it('authenticates a client with a key from jwks.string and issues a service-account token for it', async () => {
    const { status, body } = await clientCredentials('signer', signer.privateKey, { kid: 'signer-key' });
    expect(status).toBe(200);
    expect(decodeJwt(String(body['access_token']))).toMatchObject({
      azp: 'signer',
      preferred_username: 'service-account-signer',
    });
  });

  it('fetches the key from jwks.url and matches it by kid', async () => {
    const before = jwksRequests;
    const { status } = await clientCredentials('remote', ecKeys.privateKey, { alg: 'ES256', kid: 'ec-1' });
    expect(status).toBe(200);
    expect(jwksRequests).toBe(before + 1);
    expect(outcome(await clientCredentials('remote', ecKeys.privateKey, { alg: 'ES256', kid: 'other' }))).toEqual(
      failure(400, 'invalid_client', 'Unable to load public key'),
    );
  });

  it('verifies with the jwt.credential.certificate key, with no kid or with the kid Keycloak derives from it', async () => {
    expect((await clientCredentials('cert', certKeys.privateKey)).status).toBe(200);
    const derivedKid = createHash('sha256')
      .update(certKeys.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64url');
    expect((await clientCredentials('cert', certKeys.privateKey, { kid: derivedKid })).status).toBe(200);
    expect(outcome(await clientCredentials('cert', certKeys.privateKey, { kid: 'not-the-derived-kid' }))).toEqual(
      failure(400, 'invalid_client', 'Unable to load public key'),
    );
  });

  it('accepts the token endpoint URL as audience as well as the issuer', async () => {
    expect((await clientCredentials('signer', signer.privateKey, { claims: { aud: tokenUrl } })).status).toBe(200);
    expect(
      (await clientCredentials('signer', signer.privateKey, { claims: { aud: [`${oidc}/token/introspect`] } })).status,
    ).toBe(200);
  });

  it('rejects a signature by another key with the authenticator failure message', async () => {
    expect(outcome(await clientCredentials('signer', stranger.privateKey, { kid: 'signer-key' }))).toEqual(
      failure(
        400,
        'invalid_client',
        'Client authentication with signed JWT failed: Signature on JWT token failed validation',
      ),
    );
  });

  it('refuses the client secret of a client-jwt client, however it is sent', async () => {
    const posted = await postForm(tokenUrl, {
      grant_type: 'client_credentials',
      client_id: 'signer',
      client_secret: 'unused-secret',
    });
    expect(outcome(posted)).toEqual(failure(400, 'invalid_client', 'Parameter client_assertion_type is missing'));
    const hs = await clientCredentials('signer', new TextEncoder().encode('unused-secret-padded-to-32-bytes!'), {
      alg: 'HS256',
    });
    expect(outcome(hs)).toEqual(failure(400, 'invalid_client', 'Invalid signature algorithm'));
  });

  it('holds the client to its token.endpoint.auth.signing.alg', async () => {
    expect(outcome(await clientCredentials('pinned', signer.privateKey))).toEqual(
      failure(400, 'invalid_client', 'Invalid signature algorithm'),
    );
  });
});

describe('client_secret_jwt (client-secret-jwt)', () => {
  it('authenticates HS256 and HS512 assertions signed with the client secret', async () => {
    for (const alg of ['HS256', 'HS512']) {
      const { status, body } = await clientCredentials('hmac', hmacKey, { alg });
      expect(status).toBe(200);
      expect(decodeJwt(String(body['access_token']))['azp']).toBe('hmac');
    }
  });

  it('answers unauthorized_client for a wrong secret, as JWTClientSecretAuthenticator does', async () => {
    expect(
      outcome(
        await clientCredentials('hmac', new TextEncoder().encode('a-wrong-secret-of-a-sufficient-length-0123'), {
          alg: 'HS256',
        }),
      ),
    ).toEqual(
      failure(
        400,
        'unauthorized_client',
        'Client authentication with client secret signed JWT failed: Signature on JWT token by client secret failed validation',
      ),
    );
  });

  it('refuses client_secret_post for a client-secret-jwt client', async () => {
    const posted = await postForm(tokenUrl, {
      grant_type: 'client_credentials',
      client_id: 'hmac',
      client_secret: HMAC_SECRET,
    });
    expect(outcome(posted)).toEqual(failure(400, 'invalid_client', 'Parameter client_assertion_type is missing'));
  });
});

describe('assertion checks', () => {
  it('rejects a replayed jti with "Token reuse detected"', async () => {
    const assertion = await signAssertion(kc, 'signer', signer.privateKey);
    expect((await postWithAssertion(tokenUrl, assertion)).status).toBe(200);
    expect(outcome(await postWithAssertion(tokenUrl, assertion))).toEqual(
      failure(400, 'invalid_client', 'Token reuse detected'),
    );
  });

  it.each([
    ['no exp', { exp: undefined }, 'Token exp claim is required'],
    ['no jti', { jti: undefined }, 'Token jti claim is required'],
    ['an expired exp', { exp: -100 }, 'Token is not active'],
    ['a future nbf', { nbf: 100 }, 'Token is not active'],
    ['an iat in the future', { iat: 60 }, 'Token was issued in the future'],
    [
      'an iat older than the 60 s max exp',
      { iat: -61, exp: 30 },
      'Token was issued too far in the past to be used now',
    ],
    [
      'no iat and an exp beyond 60 s',
      { iat: undefined, exp: 120 },
      'Token expiration is too far in the future and iat claim not present in token',
    ],
  ])('rejects an assertion with %s', async (_name, relative, message) => {
    const now = Math.floor(kc.clock.now() / 1000);
    const claims = Object.fromEntries(
      Object.entries(relative).map(([k, v]) => [k, v === undefined ? undefined : now + v]),
    );
    expect(outcome(await clientCredentials('signer', signer.privateKey, { claims }))).toEqual(
      failure(400, 'invalid_client', message),
    );
  });

  it('judges lifetime on the server clock: an assertion past its exp is refused even inside the 15 s skew', async () => {
    const early = await signAssertion(kc, 'signer', signer.privateKey);
    const late = await signAssertion(kc, 'signer', signer.privateKey);
    kc.clock.advance(29_000);
    try {
      expect((await postWithAssertion(tokenUrl, early)).status).toBe(200);
      kc.clock.advance(2_000);
      expect(outcome(await postWithAssertion(tokenUrl, late))).toEqual(
        failure(400, 'invalid_client', 'Token is not active'),
      );
    } finally {
      kc.clock.advance(-31_000);
    }
  });

  it('tolerates an nbf up to 15 s ahead', async () => {
    const now = Math.floor(kc.clock.now() / 1000);
    expect((await clientCredentials('signer', signer.privateKey, { claims: { nbf: now + 10 } })).status).toBe(200);
  });

  it('rejects a foreign audience and more than one audience', async () => {
    expect(
      outcome(
        await clientCredentials('signer', signer.privateKey, {
          claims: { aud: 'https://elsewhere.example/realms/jwt' },
        }),
      ),
    ).toEqual(failure(400, 'invalid_client', 'Invalid token audience'));
    expect(
      outcome(
        await clientCredentials('signer', signer.privateKey, {
          claims: { aud: [tokenUrl, 'https://elsewhere.example'] },
        }),
      ),
    ).toEqual(failure(400, 'invalid_client', 'Multiple audiences not allowed'));
  });

  it('checks the assertion type and the client_id parameter against sub', async () => {
    const assertion = await signAssertion(kc, 'signer', signer.privateKey);
    const wrongType = await postForm(tokenUrl, {
      grant_type: 'client_credentials',
      client_assertion_type: 'jwt',
      client_assertion: assertion,
    });
    expect(outcome(wrongType)).toEqual(
      failure(400, 'invalid_client', `Parameter client_assertion_type has value 'jwt' but expected is '${JWT_BEARER}'`),
    );
    const noType = await postForm(tokenUrl, { grant_type: 'client_credentials', client_assertion: assertion });
    expect(outcome(noType)).toEqual(failure(400, 'invalid_client', 'Parameter client_assertion_type is missing'));
    const noAssertion = await postForm(tokenUrl, {
      grant_type: 'client_credentials',
      client_id: 'signer',
      client_assertion_type: JWT_BEARER,
    });
    expect(outcome(noAssertion)).toEqual(failure(400, 'invalid_client', 'client_assertion parameter missing'));
    const mismatch = await postWithAssertion(tokenUrl, await signAssertion(kc, 'signer', signer.privateKey), {
      grant_type: 'client_credentials',
      client_id: 'cert',
    });
    expect(outcome(mismatch)).toEqual(failure(400, 'invalid_client', 'client_id parameter does not match sub claim'));
  });

  it('does not authenticate anyone from a third-party assertion, an unknown client or a secret client', async () => {
    const unknown = failure(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    expect(outcome(await clientCredentials('signer', signer.privateKey, { claims: { iss: 'someone-else' } }))).toEqual(
      unknown,
    );
    expect(outcome(await clientCredentials('nobody', signer.privateKey))).toEqual(unknown);
    expect(outcome(await clientCredentials('app', signer.privateKey))).toEqual(unknown);
  });

  it('asks for client_id when the assertion cannot be read and no client is named', async () => {
    expect(outcome(await postWithAssertion(tokenUrl, 'not.a-jwt'))).toEqual(
      failure(400, 'invalid_client', 'Missing client_id parameter'),
    );
  });

  it('reports an unparsable assertion of a named client-jwt client as a failed authentication', async () => {
    const result = await postWithAssertion(tokenUrl, 'garbage', {
      grant_type: 'client_credentials',
      client_id: 'signer',
    });
    expect(outcome(result)).toEqual(
      failure(400, 'invalid_client', 'Client authentication with signed JWT failed: Parsing error'),
    );
  });
});

describe('other endpoints', () => {
  it('authenticates introspection, revocation and logout callers by assertion', async () => {
    const login = await clientCredentials('signer', signer.privateKey);
    const token = String(login.body['access_token']);
    const introspected = await postWithAssertion(
      `${oidc}/token/introspect`,
      await signAssertion(kc, 'signer', signer.privateKey),
      { token },
    );
    expect(introspected.body).toMatchObject({ active: true, client_id: 'signer' });
    const revoked = await postWithAssertion(`${oidc}/revoke`, await signAssertion(kc, 'signer', signer.privateKey), {
      token,
    });
    expect(revoked.status).toBe(200);
    const after = await postWithAssertion(
      `${oidc}/token/introspect`,
      await signAssertion(kc, 'signer', signer.privateKey),
      { token },
    );
    expect(after.body).toEqual({ active: false });
    const logout = await postWithAssertion(
      `${oidc}/logout`,
      await signAssertion(kc, 'hmac', hmacKey, { alg: 'HS256' }),
      { refresh_token: 'x.y.z' },
    );
    expect(outcome(logout)).toEqual(failure(400, 'invalid_grant', 'Invalid refresh token'));
  });

  it('authenticates the device authorization request by assertion', async () => {
    const device = await postWithAssertion(
      `${oidc}/auth/device`,
      await signAssertion(kc, 'hmac', hmacKey, { alg: 'HS384', claims: { jti: randomUUID() } }),
      {},
    );
    expect(device.status).toBe(200);
    expect(device.body['device_code']).toEqual(expect.any(String));
  });
});
