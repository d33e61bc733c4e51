import type { CookieJar } from './cookie-jar.js';
import { runLogin } from './internal/flow.js';
import { Navigator } from './internal/navigator.js';
import { checkCommon, checkCredentials } from './internal/options.js';

/** Keycloak's SSO cookie: it carries the session into the next authorization request. */
const IDENTITY_COOKIE = 'KEYCLOAK_IDENTITY';

/** Options of {@link silentLogin}, and the shared part of {@link BrowserLoginOptions}. */
export interface SilentLoginOptions {
  /** The browser's cookies: sent to the server and filled with what it sets (`KEYCLOAK_IDENTITY`). */
  cookies: CookieJar;
  /** Aborts the login; it then fails with `ERR_LOGIN_ABORTED`. */
  signal?: AbortSignal;
  /** Time the whole login (every redirect and page) may take, in ms; default 10 000. */
  timeoutMs?: number;
}

/** Options of {@link browserLogin}. */
export interface BrowserLoginOptions extends Omit<SilentLoginOptions, 'cookies'> {
  /** What the user types in the username field. */
  username: string;
  /** What the user types in the password field; never part of an error. */
  password: string;
  /**
   * The browser's cookies; a new jar when omitted. Pass one jar to several logins to keep the SSO session:
   * a second login with a live session gets its code without the form.
   */
  cookies?: CookieJar;
}

/** The end of a login: what the client's redirect URI received, and the browser's state after it. */
export interface BrowserLoginResult {
  /** The authorization code, to exchange at the token endpoint. */
  code: string;
  /** The `state` the server sent back (the one of the authorization URL). */
  state: string | undefined;
  /** Keycloak's `session_state`: the SSO session id (the `sid` of its tokens). */
  sessionState: string | undefined;
  /** The `iss` of the answer (RFC 9207). */
  iss: string | undefined;
  /** Every parameter the client received, in the server's order. */
  params: URLSearchParams;
  /** The client URL the browser was sent to: the redirect `Location`, or the form_post target. */
  redirectUrl: string;
  /** How the answer came: `query` or `fragment` redirect, or an auto-posting form (`form_post`). */
  responseMode: 'query' | 'fragment' | 'form_post';
  /** The SSO cookie as a `Cookie` header value (`KEYCLOAK_IDENTITY=...`), when the server set one. */
  sessionCookie: string | undefined;
  /** The jar used: pass it to {@link silentLogin} or the next {@link browserLogin} to reuse the session. */
  cookies: CookieJar;
  /** False when an SSO session answered without showing the login form. */
  formSubmitted: boolean;
}

async function run(
  url: URL,
  cookies: CookieJar,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  credentials?: { username: string; password: string },
): Promise<BrowserLoginResult> {
  const answer = await runLogin(new Navigator(cookies, timeoutMs, signal), url, credentials);
  const { params } = answer;
  return {
    code: params.get('code') ?? '',
    state: params.get('state') ?? undefined,
    sessionState: params.get('session_state') ?? undefined,
    iss: params.get('iss') ?? undefined,
    params,
    redirectUrl: answer.redirectUrl,
    responseMode: answer.responseMode,
    sessionCookie: cookies.get(IDENTITY_COOKIE),
    cookies,
    formSubmitted: answer.formSubmitted,
  };
}

/**
 * Logs a user in through the login form of an authorization URL, as a browser without JavaScript would, and
 * returns what the client's redirect URI receives. It opens the URL, follows the server's redirects, types
 * `username` and `password` into the form that has a password field, posts it, and reads the code from the
 * query, the fragment or a `form_post` page. With a live SSO session in `cookies`, the code comes without the
 * form.
 *
 * It targets `@keycloak-ts/testing`'s server and Keycloak's own login themes (a form with `username` and
 * `password` fields, the hidden fields it carries, no JavaScript). Logins that need another step (OTP,
 * required actions, consent, identity providers) end with `ERR_LOGIN_UNEXPECTED_ANSWER`.
 *
 * @param authorizationUrl - The full authorization request (`.../protocol/openid-connect/auth?client_id=...`).
 * @throws TypeError naming the bad argument; {@link BrowserLoginError} when no code comes back
 *   (`ERR_LOGIN_REJECTED` for a wrong password, `ERR_LOGIN_REDIRECT_ERROR` for `error=`, ...).
 *
 * @example
 * ```ts
 * const { code, state } = await browserLogin(authUrl, { username: 'alice', password: 'wonder' });
 * ```
 */
export async function browserLogin(
  authorizationUrl: string,
  options: BrowserLoginOptions,
): Promise<BrowserLoginResult> {
  const { url, cookies, signal, timeoutMs, raw } = checkCommon(authorizationUrl, options, false);
  return run(url, cookies, timeoutMs, signal, checkCredentials(raw));
}

/**
 * Asks for a code with the SSO session in `cookies` and no user interaction: it sets `prompt=none` on the
 * authorization URL (replacing any `prompt`) and returns the code the session earns. Without a live session
 * the server answers `error=login_required`, which throws a {@link BrowserLoginError} with code
 * `ERR_LOGIN_REDIRECT_ERROR` and `error: 'login_required'`.
 *
 * @param authorizationUrl - The full authorization request.
 * @throws TypeError naming the bad argument; {@link BrowserLoginError} when no code comes back.
 *
 * @example
 * ```ts
 * const first = await browserLogin(authUrl, { username: 'alice', password: 'wonder' });
 * const again = await silentLogin(authUrl, { cookies: first.cookies });
 * ```
 */
export async function silentLogin(authorizationUrl: string, options: SilentLoginOptions): Promise<BrowserLoginResult> {
  const { url, cookies, signal, timeoutMs } = checkCommon(authorizationUrl, options, true);
  url.searchParams.set('prompt', 'none');
  return run(url, cookies, timeoutMs, signal);
}
