import { CookieJar } from '../cookie-jar.js';

/** Ten seconds: a login against a local server takes milliseconds; this only bounds a hung one. */
export const DEFAULT_LOGIN_TIMEOUT_MS = 10_000;

/** Options both helpers share, once checked. */
export interface CheckedOptions {
  url: URL;
  cookies: CookieJar;
  signal: AbortSignal | undefined;
  timeoutMs: number;
}

function record(options: unknown): Record<string, unknown> {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  return options as Record<string, unknown>;
}

/** Checks the URL and the shared options, throwing a TypeError that names the bad one. */
export function checkCommon(
  authorizationUrl: unknown,
  options: unknown,
  cookiesRequired: boolean,
): CheckedOptions & { raw: Record<string, unknown> } {
  let url: URL | undefined;
  try {
    url = typeof authorizationUrl === 'string' ? new URL(authorizationUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new TypeError('authorizationUrl must be an absolute http(s) URL');
  const raw = record(options);
  const { cookies, signal, timeoutMs = DEFAULT_LOGIN_TIMEOUT_MS } = raw;
  if (cookiesRequired ? !(cookies instanceof CookieJar) : cookies !== undefined && !(cookies instanceof CookieJar)) {
    throw new TypeError(
      `options.cookies must be a CookieJar${cookiesRequired ? ' (the one that holds the session)' : ''}`,
    );
  }
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new TypeError('options.signal must be an AbortSignal');
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new TypeError('options.timeoutMs must be a positive number of milliseconds');
  return { url, cookies: cookies instanceof CookieJar ? cookies : new CookieJar(), signal, timeoutMs, raw };
}

/** Checks `username` and `password`. */
export function checkCredentials(raw: Record<string, unknown>): { username: string; password: string } {
  const { username, password } = raw;
  if (typeof username !== 'string' || username === '')
    throw new TypeError('options.username must be a non-empty string');
  if (typeof password !== 'string') throw new TypeError('options.password must be a string');
  return { username, password };
}
