import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BrowserLoginError,
  browserLogin,
  type CookieJar,
  silentLogin,
  type KeycloakTestServer,
} from '@keycloak-ts/testing';
import { demoAuthUrl, startBrowserServer } from './support.js';

let kc: KeycloakTestServer;

beforeAll(async () => {
  kc = await startBrowserServer();
});
afterAll(() => kc.close());

const authUrl = (params: Record<string, string> = {}): string => demoAuthUrl(kc, params);

async function failure(promise: Promise<unknown>): Promise<BrowserLoginError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof BrowserLoginError)) throw new Error(`expected a BrowserLoginError, got ${String(error)}`);
  return error;
}

describe('browserLogin failures', () => {
  it("answers a wrong password with ERR_LOGIN_REJECTED and the form's message, never the password", async () => {
    const password = 'not-wonder-9f3k';
    const error = await failure(browserLogin(authUrl(), { username: 'alice', password }));
    expect(error).toMatchObject({
      code: 'ERR_LOGIN_REJECTED',
      status: 200,
      pageMessage: 'Invalid username or password.',
    });
    expect(error.message).toBe('the login form refused the credentials: Invalid username or password.');
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(password);
  });

  it('answers a user with required actions with Keycloak\'s "Account is not fully set up"', async () => {
    const error = await failure(browserLogin(authUrl(), { username: 'bob', password: 'builder' }));
    expect(error).toMatchObject({ code: 'ERR_LOGIN_REJECTED', pageMessage: 'Account is not fully set up' });
  });

  it("answers an unknown client with ERR_LOGIN_ERROR_PAGE and the page's message", async () => {
    const error = await failure(
      browserLogin(authUrl({ client_id: 'ghost' }), { username: 'alice', password: 'wonder' }),
    );
    expect(error).toMatchObject({ code: 'ERR_LOGIN_ERROR_PAGE', status: 400, pageMessage: 'Client not found.' });
  });

  it('answers a redirect with error= with ERR_LOGIN_REDIRECT_ERROR and its description', async () => {
    const error = await failure(
      browserLogin(authUrl({ client_id: 'spa', redirect_uri: 'https://spa.example/cb' }), {
        username: 'alice',
        password: 'wonder',
      }),
    );
    expect(error).toMatchObject({
      code: 'ERR_LOGIN_REDIRECT_ERROR',
      status: 302,
      error: 'invalid_request',
      errorDescription: 'Missing parameter: code_challenge_method',
    });
    expect(error.message).toBe(
      'the server sent the browser back with error=invalid_request (Missing parameter: code_challenge_method)',
    );
  });

  it('ends with ERR_LOGIN_ABORTED when the caller aborts a hung request', async () => {
    kc.faults.inject('auth', { kind: 'hang' });
    const controller = new AbortController();
    const before = kc.counters.get('auth');
    const pending = failure(
      browserLogin(authUrl(), { username: 'alice', password: 'wonder', signal: controller.signal }),
    );
    await vi.waitFor(() => expect(kc.counters.get('auth')).toBe(before + 1), { interval: 1 });
    controller.abort();
    const error = await pending;
    kc.faults.clear('auth');
    expect(error.code).toBe('ERR_LOGIN_ABORTED');
  });

  it('ends with ERR_LOGIN_TIMEOUT when the server does not answer within timeoutMs', async () => {
    kc.faults.inject('auth', { kind: 'hang' });
    const error = await failure(browserLogin(authUrl(), { username: 'alice', password: 'wonder', timeoutMs: 5 }));
    kc.faults.clear('auth');
    expect(error).toMatchObject({ code: 'ERR_LOGIN_TIMEOUT', message: 'the browser login did not finish within 5 ms' });
  });

  it('ends with ERR_LOGIN_NETWORK when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      browserLogin(`http://127.0.0.1:${port}/auth?redirect_uri=x`, { username: 'alice', password: 'wonder' }),
    );
    expect(error.code).toBe('ERR_LOGIN_NETWORK');
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('any Keycloak-like login form', () => {
  let site: Server;
  let base: string;
  beforeAll(async () => {
    // Keycloak's themes carry an AUTH_SESSION_ID cookie and hidden fields, and some re-render the login form
    // with what was typed: the helper must send both back and keep the password out of its error.
    site = createServer((req, res) => {
      const url = new URL(req.url ?? '/', base);
      const form = (error: string) =>
        `<html><head><title>Sign in</title></head><body>${error}<form id="kc-form-login" action="login?tab_id=t1&amp;x=1" method="post">` +
        `<input name="username"><input type="password" name="password"><input type="hidden" name="credentialId" value="c1"><input type="checkbox" name="rememberMe">` +
        `<input type="submit" name="login" value="Sign In"></form></body></html>`;
      if (req.method === 'GET' && url.pathname === '/realms/r/auth') {
        res
          .writeHead(200, {
            'content-type': 'text/html',
            'set-cookie': 'AUTH_SESSION_ID=abc; Path=/realms/r/; HttpOnly',
          })
          .end(form(''));
        return;
      }
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        const sent = new URLSearchParams(body);
        const ok =
          req.headers.cookie === 'AUTH_SESSION_ID=abc' &&
          url.search === '?tab_id=t1&x=1' &&
          sent.get('credentialId') === 'c1' &&
          !sent.has('rememberMe') &&
          sent.get('login') === 'Sign In';
        if (ok && sent.get('password') === 'right') {
          res.writeHead(302, { location: 'https://app.example/cb?state=s&code=the-code' }).end();
          return;
        }
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            form(
              `<span id="input-error-username" class="kc-feedback-text">Wrong: ${sent.get('password') ?? ''} (${ok})</span>`,
            ),
          );
      });
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => site.close(resolve)));

  it('submits the hidden fields, the button and the session cookie to a relative action', async () => {
    const result = await browserLogin(
      `${base}/realms/r/auth?redirect_uri=${encodeURIComponent('https://app.example/cb')}`,
      { username: 'u', password: 'right' },
    );
    expect(result).toMatchObject({
      code: 'the-code',
      state: 's',
      sessionCookie: undefined,
      redirectUrl: 'https://app.example/cb?state=s&code=the-code',
    });
  });

  it('redacts the password when a form echoes it in its message', async () => {
    const error = await failure(browserLogin(`${base}/realms/r/auth`, { username: 'u', password: 'hunter22' }));
    expect(error).toMatchObject({ code: 'ERR_LOGIN_REJECTED', pageMessage: 'Wrong: [redacted] (true)' });
    expect(error.message).not.toContain('hunter22');
  });
});

describe('argument checks', () => {
  const login = { username: 'alice', password: 'wonder' };
  it.each([
    ['authorizationUrl must be an absolute http(s) URL', () => browserLogin('/relative', login)],
    ['authorizationUrl must be an absolute http(s) URL', () => browserLogin('ftp://host/auth', login)],
    ['options.username must be a non-empty string', () => browserLogin(authUrl(), { ...login, username: '' })],
    [
      'options.password must be a string',
      () => browserLogin(authUrl(), { ...login, password: 42 as unknown as string }),
    ],
    ['options.cookies must be a CookieJar', () => browserLogin(authUrl(), { ...login, cookies: {} as CookieJar })],
    [
      'options.timeoutMs must be a positive number of milliseconds',
      () => browserLogin(authUrl(), { ...login, timeoutMs: 0 }),
    ],
    ['options.signal must be an AbortSignal', () => browserLogin(authUrl(), { ...login, signal: {} as AbortSignal })],
    [
      'options.cookies must be a CookieJar (the one that holds the session)',
      () => silentLogin(authUrl(), {} as { cookies: CookieJar }),
    ],
  ])('rejects with a TypeError: %s', async (message, call) => {
    const error: unknown = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe(message);
  });
});
