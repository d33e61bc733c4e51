import { KeycloakNotSupportedError, type GuardDenialReason } from '../errors.js';
import type { KeycloakAccessTokenClaims } from '../token/claims.js';
import { hasClientRole, hasRealmRole } from '../token/verified-token.js';

/** A custom check: allowed when it returns (or resolves to) true. */
export type GuardPredicate<R = unknown, C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims> = (
  token: Readonly<C>,
  request: R,
) => boolean | Promise<boolean>;

/**
 * Roles in keycloak-connect's grammar: `realm:NAME` a realm role, `CLIENT:NAME` a role of client CLIENT,
 * a bare `NAME` a role of the configured client. `mode` defaults to `any`.
 */
export interface RolesSpec {
  roles: readonly string[];
  mode?: 'any' | 'all';
}

/** Reserved: the `policy-enforcer` section of keycloak.json, decided per path and method (Authorization Services). */
export interface PolicyEnforcerSpec {
  config: unknown;
}

/**
 * What `protect(spec)` accepts: nothing (any valid access token), roles, a predicate, or (reserved, not
 * yet supported) UMA permissions `'resource:scope'` and a policy-enforcer config.
 */
export type ProtectSpec<R = unknown, C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims> =
  | undefined
  | RolesSpec
  | GuardPredicate<R, C>
  | string
  | readonly string[]
  | PolicyEnforcerSpec;

/** A spec compiled once at protect() time. */
export interface CompiledSpec<R> {
  allows(claims: Readonly<KeycloakAccessTokenClaims>, request: R): boolean | Promise<boolean>;
  /** The reason logged when `allows` says no. */
  readonly deniedReason: GuardDenialReason;
}

/** One role requirement: `client` undefined means a realm role. */
interface RoleRequirement {
  client: string | undefined;
  role: string;
}

/**
 * Parses a role of keycloak-connect's grammar against the configured client id. Splits on the first
 * colon only, so client roles may themselves contain colons.
 */
export function parseRole(spec: string, clientId: string): RoleRequirement {
  const colon = spec.indexOf(':');
  if (colon === -1) return { client: clientId, role: spec };
  const scope = spec.slice(0, colon);
  const role = spec.slice(colon + 1);
  if (scope === '' || role === '') throw new TypeError(`"spec.roles" has a malformed role ${JSON.stringify(spec)}`);
  return { client: scope === 'realm' ? undefined : scope, role };
}

/** True when the claims hold the role. */
export function holdsRole(claims: KeycloakAccessTokenClaims, requirement: RoleRequirement): boolean {
  return requirement.client === undefined ? hasRealmRole(claims, requirement.role) : hasClientRole(claims, requirement.client, requirement.role);
}

/**
 * Compiles a spec once; undefined means "any valid token". Throws a TypeError naming the bad part, or
 * a KeycloakNotSupportedError for the reserved UMA and policy-enforcer forms, so a route is never
 * silently left open.
 */
export function compileSpec<R>(spec: unknown, clientId: string): CompiledSpec<R> | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (typeof spec === 'function') {
    const predicate = spec as GuardPredicate<R>;
    return { allows: (claims, request) => predicate(claims, request), deniedReason: 'predicate_denied' };
  }
  if (typeof spec === 'string' || (Array.isArray(spec) && spec.every((item) => typeof item === 'string'))) {
    throw new KeycloakNotSupportedError(
      'UMA permission specs ("resource:scope") are not supported yet; they come with Authorization Services. ' +
        "For roles use protect({ roles: ['realm:NAME'] })",
    );
  }
  if (typeof spec !== 'object' || Array.isArray(spec)) throw new TypeError('"spec" must be undefined, { roles }, a function, or a permission string');
  if (Object.hasOwn(spec, 'config')) {
    throw new KeycloakNotSupportedError('Policy-enforcer specs ({ config }) are not supported yet; they come with Authorization Services');
  }
  return compileRoles(spec as Partial<RolesSpec>, clientId);
}

function compileRoles<R>(spec: Partial<RolesSpec>, clientId: string): CompiledSpec<R> {
  for (const key of Object.keys(spec)) {
    if (key !== 'roles' && key !== 'mode') throw new TypeError(`"spec.${key}" is not a known option (roles, mode)`);
  }
  const { roles, mode = 'any' } = spec;
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((role) => typeof role === 'string' && role !== '')) {
    throw new TypeError('"spec.roles" must be a non-empty array of non-empty strings');
  }
  if (mode !== 'any' && mode !== 'all') throw new TypeError('"spec.mode" must be "any" or "all"');
  const requirements = roles.map((role: string) => parseRole(role, clientId));
  // Plain loops: this runs on every request and must not allocate.
  const wanted = mode === 'any';
  const allows = (claims: KeycloakAccessTokenClaims): boolean => {
    for (const requirement of requirements) {
      if (holdsRole(claims, requirement) === wanted) return wanted;
    }
    return !wanted;
  };
  return { allows, deniedReason: 'role_missing' };
}
