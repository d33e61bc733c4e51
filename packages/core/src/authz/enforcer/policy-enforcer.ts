/**
 * Decides, for a request, which path config applies and what permission it requires, as Keycloak's
 * policy enforcer (keycloak-client `PolicyEnforcer` / `AbstractPolicyEnforcer`) does before asking
 * the server. Framework-free: guards feed it a plain request.
 */
import { KeycloakAuthorizationConfigError } from '../../errors.js';
import type { JsonObject } from '../internal/json.js';
import { resolveClaims, type ClaimSources, type EnforcerRequest } from './claims.js';
import {
  parsePolicyEnforcerConfig,
  type ClaimInformationPointConfig,
  type EnforcementMode,
  type MethodConfig,
  type PathConfig,
  type PolicyEnforcerConfig,
  type ScopesEnforcementMode,
} from './config.js';
import { matchPath } from './path-matcher.js';

/** A custom claim-information-point provider (for example `http`); may call out, so it is async. */
export type ClaimProvider = (
  config: JsonObject,
  request: EnforcerRequest,
  sources: ClaimSources & { readonly signal?: AbortSignal },
) => Promise<Record<string, string[]>>;

/** Options of {@link createPolicyEnforcer}. */
export interface PolicyEnforcerOptions {
  /** Claim providers by name; `claims` is built in. Every provider the config names must be here. */
  claimProviders?: Readonly<Record<string, ClaimProvider>>;
}

/** The permission a matched request needs. */
export interface RequiredPermission {
  /** The path's `name` (resource name) when set, else its path pattern. */
  readonly resource: string;
  readonly scopes: readonly string[];
  readonly scopesEnforcementMode: ScopesEnforcementMode;
}

/** What the enforcer decided for a request whose path matched. */
export interface EnforcerResolution {
  /** DISABLED when enforcement is off globally or for this path: let the request through. */
  readonly enforcementMode: EnforcementMode;
  readonly path: PathConfig;
  /** Values captured by `{param}` segments of the path pattern. */
  readonly params: Readonly<Record<string, string>>;
  readonly permission: RequiredPermission;
}

/** A resolution plus the claims to push to Keycloak (`claim_token`). */
export interface EnforcerResolutionWithClaims extends EnforcerResolution {
  readonly claims: Readonly<Record<string, string[]>>;
}

/** A policy enforcer built from a validated configuration. */
export interface PolicyEnforcer {
  readonly config: PolicyEnforcerConfig;
  /**
   * Matches the request to a path and its required permission; `null` when no path matches, which
   * Keycloak denies under ENFORCING and lets through under PERMISSIVE and DISABLED.
   */
  match(request: EnforcerRequest): EnforcerResolution | null;
  /**
   * The claim-information-point claims of a request: the global section's, then `path`'s (which win).
   * `path` undefined gives the global ones, e.g. for a path loaded from the server.
   */
  claims(
    request: EnforcerRequest,
    path: PathConfig | undefined,
    sources?: ClaimSources & { signal?: AbortSignal },
  ): Promise<Record<string, string[]>>;
  /** {@link PolicyEnforcer.match} plus the claim-information-point claims (global, then path). */
  resolve(
    request: EnforcerRequest,
    sources?: ClaimSources & { signal?: AbortSignal },
  ): Promise<EnforcerResolutionWithClaims | null>;
}

/** AbstractPolicyEnforcer.getRequiredScopes: a listed method, else the path scopes (or the method) with ANY. */
function requiredScopes(config: PolicyEnforcerConfig, path: PathConfig, method: string): MethodConfig {
  const listed = path.methods.find((entry) => entry.method === method);
  if (listed !== undefined) return listed;
  return { method, scopes: config.httpMethodAsScope ? [method] : path.scopes, scopesEnforcementMode: 'ANY' };
}

function checkProviders(
  cip: ClaimInformationPointConfig | undefined,
  providers: Readonly<Record<string, ClaimProvider>>,
  where: string,
): void {
  for (const name of Object.keys(cip ?? {})) {
    if (name !== 'claims' && providers[name] === undefined) {
      throw new KeycloakAuthorizationConfigError(
        `${where}.claim-information-point uses the "${name}" provider, which is not configured (pass it in claimProviders)`,
      );
    }
  }
}

