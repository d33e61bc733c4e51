/**
 * URL building. Every user value that goes into a path is percent-encoded as one segment, so a user
 * id such as `a/b` or `../x` cannot reach another endpoint (python-keycloak interpolates them raw).
 */
import { KeycloakOperationError } from '../errors.js';
import type { QueryParams } from './types.js';

/** Values a path template can take. */
export type PathParams = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * Fills `{name}` placeholders of `template` with `params`, each `encodeURIComponent`-ed.
 *
 * @example buildPath('admin/realms/{realm}/users/{id}', { realm: 'demo', id: 'a/b' })
 *   // 'admin/realms/demo/users/a%2Fb'
 * @throws KeycloakOperationError (`ERR_OPERATION`) when a value is missing, empty, `.` or `..`: an
 *   empty segment would turn `DELETE users/{id}` into a call on the whole collection, and dot segments
 *   are resolved away by URL parsers even when percent-encoded.
 */
export function buildPath(template: string, params: PathParams): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string') {
      throw new KeycloakOperationError(`Path parameter "${name}" is missing`);
    }
    const text = String(value);
    if (text === '' || text === '.' || text === '..') {
      throw new KeycloakOperationError(`Path parameter "${name}" must not be empty, "." or ".."`);
    }
    return encodeURIComponent(text);
  });
}

/** Encodes query parameters: arrays repeat the key, `undefined`/`null` are dropped. Leading `?` excluded. */
export function encodeQuery(query: QueryParams): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    // Percent-encoding (not URLSearchParams' `+` for spaces) is read the same way by every server.
    for (const item of Array.isArray(value) ? value : [value])
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
  }
  return parts.join('&');
}

/**
 * The absolute URL of a call: an absolute `http(s)://` path is taken as is (discovery documents give
 * absolute endpoints), anything else extends `baseUrl`'s path. `query` is appended to any query already there.
 */
export function resolveUrl(baseUrl: URL, path: string, query: QueryParams | undefined): URL {
  if (typeof path !== 'string') throw new KeycloakOperationError('path must be a string');
  const absolute = /^https?:\/\//i.test(path);
  // Concatenation, not `new URL(path, base)`: a path starting with `/` or `//` must not drop the base path or host.
  const href = absolute ? path : baseUrl.href + path.replace(/^\/+/, '');
  if (!URL.canParse(href)) throw new KeycloakOperationError('path does not form a valid URL');
  const url = new URL(href);
  const encoded = query === undefined ? '' : encodeQuery(query);
  if (encoded) url.search = url.search ? `${url.search}&${encoded}` : `?${encoded}`;
  return url;
}

/** Origin and path of `url`, never its query or credentials: safe for error messages and logs. */
export function describeUrl(url: URL): string {
  return url.origin + url.pathname;
}
