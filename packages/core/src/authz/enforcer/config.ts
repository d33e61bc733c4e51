/**
 * The policy-enforcer configuration (Keycloak's PolicyEnforcerConfig), parsed and validated from
 * either a legacy `keycloak.json` with a `policy-enforcer` section or the standalone 22+ format.
 */
import { KeycloakAuthorizationConfigError } from '../../errors.js';
import { isObject, type JsonObject } from '../internal/json.js';
import { invalidPlaceholder } from './claims.js';
import { checkHttpSection } from './http-claims.js';

/** Global or per-path enforcement mode. */
export type EnforcementMode = 'ENFORCING' | 'PERMISSIVE' | 'DISABLED';
/** How a method's scopes must be held: all of them, any of them, or not checked. */
export type ScopesEnforcementMode = 'ALL' | 'ANY' | 'DISABLED';

/** A claim-information-point section: `claims` (placeholders), `http`, or custom providers by name. */
export type ClaimInformationPointConfig = Readonly<Record<string, JsonObject>>;

/** A method of a path and the scopes it requires. */
export interface MethodConfig {
  readonly method: string;
  readonly scopes: readonly string[];
  readonly scopesEnforcementMode: ScopesEnforcementMode;
}

/** A protected path. */
export interface PathConfig {
  readonly name: string | undefined;
  readonly type: string | undefined;
  readonly path: string;
  readonly methods: readonly MethodConfig[];
  readonly scopes: readonly string[];
  readonly enforcementMode: EnforcementMode;
  readonly claimInformationPoint: ClaimInformationPointConfig | undefined;
}

/** The whole enforcer configuration; times in milliseconds. */
export interface PolicyEnforcerConfig {
  readonly enforcementMode: EnforcementMode;
  readonly paths: readonly PathConfig[];
  /** `path-cache.lifespan`, default 30000; 0 disables the cache, -1 never expires. */
  readonly pathCacheLifespanMs: number;
  /** `path-cache.max-entries`, default 1000. */
  readonly pathCacheMaxEntries: number;
  readonly lazyLoadPaths: boolean;
  /**
   * `on-deny-redirect-to`: every refusal of the enforcer (no token on an enforced path, a path the config
   * does not know, a permission not granted) answers 302 to this location, as keycloak-client's
   * PolicyEnforcer.handleAccessDenied does; a bad token is still 401. Only the path itself (normalised,
   * compared whole) is let through. Suits browser apps only: an API client gets a redirect, not a 403.
   */
  readonly onDenyRedirectTo: string | undefined;
  /**
   * True when `user-managed-access` is present: the token's own RPT decides (no UMA grant is asked), and a
   * refusal answers 401 `WWW-Authenticate: UMA realm="...",as_uri="...",ticket="..."` with a permission
   * ticket; asking for the ticket needs the resource server's client secret (checked at protect()).
   */
  readonly userManagedAccess: boolean;
  readonly httpMethodAsScope: boolean;
  readonly claimInformationPoint: ClaimInformationPointConfig | undefined;
  readonly realm: string | undefined;
  readonly authServerUrl: string | undefined;
  /** The resource server's clientId. */
  readonly resource: string | undefined;
  readonly credentials: Readonly<Record<string, unknown>> | undefined;
}

const MODES: readonly EnforcementMode[] = ['ENFORCING', 'PERMISSIVE', 'DISABLED'];
const SCOPE_MODES: readonly ScopesEnforcementMode[] = ['ALL', 'ANY', 'DISABLED'];

function fail(message: string): never {
  throw new KeycloakAuthorizationConfigError(message);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, where: string): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value.toUpperCase()))
    return value.toUpperCase() as T;
  return fail(`${where} must be one of ${allowed.join(', ')}`);
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : fail(`${where} must be a string`);
}

function bool(value: unknown, where: string): boolean {
  if (value === undefined || value === null) return false;
  return typeof value === 'boolean' ? value : fail(`${where} must be true or false`);
}

function strings(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    fail(`${where} must be an array of strings`);
  return value as string[];
}

function integer(value: unknown, fallback: number, where: string): number {
  if (value === undefined || value === null) return fallback;
  return Number.isInteger(value) ? (value as number) : fail(`${where} must be an integer`);
}

function cip(value: unknown, where: string, pathText?: string): ClaimInformationPointConfig | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || Object.values(value).some((provider) => !isObject(provider)))
    fail(`${where} must map provider names to objects`);
  // The http provider's url, method, headers, parameters and claims (HttpClaimInformationPointProvider).
  if (isObject(value.http)) checkHttpSection(value.http, `${where}.http`);
  const claims = value.claims;
  if (isObject(claims)) {
    for (const [claim, spec] of Object.entries(claims)) {
      if (typeof spec !== 'string' && !(Array.isArray(spec) && spec.every((item) => typeof item === 'string'))) {
        fail(`${where}.claims.${claim} must be a string or an array of strings`);
      }
      for (const template of typeof spec === 'string' ? [spec] : (spec as string[])) {
        const bad = invalidPlaceholder(template);
        if (bad !== undefined)
          fail(
            `${where}.claims.${claim}${pathText === undefined ? '' : ` (path ${JSON.stringify(pathText)})`} has an unknown or malformed placeholder ${bad}`,
          );
      }
    }
  }
  return value as ClaimInformationPointConfig;
}