/**
 * Creates a policy enforcer from a `keycloak.json` (legacy, with `policy-enforcer`) or a standalone
 * 22+ policy-enforcer config, already parsed or as JSON.
 *
 * @throws KeycloakAuthorizationConfigError naming the invalid field, or a claim provider that is
 * used but not configured.
 */
export function createPolicyEnforcer(config: unknown, options: PolicyEnforcerOptions = {}): PolicyEnforcer {
  const providers = options.claimProviders ?? {};
  if (typeof providers !== 'object' || providers === null)
    throw new TypeError('"claimProviders" must be an object of functions');
  for (const [name, provider] of Object.entries(providers)) {
    if (typeof provider !== 'function') throw new TypeError(`"claimProviders.${name}" must be a function`);
  }
  const parsed = parsePolicyEnforcerConfig(config);
  checkProviders(parsed.claimInformationPoint, providers, 'claim-information-point');
  parsed.paths.forEach((path, index) => checkProviders(path.claimInformationPoint, providers, `paths[${index}]`));

  const match = (request: EnforcerRequest): EnforcerResolution | null => {
    if (typeof request?.path !== 'string' || typeof request.method !== 'string') {
      throw new TypeError('The request needs a string "method" and "path"');
    }
    const found = matchPath(parsed.paths, (entry) => entry.path, request.path);
    if (found === undefined) return null;
    const path = found.entry;
    // The method as sent: PolicyEnforcer.getRequiredScopes compares with equals(), and http-method-as-scope asks for it as is.
    const method = requiredScopes(parsed, path, request.method);
    // A matched path keeps its own mode (PolicyEnforcer.isAuthorized reads the path's); only a global DISABLED overrides it.
    return {
      enforcementMode: parsed.enforcementMode === 'DISABLED' ? 'DISABLED' : path.enforcementMode,
      path,
      params: found.params,
      permission: {
        resource: path.name ?? path.path,
        scopes: method.scopes,
        scopesEnforcementMode: method.scopesEnforcementMode,
      },
    };
  };

  const collect = async (
    cip: ClaimInformationPointConfig | undefined,
    request: EnforcerRequest,
    sources: ClaimSources & { signal?: AbortSignal },
  ) => {
    const claims: Record<string, string[]> = {};
    for (const [name, providerConfig] of Object.entries(cip ?? {})) {
      const provider = providers[name];
      const resolved =
        name === 'claims'
          ? resolveClaims(providerConfig, request, sources)
          : await (provider as ClaimProvider)(providerConfig, request, sources);
      Object.assign(claims, resolved);
    }
    return claims;
  };

  const claims = async (
    request: EnforcerRequest,
    path: PathConfig | undefined,
    sources: ClaimSources & { signal?: AbortSignal } = {},
  ) => ({
    ...(await collect(parsed.claimInformationPoint, request, sources)),
    ...(await collect(path?.claimInformationPoint, request, sources)),
  });

  return {
    config: parsed,
    match,
    claims,
    async resolve(request, sources = {}) {
      const resolution = match(request);
      if (resolution === null) return null;
      if (resolution.enforcementMode === 'DISABLED') return { ...resolution, claims: {} };
      return { ...resolution, claims: await claims(request, resolution.path, sources) };
    },
  };
}

/**
 * Whether granted scopes satisfy a required permission's scopes, as the enforcer's
 * hasResourceScopePermission checks an RPT permission for the matched resource.
 */
export function scopesSatisfied(required: RequiredPermission, grantedScopes: readonly string[]): boolean {
  if (required.scopesEnforcementMode === 'DISABLED' || required.scopes.length === 0) return true;
  // an RPT permission without scopes grants the whole resource
  if (grantedScopes.length === 0) return true;
  return required.scopesEnforcementMode === 'ALL'
    ? required.scopes.every((scope) => grantedScopes.includes(scope))
    : required.scopes.some((scope) => grantedScopes.includes(scope));
}
