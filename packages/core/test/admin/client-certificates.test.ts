import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  KeycloakOpenID,
  KeycloakOperationError,
  KeycloakPostError,
  type CertificateRepresentation,
  type KeycloakAdmin,
  type UploadCertificateOptions,
} from '@keycloak-ts/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { rejectionOf, useAdminServer } from './support.js';

// A self-signed certificate and its key, made for these tests (see fixtures/client-certificate/README.md).
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/client-certificate/${name}`, import.meta.url), 'utf8');
const CERTIFICATE_PEM = fixture('cert.pem');
const PRIVATE_KEY_PEM = fixture('key.pem');
const certificateBody = new X509Certificate(CERTIFICATE_PEM).raw.toString('base64');

const kc = useAdminServer([
  {
    realm: 'demo',
    enabled: true,
    clients: [
      {
        clientId: 'signer',
        clientAuthenticatorType: 'client-jwt',
        serviceAccountsEnabled: true,
        standardFlowEnabled: false,
      },
      {
        clientId: 'keyed',
        clientAuthenticatorType: 'client-jwt',
        serviceAccountsEnabled: true,
        standardFlowEnabled: false,
      },
    ],
  },
]);

const demoAdmin = () => kc.admin({ realmName: 'demo', userRealmName: 'master' });

/** A client-credentials grant of `clientId` authenticated with an assertion signed by `privateKey`. */
async function signedIn(clientId: string, privateKey: string): Promise<string> {
  const oidc = new KeycloakOpenID({
    serverUrl: kc.server.url,
    realmName: 'demo',
    clientId,
    clientAuthMethod: 'private_key_jwt',
    privateKey,
    now: () => kc.server.clock.now(),
  });
  try {
    const tokens = await oidc.token('', '', { grantType: 'client_credentials', scope: '' });
    return tokens.token_type;
  } finally {
    await oidc.close();
  }
}

async function idOf(clientId: string): Promise<string> {
  const id = await demoAdmin().getClientId(clientId);
  if (id === undefined) throw new Error(`no client ${clientId}`);
  return id;
}

describe('KeycloakAdmin.uploadCertificate', () => {
  it('uploads a PEM certificate for signed-JWT client authentication, as python-keycloak does', async () => {
    const admin = demoAdmin();
    const id = await idOf('signer');
    const before = await rejectionOf(signedIn('signer', PRIVATE_KEY_PEM));
    expect(before).toBeInstanceOf(KeycloakPostError);
    expect(before).toMatchObject({
      status: 400,
      body: { error: 'invalid_client', error_description: 'Unable to load public key' },
    });
    await expect(admin.uploadCertificate(id, CERTIFICATE_PEM)).resolves.toEqual({ certificate: certificateBody });
    await expect(admin.getClientCertificateKeyInfo(id)).resolves.toEqual({ certificate: certificateBody });
    await expect(signedIn('signer', PRIVATE_KEY_PEM)).resolves.toBe('Bearer');
  });

  it('takes the certificate as bytes too', async () => {
    const id = await idOf('signer');
    await expect(demoAdmin().uploadCertificate(id, new TextEncoder().encode(CERTIFICATE_PEM))).resolves.toEqual({
      certificate: certificateBody,
    });
  });

  it('uploads a public key or a JWKS with keystoreFormat, under another attribute prefix with attr', async () => {
    const admin = demoAdmin();
    const id = await idOf('keyed');
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await expect(admin.uploadCertificate(id, publicPem, { keystoreFormat: 'Public Key PEM' })).resolves.toEqual({
      publicKey: publicPem,
    });
    await expect(signedIn('keyed', pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).resolves.toBe(
      'Bearer',
    );

    await expect(admin.uploadCertificate(id, CERTIFICATE_PEM, { attr: 'saml.signing' })).resolves.toEqual({
      certificate: certificateBody,
    });
    await expect(admin.getClientCertificateKeyInfo(id, 'saml.signing')).resolves.toEqual({
      certificate: certificateBody,
    });
    await expect(admin.getClientCertificateKeyInfo(id)).resolves.toEqual({ publicKey: publicPem });

    const jwk = {
      ...createPrivateKey(PRIVATE_KEY_PEM).export({ format: 'jwk' }),
      d: undefined,
      p: undefined,
      q: undefined,
      dp: undefined,
      dq: undefined,
      qi: undefined,
      kid: 'k1',
      use: 'sig',
    };
    const answer = await admin.uploadCertificate(id, JSON.stringify({ keys: [jwk] }), {
      keystoreFormat: 'JSON Web Key Set',
    });
    expect(answer).toEqual({
      publicKey: new X509Certificate(CERTIFICATE_PEM).publicKey
        .export({ type: 'spki', format: 'der' })
        .toString('base64'),
      kid: 'k1',
    });
    await expect(signedIn('keyed', PRIVATE_KEY_PEM)).resolves.toBe('Bearer');
  });

  it("fails with KeycloakPostError carrying Keycloak's status and message when the file cannot be read", async () => {
    const id = await idOf('keyed');
    const error = await rejectionOf(demoAdmin().uploadCertificate(id, 'not a certificate'));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({ code: 'ERR_HTTP', status: 400, body: { error: 'Invalid certificate PEM' } });
    const jks = await rejectionOf(
      demoAdmin().uploadCertificate(id, new Uint8Array([0xfe, 0xed]), {
        keystoreFormat: 'JKS',
        keyAlias: 'a',
        storePassword: 'pw',
      }),
    );
    expect(jks).toMatchObject({
      status: 400,
      body: { error: 'Key store format JKS is not supported by the in-memory Keycloak' },
    });
  });

  it('fails with KeycloakPostError 404 for an unknown client id', async () => {
    const error = await rejectionOf(
      demoAdmin().uploadCertificate('0f1e2d3c-0000-4000-8000-000000000000', CERTIFICATE_PEM),
    );
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({ status: 404, body: { error: 'Could not find client' } });
  });

  it('refuses content that is neither text nor bytes, and an empty client id, with ERR_OPERATION', async () => {
    const admin = demoAdmin();
    const error = await rejectionOf(admin.uploadCertificate('x', 42 as unknown as string));
    expect(error).toBeInstanceOf(KeycloakOperationError);
    expect(error).toMatchObject({
      code: 'ERR_OPERATION',
      message: 'certcont must be the certificate as a string or a Uint8Array',
    });
    await expect(admin.uploadCertificate('', CERTIFICATE_PEM)).rejects.toMatchObject({ code: 'ERR_OPERATION' });
  });

  it('fails with ERR_ABORTED when the caller aborts', async () => {
    const error = await rejectionOf(
      demoAdmin().uploadCertificate(await idOf('keyed'), CERTIFICATE_PEM, { signal: AbortSignal.abort() }),
    );
    expect(error).toMatchObject({ code: 'ERR_ABORTED' });
  });
});

describe('types of uploadCertificate', () => {
  it("takes python-keycloak's positional arguments, then options, and resolves to a CertificateRepresentation", () => {
    expectTypeOf<KeycloakAdmin['uploadCertificate']>().parameters.toEqualTypeOf<
      [string, string | Uint8Array, UploadCertificateOptions?]
    >();
    expectTypeOf<KeycloakAdmin['uploadCertificate']>().returns.resolves.toEqualTypeOf<CertificateRepresentation>();
    expectTypeOf<{ keystoreFormat: 'PEM' }>().not.toExtend<UploadCertificateOptions>();
  });
});
