/**
 * One-time passwords on the password grant: end to end against the test server's OTP step, and what
 * token() puts on the wire against a small recording server (Keycloak's direct-grant OTP step reads the
 * `totp` form parameter, and `otp` in recent versions; python-keycloak sends `totp`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeycloakAuthenticationError, KeycloakOpenID } from '@keycloak-ts/core';
import { currentOtp, startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/failure.js';

let kc: KeycloakTestServer;
let cli: KeycloakOpenID;
let server: Server;
let oidc: KeycloakOpenID;
const forms: URLSearchParams[] = [];

beforeAll(async () => {
  // The OTP credential as Keycloak exports it (secretData/credentialData JSON strings).
  const otp = {
    type: 'otp',
    secretData: JSON.stringify({ value: 'DJmQfC73VGFhw7D4QJ8A' }),
    credentialData: JSON.stringify({ digits: 6, counter: 0, period: 30, algorithm: 'HmacSHA1', subType: 'totp' }),
  };
  kc = await startKeycloak({
    realms: [
      {
        realm: 'otp',
        enabled: true,
        clients: [{ clientId: 'cli', publicClient: true, directAccessGrantsEnabled: true }],
        users: [{ username: 'carol', enabled: true, credentials: [{ type: 'password', value: 'pw' }, otp] }],
      },
    ],
  });
  cli = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'otp', clientId: 'cli' });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      forms.push(new URLSearchParams(body));
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ access_token: 'a', token_type: 'Bearer', expires_in: 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  oidc = new KeycloakOpenID({
    serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    realmName: 'demo',
    clientId: 'app',
    clientSecretKey: 'app-secret',
  });
});
afterAll(async () => {
  await Promise.all([oidc.close(), cli.close()]);
  await kc.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('token with a one-time password against the test server', () => {
  it("gets tokens with the current code of the user's authenticator", async () => {
    const tokens = await cli.token('carol', 'pw', { totp: currentOtp(kc, 'otp', 'carol') });
    expect(tokens.token_type).toBe('Bearer');
    expect((await cli.decodeToken(tokens.access_token)).preferred_username).toBe('carol');
  });

  it('refuses a missing, a wrong and a reused code with KeycloakAuthenticationError', async () => {
    kc.clock.advance(30_000); // a fresh period, so the code of the test above is not the one reused here
    const fresh = currentOtp(kc, 'otp', 'carol');
    const wrong = fresh.slice(0, 5) + String((Number(fresh.slice(5)) + 1) % 10);
    await cli.token('carol', 'pw', { totp: fresh });
    for (const totp of [undefined, wrong, fresh]) {
      const error = await failure(cli.token('carol', 'pw', { totp }));
      expect(error).toBeInstanceOf(KeycloakAuthenticationError);
      expect(error.status).toBe(400);
      expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    }
  });
});

describe('token with a one-time password, on the wire', () => {
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
