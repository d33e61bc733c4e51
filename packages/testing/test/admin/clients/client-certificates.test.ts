import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { selfSignedRsaCertificate } from '../../../src/keys/x509.js';
import { postWithAssertion, rsaClientKey, signAssertion } from '../../oidc/client-jwt-support.js';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let token: string;
let viewer: string;
let ids: Record<string, string>;

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pemLines = (der: Buffer, label: string) =>
  `-----BEGIN ${label}-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;
const certificateDer = (key: { privateKey: KeyObject; publicKey: KeyObject }) =>
  selfSignedRsaCertificate('uploaded', key.privateKey, key.publicKey, Date.now());
const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });
const UPLOAD = '/certificates/jwt.credential/upload-certificate';

/** POSTs a multipart form as python-keycloak does: keystoreFormat, then the file part named cert.pem. */
async function upload(
  client: string,
  keystoreFormat: string | undefined,
  content: string,
  options: { as?: string; path?: string } = {},
) {
  const form = new FormData();
  if (keystoreFormat !== undefined) form.append('keystoreFormat', keystoreFormat);
  form.append('file', new Blob([content]), 'cert.pem');
  const response = await fetch(`${kc.url}/admin/realms/jwt/clients/${ids[client] ?? client}${options.path ?? UPLOAD}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.as ?? token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** POSTs a hand-written body with the given content type. */