function method(value: unknown, where: string): MethodConfig {
  if (!isObject(value)) fail(`${where} must be an object`);
  const name = optionalString(value.method, `${where}.method`);
  if (name === undefined || name === '') fail(`${where}.method is required`);
  // Kept as written: Keycloak's PolicyEnforcer.getRequiredScopes compares it to the request's method with equals().
  return {
    method: name,
    scopes: strings(value.scopes, `${where}.scopes`),
    scopesEnforcementMode: oneOf(
      value['scopes-enforcement-mode'],
      SCOPE_MODES,
      'ALL',
      `${where}.scopes-enforcement-mode`,
    ),
  };
}

function path(value: unknown, where: string): PathConfig {
  if (!isObject(value)) fail(`${where} must be an object`);
  const pathText = optionalString(value.path, `${where}.path`);
  if (pathText === undefined || pathText === '') fail(`${where}.path is required`);
  if (!pathText.startsWith('/') && !pathText.includes('://')) fail(`${where}.path must start with "/"`);
  const methods =
    value.methods === undefined
      ? []
      : Array.isArray(value.methods)
        ? value.methods
        : fail(`${where}.methods must be an array`);
  return {
    name: optionalString(value.name, `${where}.name`),
    type: optionalString(value.type, `${where}.type`),
    path: pathText,
    methods: methods.map((item, index) => method(item, `${where}.methods[${index}]`)),
    scopes: strings(value.scopes, `${where}.scopes`),
    enforcementMode: oneOf(value['enforcement-mode'], MODES, 'ENFORCING', `${where}.enforcement-mode`),
    claimInformationPoint: cip(value['claim-information-point'], `${where}.claim-information-point`, pathText),
  };
}

/**
 * Entries with the same `path` become one, the first, with the methods and scopes of all of them, as
 * keycloak-client's PathConfigMatcher.configureDefinedPaths merges them (`existingPath.getMethods().addAll(...)`):
 * `/v1/product/*` listed once for POST and once for GET is one path with both methods.
 */
function mergePaths(paths: readonly PathConfig[]): PathConfig[] {
  const merged = new Map<string, PathConfig>();
  for (const entry of paths) {
    const existing = merged.get(entry.path);
    merged.set(
      entry.path,
      existing === undefined
        ? entry
        : {
            ...existing,
            methods: [...existing.methods, ...entry.methods],
            scopes: [...existing.scopes, ...entry.scopes],
          },
    );
  }
  return [...merged.values()];
}

/**
 * Parses a policy-enforcer configuration. A `policy-enforcer` object at the top level marks the
 * legacy `keycloak.json` format (realm, auth-server-url, resource and credentials beside it);
 * otherwise the object itself is the standalone 22+ format.
 *
 * @throws KeycloakAuthorizationConfigError naming the first invalid field (e.g. `paths[1].methods[0].method`).
 */
export function parsePolicyEnforcerConfig(json: unknown): PolicyEnforcerConfig {
  if (!isObject(json)) fail('The policy-enforcer config must be a JSON object');
  const legacy = json['policy-enforcer'];
  if (legacy !== undefined && !isObject(legacy)) fail('policy-enforcer must be an object');
  const section: JsonObject = legacy ?? json;
  const prefix = legacy === undefined ? '' : 'policy-enforcer.';
  const paths =
    section.paths === undefined
      ? []
      : Array.isArray(section.paths)
        ? section.paths
        : fail(`${prefix}paths must be an array`);
  const cache = section['path-cache'];
  if (cache !== undefined && !isObject(cache)) fail(`${prefix}path-cache must be an object`);
  const lifespan = integer(cache?.lifespan, 30_000, `${prefix}path-cache.lifespan`);
  if (lifespan < -1) fail(`${prefix}path-cache.lifespan must be -1, 0 or a positive number of ms`);
  const maxEntries = integer(cache?.['max-entries'], 1000, `${prefix}path-cache.max-entries`);
  if (maxEntries < 1) fail(`${prefix}path-cache.max-entries must be at least 1`);
  const credentials = json.credentials ?? section.credentials;
  if (credentials !== undefined && !isObject(credentials)) fail('credentials must be an object');
  const uma = section['user-managed-access'];
  return {
    enforcementMode: oneOf(section['enforcement-mode'], MODES, 'ENFORCING', `${prefix}enforcement-mode`),
    paths: mergePaths(paths.map((item, index) => path(item, `${prefix}paths[${index}]`))),
    pathCacheLifespanMs: lifespan,
    pathCacheMaxEntries: maxEntries,
    lazyLoadPaths: bool(section['lazy-load-paths'], `${prefix}lazy-load-paths`),
    onDenyRedirectTo: optionalString(section['on-deny-redirect-to'], `${prefix}on-deny-redirect-to`),
    userManagedAccess: uma !== undefined && uma !== null,
    httpMethodAsScope: bool(section['http-method-as-scope'], `${prefix}http-method-as-scope`),
    claimInformationPoint: cip(section['claim-information-point'], `${prefix}claim-information-point`),
    realm: optionalString(json.realm, 'realm'),
    authServerUrl: optionalString(json['auth-server-url'], 'auth-server-url'),
    resource: optionalString(json.resource, 'resource'),
    credentials,
  };
}
