import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readForms, startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm, postForm } from '../support.js';
import { get, post } from './browser-support.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
let kc: KeycloakTestServer;
let issuer: string;
let deviceUrl: string;
let tokenUrl: string;

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      {
        ...demoRealm,
        clients: [
          ...(demoRealm.clients ?? []),
          { clientId: 'tv', publicClient: true, attributes: { 'oauth2.device.authorization.grant.enabled': 'true' } },
        ],
      },
    ],
  });
  issuer = `${kc.url}/realms/demo`;
  deviceUrl = `${issuer}/protocol/openid-connect/auth/device`;
  tokenUrl = `${issuer}/protocol/openid-connect/token`;
});
afterAll(() => kc.close());

async function startDevice(): Promise<Record<string, unknown>> {
  const { status, body } = await postForm(deviceUrl, { client_id: 'tv', scope: 'openid' });
  expect(status).toBe(200);
  return body;
}

// The person's side: open verification_uri_complete, log in, land on the status page.
async function approveInBrowser(complete: string, extra: Record<string, string> = {}): Promise<Response> {
  const page = await get(complete);
  return post(readForms(await page.text(), complete)[0]?.action ?? '', {
    username: 'alice',
    password: 'wonder',
    ...extra,
  });
}

describe('device authorization grant', () => {
  it('answers the device request with RFC 8628 fields', async () => {
    const body = await startDevice();
    expect(Object.keys(body)).toEqual([
      'device_code',
      'user_code',
      'verification_uri',
      'verification_uri_complete',
      'expires_in',
      'interval',
    ]);
    expect(body['user_code']).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(body['verification_uri']).toBe(`${issuer}/device`);
    expect(body['verification_uri_complete']).toBe(`${issuer}/device?user_code=${String(body['user_code'])}`);
    expect(body).toMatchObject({ expires_in: 600, interval: 5 });
  });

  it('refuses clients without the device grant enabled', async () => {
    const { status, body } = await postForm(deviceUrl, { client_id: 'web' });
    expect(status).toBe(400);
    expect(body).toEqual({
      error: 'unauthorized_client',
      error_description:
        'Client is not allowed to initiate OAuth 2.0 Device Authorization Grant. The flow is disabled for the client.',
    });
  });

  it('answers pending, slow_down, then tokens once the user approves in the browser', async () => {
    const device = await startDevice();
    const poll = () =>
      postForm(tokenUrl, { grant_type: GRANT, client_id: 'tv', device_code: String(device['device_code']) });
    expect((await poll()).body).toEqual({
      error: 'authorization_pending',
      error_description: 'The authorization request is still pending',
    });
    expect((await poll()).body).toEqual({ error: 'slow_down', error_description: 'Slow down' });
    const approved = await approveInBrowser(String(device['verification_uri_complete']));
    expect(approved.status).toBe(302);
    expect(approved.headers.get('location')).toBe(`${issuer}/device/status`);
    kc.clock.advance(5_000);
    const tokens = await poll();
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', scope: expect.stringContaining('openid') });
    expect((await poll()).body).toEqual({ error: 'invalid_grant', error_description: 'Device code not valid' });
  });

  it('answers access_denied when the user cancels', async () => {
    const device = await startDevice();
    const denied = await approveInBrowser(String(device['verification_uri_complete']), { cancel: 'on' });
    expect(denied.headers.get('location')).toBe(`${issuer}/device/status?error=access_denied`);
    const answer = await postForm(tokenUrl, {
      grant_type: GRANT,
      client_id: 'tv',
      device_code: String(device['device_code']),
    });
    expect(answer.body).toEqual({
      error: 'access_denied',
      error_description: 'The end user denied the authorization request',
    });
  });

  it('answers expired_token after expires_in', async () => {
    const device = await startDevice();
    kc.clock.advance(601_000);
    const answer = await postForm(tokenUrl, {
      grant_type: GRANT,
      client_id: 'tv',
      device_code: String(device['device_code']),
    });
    kc.clock.advance(-601_000);
    expect(answer.body).toEqual({ error: 'expired_token', error_description: 'Device code is expired' });
  });

  it('answers a missing device_code and an unknown user code', async () => {
    expect((await postForm(tokenUrl, { grant_type: GRANT, client_id: 'tv' })).body).toEqual({
      error: 'invalid_request',
      error_description: 'Missing parameter: device_code',
    });
    const page = await post(`${issuer}/device`, { device_user_code: 'ZZZZ-ZZZZ' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Invalid code, please try again.');
  });

  it('accepts the user code typed on the verification page in lower case without the dash', async () => {
    const device = await startDevice();
    const typed = String(device['user_code']).replace('-', '').toLowerCase();
    const login = await post(`${issuer}/device`, { device_user_code: typed });
    const done = await post(readForms(await login.text(), `${issuer}/device`)[0]?.action ?? '', {
      username: 'alice',
      password: 'wonder',
    });
    expect(done.headers.get('location')).toBe(`${issuer}/device/status`);
    expect(await (await get(`${issuer}/device/status`)).text()).toContain('Device Login Successful');
  });
});