async function rawUpload(client: string, contentType: string, body: string) {
  const response = await fetch(`${kc.url}/admin/realms/jwt/clients/${ids[client]}${UPLOAD}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const keyInfo = async (client: string) =>
  (await adminCall(kc, 'GET', `/jwt/clients/${ids[client]}/certificates/jwt.credential`, token)).body;
const attributes = async (client: string) =>
  ((await adminCall(kc, 'GET', `/jwt/clients/${ids[client]}`, token)).body as { attributes: Record<string, string> })
    .attributes;
const NO_KEY = '400 invalid_client: Unable to load public key';
const BAD_SIGNATURE =
  '400 invalid_client: Client authentication with signed JWT failed: Signature on JWT token failed validation';

/** Client credentials with an assertion signed by `key`: "ok", or the status and error of the refusal. */
async function authenticate(client: string, key: KeyObject, kid?: string): Promise<string> {
  const assertion = await signAssertion(kc, client, key, kid === undefined ? {} : { kid });
  const { status, body } = await postWithAssertion(`${kc.url}/realms/jwt/protocol/openid-connect/token`, assertion);
  return status === 200 ? 'ok' : `${status} ${String(body['error'])}: ${String(body['error_description'])}`;
}

beforeAll(async () => {
  const confidential = {
    clientAuthenticatorType: 'client-jwt',
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
  };
  kc = await startKeycloak({
    realms: [
      {
        realm: 'jwt',
        enabled: true,
        clients: [
          { clientId: 'pem', ...confidential },
          {
            clientId: 'public-key',
            ...confidential,
            attributes: { 'jwt.credential.certificate': certificateDer(other).toString('base64') },
          },
          { clientId: 'jwks', ...confidential },
          { clientId: 'errors', ...confidential },
          { clientId: 'saml-sp', protocol: 'saml' },
        ],
      },
    ],
  });
  addAdminUser(kc, 'jwt', 'viewer', 'pw', 'realm-management', ['view-clients']);
  token = await tokenFor(kc, 'master', 'admin', 'admin');
  viewer = await tokenFor(kc, 'jwt', 'viewer', 'pw');
  const clients = (await adminCall(kc, 'GET', '/jwt/clients', token)).body as { id: string; clientId: string }[];
  ids = Object.fromEntries(clients.map((client) => [client.clientId, client.id]));
});
afterAll(() => kc.close());

describe('uploading a Certificate PEM', () => {
  it('answers the certificate without its PEM lines, stores it, and lets the matching key authenticate the client', async () => {
    const der = certificateDer(keys);
    expect(await authenticate('pem', keys.privateKey)).toBe(NO_KEY);
    expect(await upload('pem', 'Certificate PEM', pemLines(der, 'CERTIFICATE'))).toEqual({
      status: 200,
      body: { certificate: der.toString('base64') },
    });
    expect(await keyInfo('pem')).toEqual({ certificate: der.toString('base64') });
    expect(await authenticate('pem', keys.privateKey)).toBe('ok');
    expect(await authenticate('pem', other.privateKey)).toBe(BAD_SIGNATURE);
  });

  it('replaces an earlier certificate, so the old key stops working', async () => {
    await upload('pem', 'Certificate PEM', pemLines(certificateDer(other), 'CERTIFICATE'));
    expect(await authenticate('pem', other.privateKey)).toBe('ok');
    expect(await authenticate('pem', keys.privateKey)).toBe(BAD_SIGNATURE);
  });

  it('is also taken at /upload, the endpoint that shares its code path', async () => {
    const der = certificateDer(keys);
    expect(
      await upload('pem', 'Certificate PEM', pemLines(der, 'CERTIFICATE'), {
        path: '/certificates/jwt.credential/upload',
      }),
    ).toEqual({ status: 200, body: { certificate: der.toString('base64') } });
    expect(await authenticate('pem', keys.privateKey)).toBe('ok');
  });
});

describe('uploading a Public Key PEM', () => {
  it('stores the PEM as sent in place of the certificate and authenticates with a kid derived from the key', async () => {
    const pem = pemLines(spki(keys.publicKey), 'PUBLIC KEY');
    expect(await upload('public-key', 'Public Key PEM', pem)).toEqual({ status: 200, body: { publicKey: pem } });
    expect(await keyInfo('public-key')).toEqual({ publicKey: pem });
    expect(await attributes('public-key')).not.toHaveProperty(['jwt.credential.certificate']);
    expect(await authenticate('public-key', keys.privateKey)).toBe('ok');
    expect(await authenticate('public-key', keys.privateKey, 'another-kid')).toBe(NO_KEY);
    expect(await authenticate('public-key', other.privateKey)).toBe(BAD_SIGNATURE);
  });
});

describe('uploading a JSON Web Key Set', () => {
  it("keeps an OIDC client's set as its JWKS string and answers the signing key with its kid", async () => {
    const signer = rsaClientKey('sig-1');
    const jwks = JSON.stringify({ keys: [{ ...rsaClientKey('enc-1').jwk, use: 'enc' }, signer.jwk] });
    const expected = { publicKey: spki(signer.publicKey).toString('base64'), kid: 'sig-1' };
    expect(await upload('jwks', 'JSON Web Key Set', jwks)).toEqual({ status: 200, body: expected });
    expect(await attributes('jwks')).toMatchObject({ 'use.jwks.string': 'true', 'jwks.string': jwks });
    expect(await keyInfo('jwks')).toEqual(expected);
    expect(await authenticate('jwks', signer.privateKey, 'sig-1')).toBe('ok');
  });

  it('turns the JWKS string off again when a certificate is uploaded', async () => {
    await upload('jwks', 'Certificate PEM', pemLines(certificateDer(keys), 'CERTIFICATE'));
    expect(await attributes('jwks')).not.toHaveProperty(['use.jwks.string']);
    expect(await authenticate('jwks', keys.privateKey)).toBe('ok');
  });

  it("stores a SAML client's signing key as a public key attribute", async () => {
    const signer = rsaClientKey('saml-sig');
    await upload('saml-sp', 'JSON Web Key Set', JSON.stringify({ keys: [signer.jwk] }));
    expect(await attributes('saml-sp')).toMatchObject({
      'jwt.credential.public.key': spki(signer.publicKey).toString('base64'),
      'jwt.credential.kid': 'saml-sig',
    });
  });

  it.each([
    ['a set without a signing key', JSON.stringify({ keys: [{ ...rsaClientKey('x').jwk, use: 'enc' }] })],
    ['a set whose key has no use', JSON.stringify({ keys: [{ ...rsaClientKey('x').jwk, use: undefined }] })],
    ['text that is not JSON', 'not json'],
    ['JSON without keys', '{}'],
  ])('refuses %s with certificate-not-found', async (_case, content) => {
    expect(await upload('errors', 'JSON Web Key Set', content)).toEqual({
      status: 400,
      body: {
        error: 'certificate-not-found',
        error_description: 'Certificate or key with given alias not found in the keystore',
      },
    });
  });
});

describe('bad uploads', () => {
  it.each([
    ['no keystoreFormat', undefined, 'x', 'keystoreFormat cannot be null'],
    ['an empty file', 'Certificate PEM', '', 'file cannot be empty'],
    [
      'a certificate that does not parse',
      'Certificate PEM',
      '-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----',
      'Invalid certificate PEM',
    ],
    ['a public key that does not parse', 'Public Key PEM', 'bm9wZQ==', 'Invalid public key PEM'],
    ['a JKS key store', 'JKS', 'binary', 'Key store format JKS is not supported by the in-memory Keycloak'],
    ['a PKCS12 key store', 'PKCS12', 'binary', 'Key store format PKCS12 is not supported by the in-memory Keycloak'],
    ['an unknown format', 'DER', 'binary', 'error loading keystore'],
  ])('answers 400 for %s and leaves the client unchanged', async (_case, format, content, error) => {
    expect(await upload('errors', format, content)).toEqual({ status: 400, body: { error } });
    expect(await keyInfo('errors')).toEqual({});
  });

  it('answers 415 to a JSON body', async () => {
    expect(await rawUpload('errors', 'application/json', '{"keystoreFormat":"Certificate PEM"}')).toEqual({
      status: 415,
      body: { error: 'HTTP 415 Unsupported Media Type' },
    });
  });

  it.each([
    ['without a boundary', 'multipart/form-data', '--x\r\n\r\n--x--'],
    [
      'truncated before its closing delimiter',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
    ],
    [
      'with a part that is not form-data',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: attachment; name="file"\r\n\r\nabc\r\n--x--\r\n',
    ],
    [
      'with more than 64 parts',
      'multipart/form-data; boundary=x',
      `${'--x\r\nContent-Disposition: form-data; name="p"\r\n\r\nv\r\n'.repeat(65)}--x--\r\n`,
    ],
  ])('answers 400 to a multipart body %s', async (_case, contentType, body) => {
    expect(await rawUpload('errors', contentType, body)).toEqual({
      status: 400,
      body: { error: 'HTTP 400 Bad Request' },
    });
  });

  it('reads a quoted boundary, skips the preamble and unescapes field names', async () => {
    const der = certificateDer(keys).toString('base64');
    const body =
      'preamble\r\n--"b"\r\n'.replace('"b"', 'b q') +
      'Content-Disposition: form-data; name="keystoreFormat"\r\n\r\nCertificate PEM\r\n' +
      `--b q\r\nContent-Disposition: form-data; name="file"; filename="a%22b.pem"\r\nContent-Type: application/x-pem-file\r\n\r\n${der}\r\n--b q--\r\n`;
    expect(await rawUpload('errors', 'multipart/form-data; boundary="b q"', body)).toEqual({
      status: 200,
      body: { certificate: der },
    });
  });
});

describe('admin events', () => {
  it('records an upload as an ACTION on the client with what was read, not the raw form', async () => {
    expect(
      (
        await adminCall(kc, 'PUT', '/jwt/events/config', token, {
          adminEventsEnabled: true,
          adminEventsDetailsEnabled: true,
        })
      ).status,
    ).toBe(204);
    const der = certificateDer(keys).toString('base64');
    // A bare base64 body without PEM lines is read the same way.
    expect((await upload('pem', 'Certificate PEM', der)).status).toBe(200);
    const [event] = (await adminCall(kc, 'GET', '/jwt/admin-events', token)).body as Record<string, unknown>[];
    expect(event).toMatchObject({
      operationType: 'ACTION',
      resourceType: 'CLIENT',
      resourcePath: `clients/${ids['pem']}/certificates/jwt.credential/upload-certificate`,
    });
    expect(JSON.parse(String(event?.['representation']))).toEqual({ certificate: der });
  });
});

describe('access', () => {
  it('answers 401 without a token, 403 to a caller who may only view clients and 404 for an unknown client', async () => {
    const pem = pemLines(certificateDer(keys), 'CERTIFICATE');
    expect(await upload('pem', 'Certificate PEM', pem, { as: 'not-a-token' })).toEqual({
      status: 401,
      body: { error: 'HTTP 401 Unauthorized' },
    });
    expect(await upload('pem', 'Certificate PEM', pem, { as: viewer })).toEqual({
      status: 403,
      body: { error: 'HTTP 403 Forbidden' },
    });
    expect(await upload('0f1e2d3c-0000-4000-8000-000000000000', 'Certificate PEM', pem)).toEqual({
      status: 404,
      body: { error: 'Could not find client' },
    });
  });
});
