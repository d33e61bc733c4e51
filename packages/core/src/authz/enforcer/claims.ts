/**
 * The `claims` claim-information-point provider: resolves `{request.*}` and `{keycloak.*}`
 * placeholders against a plain request, as Keycloak's PlaceHolders / ClaimsProvider do.
 */
import { KeycloakAuthorizationConfigError } from '../../errors.js';
import { atPointer, isObject, toStrings } from '../internal/json.js';

/** A framework-free request as the enforcer sees it. */
export interface EnforcerRequest {
  readonly method: string;
  /** Path relative to the application, query allowed (`/album/1?x=y`). */
  readonly path: string;
  /** Query parameters; parsed from `path` when absent. */
  readonly query?: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Header names in any case. */
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Parsed JSON body, or its raw text. */
  readonly body?: unknown;
  /** Full request URI for `{request.uri}`; defaults to `path`. */
  readonly uri?: string;
  readonly remoteAddress?: string;
  readonly secure?: boolean;
}

/** What placeholders may read besides the request. */
export interface ClaimSources {
  /** The raw access token, for `{keycloak.access_token}`. */
  readonly accessToken?: string;
  /** Its verified claims, for `{keycloak.access_token['/sub']}`. */
  readonly accessTokenClaims?: Readonly<Record<string, unknown>>;
}

const PLACEHOLDER = /\{(request|keycloak)\.([a-zA-Z_]+)(?:\['([^']*)'\])?\}/g;
// Anything that looks like one of ours, so a typo is caught rather than sent as literal text.
const LOOKS_LIKE_PLACEHOLDER = /\{(?:request|keycloak)\.[^{}]*\}/g;
const STRICT_PLACEHOLDER = /^\{(request|keycloak)\.([a-zA-Z_]+)(?:\['([^']*)'\])?\}$/;

/** Request placeholders Keycloak's resolvers know, and whether they need a `['name']` argument. */
const REQUEST_NAMES: Readonly<Record<string, 'required' | 'optional' | 'none'>> = {
  parameter: 'required',
  header: 'required',
  cookie: 'required',
  remoteAddr: 'none',
  method: 'none',
  uri: 'none',
  relativePath: 'none',
  secure: 'none',
  body: 'optional',
};
/** `{keycloak.id_token}` is known to Keycloak but resolves to nothing here: no ID token reaches a resource server. */
const KEYCLOAK_NAMES: Readonly<Record<string, 'optional'>> = { access_token: 'optional', id_token: 'optional' };

/**
 * The first placeholder of `template` that cannot be resolved (unknown name, missing or unexpected
 * argument, malformed syntax), or undefined when all are valid. Configs are checked with it when
 * parsed, so a typo fails at startup and never on a request.
 */
export function invalidPlaceholder(template: string): string | undefined {
  for (const [text] of template.matchAll(LOOKS_LIKE_PLACEHOLDER)) {
    const parts = STRICT_PLACEHOLDER.exec(text);
    const names = parts?.[1] === 'request' ? REQUEST_NAMES : KEYCLOAK_NAMES;
    const arity = parts === null ? undefined : names[parts[2] as string];
    if (arity === undefined) return text;
    const hasArg = parts?.[3] !== undefined;
    if ((arity === 'required' && !hasArg) || (arity === 'none' && hasArg)) return text;
  }
  return undefined;
}

function list(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

function header(request: EnforcerRequest, name: string): string[] {
  const wanted = name.toLowerCase();
  return Object.entries(request.headers ?? {}).flatMap(([key, value]) =>
    key.toLowerCase() === wanted ? list(value) : [],
  );
}

function queryParam(request: EnforcerRequest, name: string): string[] {
  if (request.query !== undefined) return list(request.query[name]);
  const start = request.path.indexOf('?');
  return start === -1 ? [] : new URLSearchParams(request.path.slice(start + 1)).getAll(name);
}

function cookie(request: EnforcerRequest, name: string): string[] {
  return header(request, 'cookie').flatMap((line) =>
    line.split(';').flatMap((pair) => {
      const eq = pair.indexOf('=');
      return eq !== -1 && pair.slice(0, eq).trim() === name ? [pair.slice(eq + 1).trim()] : [];
    }),
  );
}

function body(request: EnforcerRequest, pointer: string | undefined): string[] {
  let parsed = request.body;
  if (typeof parsed === 'string' && pointer !== undefined) {
    try {
      parsed = JSON.parse(parsed) as unknown;
    } catch {
      return [];
    }
  }
  if (pointer === undefined)
    return parsed === undefined ? [] : [typeof parsed === 'string' ? parsed : JSON.stringify(parsed)];
  return toStrings(atPointer(parsed, pointer));
}

function resolveOne(
  source: string,
  name: string,
  arg: string | undefined,
  request: EnforcerRequest,
  sources: ClaimSources,
): string[] {
  if (source === 'keycloak') {
    if (name !== 'access_token') return []; // no ID token reaches a resource server
    if (arg === undefined) return sources.accessToken === undefined ? [] : [sources.accessToken];
    return toStrings(atPointer(sources.accessTokenClaims ?? {}, arg));
  }
  switch (name) {
    case 'parameter':
      return arg === undefined ? [] : queryParam(request, arg);
    case 'header':
      return arg === undefined ? [] : header(request, arg);
    case 'cookie':
      return arg === undefined ? [] : cookie(request, arg);
    case 'remoteAddr':
      return request.remoteAddress === undefined ? [] : [request.remoteAddress];
    case 'method':
      return [request.method.toUpperCase()];
    case 'uri':
      return [request.uri ?? request.path];
    case 'relativePath':
      return [request.path.split('?')[0] as string];
    case 'secure':
      return [String(request.secure === true)];
    case 'body':
      return body(request, arg);
    default:
      // Unreachable for a parsed config (see invalidPlaceholder); guards turn it into a typed refusal.
      throw new KeycloakAuthorizationConfigError(`Unknown claim placeholder {request.${name}}`);
  }
}

/**
 * Resolves one configured value: a lone placeholder yields all its values; text mixing placeholders
 * is filled with single values (a placeholder with none or several values yields those instead).
 */
export function resolvePlaceholders(template: string, request: EnforcerRequest, sources: ClaimSources): string[] {
  const matches = [...template.matchAll(PLACEHOLDER)];
  if (matches.length === 0) return [template];
  let text = template;
  for (const match of matches) {
    const values = resolveOne(match[1] as string, match[2] as string, match[3], request, sources);
    if (values.length !== 1) return values;
    text = text.replace(match[0], values[0] as string);
  }
  return [text.trim()];
}

/**
 * Resolves a `claims` provider section into the claims to push (`claim_token`), dropping claims
 * that resolve to nothing.
 */
export function resolveClaims(
  config: unknown,
  request: EnforcerRequest,
  sources: ClaimSources,
): Record<string, string[]> {
  const claims: Record<string, string[]> = {};
  if (!isObject(config)) return claims;
  for (const [claim, spec] of Object.entries(config)) {
    const templates =
      typeof spec === 'string'
        ? [spec]
        : Array.isArray(spec)
          ? spec.filter((item): item is string => typeof item === 'string')
          : [];
    const values = templates.flatMap((template) => resolvePlaceholders(template, request, sources));
    if (values.length > 0) claims[claim] = values;
  }
  return claims;
}
