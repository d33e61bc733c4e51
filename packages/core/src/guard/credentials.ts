import type { EnforcerRequest } from '../authz/enforcer/claims.js';
import { Denial } from './internal/denial.js';
import type { GuardLogger } from './options.js';

/**
 * How a guard reads one request of a framework. Adapters give one constant object, so the per-request
 * path allocates nothing to reach the headers.
 */
export interface RequestSource<R> {
  /** Node's `rawHeaders` (name, value, name, value...): the only view that keeps repeated Authorization headers. */
  rawHeaders(request: R): readonly string[];
  /**
   * The parsed query parameter `name` (a string, a list, or undefined): the opted-in query source, and
   * `access_token` on every protected request, to refuse a token sent in a URL the guard does not read.
   */
  query(request: R, name: string): unknown;
  /**
   * The request as a policy enforcer sees it (method, path relative to the app, headers, query, body),
   * read only on `protect({ config })` routes; a source without it cannot serve those.
   */
  enforcerRequest?(request: R): EnforcerRequest;
  /**
   * The method, the origin the client used (`https://api.example.com`, as the framework resolves it under its
   * own trusted-proxy settings; undefined when it cannot tell) and the path with its query, for a DPoP proof's
   * `htm` and `htu`. Read only for `Authorization: DPoP` requests; without it they are refused.
   */
  requestTarget?(request: R): { method: string; origin: string | undefined; path: string };
  /**
   * The request's own logger (Fastify's `request.log`, which carries the `reqId`), used for the guard's
   * per-request lines when the options give no `logger`.
   */
  log?(request: R): GuardLogger | undefined;
  /** The app's logger (Fastify's `app.log`), for lines not about one request when the options give no `logger`. */
  logger?: GuardLogger;
}

/** Where the bearer token may come from besides the Authorization header (both opt-in). */
export interface CredentialSources {
  queryParameter: string | undefined;
  cookieName: string | undefined;
}

/** RFC 6750 §2.3's name of the URI query parameter that carries an access token. */
const URI_QUERY_PARAMETER = 'access_token';

/** A request that sent `Authorization: DPoP <token>`: the token and every `DPoP` header it carried. */
export interface DpopCredentials {
  readonly token: string;
  /** The `DPoP` header values; a valid request has exactly one. */
  readonly proofs: readonly string[];
}

/**
 * Reads a request's credentials in one pass over its headers: the bearer token (RFC 6750 §2) as a string, or
 * for `Authorization: DPoP <token>` (RFC 9449 §7.1) the token with its `DPoP` proofs. Throws a {@link Denial}:
 * `no_credentials` when nothing usable was sent (another scheme counts as nothing), `empty_bearer`,
 * `multiple_authorization_headers` or `multiple_token_sources` for malformed requests, and `token_in_url` for an
 * `access_token` query parameter the guard does not read (the query source off, or on under another name):
 * ignoring it would answer 401 "no token" to a client whose token already went into access logs with the URL.
 * A bearer request allocates nothing here.
 */
export function readCredentials<R>(
  request: R,
  source: RequestSource<R>,
  sources: CredentialSources,
): string | DpopCredentials {
  const raw = source.rawHeaders(request);
  let authorization: string | undefined;
  let cookies: string[] | undefined;
  let proofs: string[] | undefined;
  // The length comparisons only spare most headers the lower-casing (isHeader decides), and without a cookie
  // name the cookies would be read for nothing: shortcuts that no answer depends on.
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut, see above.
    if (name.length === 13 && isHeader(name, 'authorization')) {
      if (authorization !== undefined) throw new Denial('multiple_authorization_headers');
      authorization = raw[i + 1] as string;
      continue;
    }
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut, see above.
    if (name.length === 4 && isHeader(name, 'dpop')) {
      (proofs ??= []).push(raw[i + 1] as string);
      continue;
    }
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut, see above.
    if (sources.cookieName !== undefined && name.length === 6 && isHeader(name, 'cookie')) {
      // Stryker disable next-line ArrayDeclaration: a first element without "=" is no cookie pair: cookieValue skips it.
      (cookies ??= []).push(raw[i + 1] as string);
    }
  }
  const { queryParameter } = sources;
  if (queryParameter !== URI_QUERY_PARAMETER && source.query(request, URI_QUERY_PARAMETER) !== undefined)
    throw new Denial('token_in_url');
  const dpop = authorization !== undefined && isDpopScheme(authorization);
  const fromHeader =
    authorization === undefined ? undefined : dpop ? authorization.slice(5).trim() : bearerOf(authorization);
  // Stryker disable next-line ConditionalExpression: without a name the source is never asked, though it would answer undefined.
  const fromQuery = queryParameter === undefined ? undefined : queryToken(source.query(request, queryParameter));
  const fromCookie = cookies === undefined ? undefined : cookieValue(cookies.join(';'), sources.cookieName as string);
  const token = oneOf(oneOf(fromHeader, fromQuery), fromCookie);
  if (token === undefined) throw new Denial('no_credentials');
  if (token === '') throw new Denial('empty_bearer');
  return dpop ? { token, proofs: proofs ?? [] } : token;
}

function isDpopScheme(value: string): boolean {
  if (value.slice(0, 4).toLowerCase() !== 'dpop') return false;
  if (value.length === 4) return true;
  const separator = value.charCodeAt(4);
  return separator === 32 || separator === 9;
}

function oneOf(first: string | undefined, second: string | undefined): string | undefined {
  if (second === undefined) return first;
  if (first !== undefined) throw new Denial('multiple_token_sources');
  return second;
}

function isHeader(name: string, lower: string): boolean {
  // Stryker disable next-line ConditionalExpression: the exact comparison only spares the lower-casing.
  return name === lower || name.toLowerCase() === lower;
}

/** The token of a `Bearer` credential (scheme case-insensitive), '' when empty, undefined for another scheme. */
function bearerOf(value: string): string | undefined {
  // Stryker disable next-line all: a shortcut that spares the usual spelling the lower-cased copy; the test below decides.
  const usual = value.startsWith('Bearer');
  // Stryker disable next-line ConditionalExpression: see above.
  if (!usual && value.slice(0, 6).toLowerCase() !== 'bearer') return undefined;
  if (value.length === 6) return '';
  const separator = value.charCodeAt(6);
  if (separator !== 32 && separator !== 9) return undefined; // e.g. "Bearerx": another scheme
  return value.slice(7).trim();
}

function queryToken(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value.trim();
  // `?access_token=a&access_token=b` or a qs object: not one token.
  throw new Denial('multiple_token_sources');
}

function cookieValue(header: string, name: string): string | undefined {
  let found: string | undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals === -1 || part.slice(0, equals).trim() !== name) continue;
    if (found !== undefined) throw new Denial('multiple_token_sources');
    found = decodeCookie(part.slice(equals + 1).trim());
  }
  return found;
}

function decodeCookie(value: string): string {
  const unquoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  try {
    return decodeURIComponent(unquoted);
  } catch {
    return unquoted; // left to the verifier, which refuses it as malformed
  }
}
