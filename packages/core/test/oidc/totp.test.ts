/**
 * What token() puts on the wire for a one-time password. Until the test server knows OTP credentials this
 * is checked at the transport level against a small recording server: Keycloak's direct-grant OTP step
 * reads the `totp` form parameter (and `otp` in recent versions), python-keycloak sends `totp`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeycloakOpenID } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Server;
let oidc: KeycloakOpenID;
const forms: URLSearchParams[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      forms.push(new URLSearchParams(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'a', token_type: 'Bearer', expires_in: 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  oidc = new KeycloakOpenID({ serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, realmName: 'demo', clientId: 'app', clientSecretKey: 'app-secret' });
});
afterAll(async () => {
  await oidc.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('token with a one-time password', () => {
  it('sends the code as the totp form parameter of the password grant, numbers as their digits', async () => {
    await oidc.token('alice', 'wonder', { totp: 123456 });
    const form = forms.at(-1);
    expect(form?.get('grant_type')).toBe('password');
    expect(form?.get('username')).toBe('alice');
    expect(form?.getAll('totp')).toEqual(['123456']);
  });

  it('keeps a leading zero of a string code and lets the named option win over extra', async () => {
    await oidc.token('alice', 'wonder', { totp: '012345', extra: { totp: '999999' } });
    expect(forms.at(-1)?.getAll('totp')).toEqual(['012345']);
  });

  it('sends no totp parameter when none is given', async () => {
    await oidc.token('alice', 'wonder');
    expect(forms.at(-1)?.has('totp')).toBe(false);
  });
});
