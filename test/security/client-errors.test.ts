import { KeycloakAdmin, KeycloakError, KeycloakOpenID, TokenIntrospector } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorText, expectNoSecret, tokenSecrets } from './support/secrets.js';

// The core clients' errors travel to logs and error trackers: their message, stack, body, JSON form
// and causes must hold no password, client secret or token, whatever Keycloak answered or echoed.
// Nothing may go to the console either.

const ADMIN_PASSWORD = 'admin-pass-5150';
const USER_PASSWORD = 'user-pass-8086';
const SECRET = 'client-secret-6502';
const WRONG = ['wrong-pass-1234', 'wrong-secret-4321'];

let kc: KeycloakTestServer;
let openid: KeycloakOpenID;
let tokens: { access_token: string; refresh_token: string; id_token: string };
const consoleLines: unknown[][] = [];

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args));
  }
  kc = await startKeycloak({
    bootstrapAdmin: { username: 'admin', password: ADMIN_PASSWORD },
    realms: [
      {
        realm: 'shop',
        enabled: true,
        users: [{ username: 'erin', enabled: true, credentials: [{ type: 'password', value: USER_PASSWORD }] }],
        clients: [{ clientId: 'api', secret: SECRET, directAccessGrantsEnabled: true, serviceAccountsEnabled: true }],
      },
    ],
  });
  openid = new KeycloakOpenID({
    serverUrl: kc.url,
    realmName: 'shop',
    clientId: 'api',
    clientSecretKey: SECRET,
    maxRetries: 0,
  });
  tokens = (await openid.token('erin', USER_PASSWORD, { scope: 'openid' })) as typeof tokens;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await kc?.close();
});

/** Every secret the failures could leak. */
const secrets = (): string[] =>
  [ADMIN_PASSWORD, USER_PASSWORD, SECRET, ...WRONG, tokens.access_token, tokens.refresh_token, tokens.id_token].flatMap(
    tokenSecrets,
  );

async function failure(call: () => Promise<unknown>): Promise<KeycloakError> {
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KeycloakError);
  return error as KeycloakError;
}

describe('errors of the core clients', () => {
  it.each([
    ['a wrong user password', () => openid.token('erin', WRONG[0]), 'KeycloakAuthenticationError', 400],
    [
      'a wrong client secret',
      () =>
        new KeycloakOpenID({ serverUrl: kc.url, realmName: 'shop', clientId: 'api', clientSecretKey: WRONG[1] }).token(
          'erin',
          USER_PASSWORD,
        ),
      'KeycloakAuthenticationError',
      401,
    ],
    [
      'a wrong admin password',
      () =>
        new KeycloakAdmin({
          serverUrl: kc.url,
          username: 'admin',
          password: WRONG[0],
          realmName: 'shop',
          userRealmName: 'master',
        }).getUsers(),
      'KeycloakAuthenticationError',
      400,
    ],
    [
      'an admin call with a user token (403)',
      () => new KeycloakAdmin({ serverUrl: kc.url, token: tokens.access_token, realmName: 'shop' }).getUsers(),
      'KeycloakGetError',
      403,
    ],
    [
      'an admin call with a tampered token (401)',
      () => new KeycloakAdmin({ serverUrl: kc.url, token: `${tokens.access_token}x`, realmName: 'shop' }).getUsers(),
      'KeycloakAuthenticationError',
      401,
    ],
    [
      'userinfo with a tampered token',
      () => openid.userinfo(`${tokens.access_token}x`),
      'KeycloakAuthenticationError',
      401,
    ],
    [
      'a refresh with a tampered refresh token',
      () => openid.refreshToken(`${tokens.refresh_token}x`),
      'KeycloakAuthenticationError',
      400,
    ],
    [
      'introspection with a wrong client secret',
      () =>
        new KeycloakOpenID({
          serverUrl: kc.url,
          realmName: 'shop',
          clientId: 'api',
          clientSecretKey: WRONG[1],
        }).introspect(tokens.access_token),
      'KeycloakAuthenticationError',
      401,
    ],
  ])('keeps secrets out of the error of %s', async (_name, call, name, status) => {
    const error = await failure(call);
    expect([error.name, error.status]).toEqual([name, status]);
    expectNoSecret(errorText(error), secrets(), `the error of ${_name}`);
  });

  it('redacts tokens and secrets a failing Keycloak echoes in its error body', async () => {
    kc.faults.inject('token', {
      kind: 'status',
      status: 500,
      times: 1,
      body: {
        error: 'server_error',
        error_description: `could not process ${tokens.refresh_token} for client_secret=${SECRET}`,
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token,
        client_secret: SECRET,
        credentials: [{ type: 'password', value: USER_PASSWORD }],
      },
    });
    const error = await failure(() => openid.refreshToken(tokens.refresh_token));
    expect(error.status).toBe(500);
    expect(error.body).toMatchObject({
      access_token: '[REDACTED]',
      refresh_token: '[REDACTED]',
      client_secret: '[REDACTED]',
      credentials: [{ type: 'password', value: '[REDACTED]' }],
    });
    expectNoSecret(
      errorText(error),
      [...secrets()].filter((secret) => secret !== SECRET),
      'an echoed error',
    );
    // A secret quoted inside free text has no shape to recognise; only its field is redacted.
  });

  it('keeps the token out of a TokenIntrospector failure (wrong secret, Keycloak down)', async () => {
    const issuer = `${kc.url}/realms/shop`;
    const wrong = new TokenIntrospector({ issuer, clientId: 'api', clientSecret: WRONG[1] });
    const refused = await failure(() => wrong.introspect(tokens.access_token));
    expect([refused.code, (refused as KeycloakError & { reason: string }).reason]).toEqual([
      'ERR_INVALID_TOKEN',
      'keycloak_error',
    ]);
    kc.faults.inject('introspect', { kind: 'reset', times: 1 });
    const right = new TokenIntrospector({ issuer, clientId: 'api', clientSecret: SECRET });
    const down = await failure(() => right.introspect(tokens.access_token));
    expect((down as KeycloakError & { reason: string }).reason).toBe('keycloak_unreachable');
    for (const error of [refused, down]) expectNoSecret(errorText(error), secrets(), 'an introspection failure');
  });

  it('refuses URL credentials at construction without repeating them, and reports a refused connection without secrets', async () => {
    const closed = await startKeycloak();
    const url = new URL(closed.url);
    await closed.close();
    const withCredentials = new URL(url);
    withCredentials.username = 'proxyuser';
    withCredentials.password = 'url-password-9999';
    let thrown: unknown;
    try {
      new KeycloakOpenID({ serverUrl: withCredentials.href, realmName: 'shop', clientId: 'api' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expectNoSecret(errorText(thrown), ['url-password-9999'], 'the construction error');
    const error = await failure(() =>
      new KeycloakOpenID({
        serverUrl: url.href,
        realmName: 'shop',
        clientId: 'api',
        clientSecretKey: SECRET,
        maxRetries: 0,
      }).token('erin', USER_PASSWORD),
    );
    expect(error.code).toBe('ERR_CONNECTION');
    expectNoSecret(errorText(error), secrets(), 'a connection failure');
  });

  it('wrote nothing to the console meanwhile', () => {
    expect(consoleLines).toEqual([]);
  });
});
