import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeycloakOpenID, type KeycloakOpenIDOptions } from '@keycloak-ts/core';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What each client authentication method puts on the wire, read by a small node:http server that
// records the token request (the OpenID Providers accept a secret posted by a basic client, so only the
// wire shows the difference).

let server: Server;
let url: string;
let last: { headers: Record<string, string | string[] | undefined>; form: URLSearchParams } | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url?.endsWith('/.well-known/openid-configuration')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            issuer: `${url}/realms/demo`,
            authorization_endpoint: 'x',
            token_endpoint: 'x',
            jwks_uri: 'x',
          }),
        );
        return;
      }
      last = { headers: req.headers, form: new URLSearchParams(body) };
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"access_token":"a","token_type":"Bearer","expires_in":60}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function tokenRequest(
  options: Partial<KeycloakOpenIDOptions>,
  clientId = 'app',
): Promise<NonNullable<typeof last>> {
  const oidc = new KeycloakOpenID({ serverUrl: url, realmName: 'demo', clientId, ...options });
  await oidc.token('', '', { grantType: 'client_credentials' });
  await oidc.close();
  return last as NonNullable<typeof last>;
}

describe('client authentication on the wire', () => {
  it('posts client_id and client_secret by default, as python-keycloak', async () => {
    const { headers, form } = await tokenRequest({ clientSecretKey: 's3cret' });
    expect(headers.authorization).toBeUndefined();
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form.get('client_id')).toBe('app');
    expect(form.get('client_secret')).toBe('s3cret');
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('openid');
    expect(form.has('username')).toBe(false);
  });

  it('sends only client_id for a public client', async () => {
    const { headers, form } = await tokenRequest({});
    expect(headers.authorization).toBeUndefined();
    expect([...form.keys()].sort()).toEqual(['client_id', 'grant_type', 'scope']);
  });

  it('sends form-urlencoded Basic credentials and no secret in the form with client_secret_basic', async () => {
    const { headers, form } = await tokenRequest(
      { clientSecretKey: 'p:w d', clientAuthMethod: 'client_secret_basic' },
      'my app',
    );
    expect(headers.authorization).toBe(`Basic ${Buffer.from('my+app:p%3Aw+d').toString('base64')}`);
    expect(form.has('client_secret')).toBe(false);
  });

  it('signs a short-lived assertion for the realm issuer with client_secret_jwt', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { form } = await tokenRequest({
      clientSecretKey: 'a-client-secret-of-at-least-32-bytes!',
      clientAuthMethod: 'client_secret_jwt',
    });
    const assertion = form.get('client_assertion') as string;
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.has('client_secret')).toBe(false);
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(assertion);
    expect(claims).toMatchObject({ iss: 'app', sub: 'app', aud: `${url}/realms/demo` });
    expect((claims.exp as number) - (claims.iat as number)).toBe(60);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(typeof claims.jti).toBe('string');
  });

  it('uses assertionAudience when given', async () => {
    const { form } = await tokenRequest({
      clientSecretKey: 'a-client-secret-of-at-least-32-bytes!',
      clientAuthMethod: 'client_secret_jwt',
      assertionAudience: 'https://kc/realms/demo/protocol/openid-connect/token',
    });
    expect(decodeJwt(form.get('client_assertion') as string).aud).toBe(
      'https://kc/realms/demo/protocol/openid-connect/token',
    );
  });
});

describe('KeycloakOpenID options', () => {
  const rsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const base = { serverUrl: 'http://127.0.0.1:1', realmName: 'demo', clientId: 'app' };
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['an empty realmName', { realmName: '' }, /"realmName"/],
    ['a missing clientId', { clientId: undefined }, /"clientId"/],
    ['an unknown clientAuthMethod', { clientAuthMethod: 'tls_client_auth' }, /"clientAuthMethod"/],
    ['client_secret_basic without a secret', { clientAuthMethod: 'client_secret_basic' }, /"clientSecretKey"/],
    ['private_key_jwt without a key', { clientAuthMethod: 'private_key_jwt' }, /"privateKey"/],
    ['an unreadable private key', { clientAuthMethod: 'private_key_jwt', privateKey: 'not a pem' }, /"privateKey"/],
    [
      'an HMAC alg for private_key_jwt',
      { clientAuthMethod: 'private_key_jwt', privateKey: rsaKey, signingAlgorithm: 'HS256' },
      /"signingAlgorithm"/,
    ],
    [
      'an RSA alg for client_secret_jwt',
      { clientAuthMethod: 'client_secret_jwt', clientSecretKey: 's', signingAlgorithm: 'RS256' },
      /"signingAlgorithm"/,
    ],
    ['a non-URL serverUrl', { serverUrl: 'not a url' }, /^serverUrl must be an absolute http\(s\) URL$/],
    ['a negative timeout', { timeout: -1 }, /"timeout"/],
    ['a proxies map with a non-string entry', { proxies: { https: 3 } }, /"proxies"/],
  ];

  it.each(bad)('refuses %s with a TypeError naming the option', (_name, override, message) => {
    expect(() => new KeycloakOpenID({ ...base, ...override } as KeycloakOpenIDOptions)).toThrow(TypeError);
    expect(() => new KeycloakOpenID({ ...base, ...override } as KeycloakOpenIDOptions)).toThrow(message);
  });

  it('never puts the secret in a TypeError message', () => {
    expect(
      () =>
        new KeycloakOpenID({
          ...base,
          clientSecretKey: 'top-secret',
          clientAuthMethod: 'client_secret_jwt',
          signingAlgorithm: 'RS256',
        }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('top-secret') as unknown }) as Error);
  });
});
