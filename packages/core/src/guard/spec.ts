import type { GuardDenialReason } from '../errors.js';
import type { ClaimProvider, PolicyEnforcer } from '../authz/enforcer/policy-enforcer.js';
import type { KeycloakAccessTokenClaims } from '../token/claims.js';
import { hasClientRole, hasRealmRole } from '../token/verified-token.js';
import type { PermissionSet } from '../permissions/permission-set.js';
import { compileEnforcer, compilePermissions, type PolicyEnforcerSpec } from './permission-spec.js';

export type { PolicyEnforcerSpec } from './permission-spec.js';

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

/**
 * What `protect(spec)` accepts: nothing (any valid access token), roles, a predicate, UMA permissions
 * (`'resource:scope'` or `'resource#scope1,scope2'`, one or a list, all required; see
 * `parseProtectPermission` in permission-spec.ts) decided by Keycloak, or a policy-enforcer config `{ config }` deciding
 * per path and method.
 */
export type ProtectSpec<R = unknown, C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims> =
  | undefined
  | RolesSpec
  | GuardPredicate<R, C>
  | string
  | readonly string[]
  | PolicyEnforcerSpec;

/** A spec decided from the token alone (roles, predicates). */
export interface ClaimsSpec<R> {
  readonly kind: 'claims';
  allows(claims: Readonly<KeycloakAccessTokenClaims>, request: R): boolean | Promise<boolean>;
  /** The reason logged when `allows` says no. */
  readonly deniedReason: GuardDenialReason;
}

/** UMA permissions Keycloak must grant, parsed once. */
export interface PermissionsSpec {
  readonly kind: 'permissions';
  readonly permissions: PermissionSet;
}

/** A policy enforcer deciding per path and method. */
export interface EnforcerSpec {
  readonly kind: 'enforcer';
  readonly enforcer: PolicyEnforcer;
}

/** A spec compiled once at protect() time. */
export type CompiledSpec<R> = ClaimsSpec<R> | PermissionsSpec | EnforcerSpec;

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
  return requirement.client === undefined
    ? hasRealmRole(claims, requirement.role)
    : hasClientRole(claims, requirement.client, requirement.role);
}

/**
 * Compiles a spec once; undefined means "any valid token". Throws a TypeError naming the bad part (or a
 * KeycloakAuthorizationConfigError for a bad policy-enforcer config), so a route is never silently left open.
 */
export function compileSpec<R>(
  spec: unknown,
  clientId: string,
  claimProviders?: () => Readonly<Record<string, ClaimProvider>>,
): CompiledSpec<R> | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (typeof spec === 'function') {
    const predicate = spec as GuardPredicate<R>;
    return {
      kind: 'claims',
      allows: (claims, request) => predicate(claims, request),
      deniedReason: 'predicate_denied',
    };
  }
  if (typeof spec === 'string') return { kind: 'permissions', permissions: compilePermissions([spec]) };
  if (Array.isArray(spec) && spec.every((item) => typeof item === 'string'))
    return { kind: 'permissions', permissions: compilePermissions(spec) };
  if (typeof spec !== 'object' || Array.isArray(spec)) {
    throw new TypeError('"spec" must be undefined, { roles }, { config }, a function, or permission strings');
  }
  if (Object.hasOwn(spec, 'config'))
    return { kind: 'enforcer', enforcer: compileEnforcer(spec as Partial<PolicyEnforcerSpec>, claimProviders) };
  return compileRoles(spec as Partial<RolesSpec>, clientId);
}

function compileRoles<R>(spec: Partial<RolesSpec>, clientId: string): ClaimsSpec<R> {
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
  return { kind: 'claims', allows, deniedReason: 'role_missing' };
}
