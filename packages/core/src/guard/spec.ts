import type { GuardDenialReason } from '../errors.js';
import type { ClaimProvider, PolicyEnforcer } from '../authz/enforcer/policy-enforcer.js';
import type { KeycloakAccessTokenClaims } from '../token/claims.js';
import type { PermissionSet } from '../permissions/permission-set.js';
import { compileClaimsRequirements, type ClaimsRefusal } from './internal/claims-requirements.js';
import { compileEnforcer, compilePermissions, type PolicyEnforcerSpec } from './permission-spec.js';

export type { PolicyEnforcerSpec } from './permission-spec.js';
export type { ClaimsRefusal } from './internal/claims-requirements.js';

/** A custom check: allowed when it returns (or resolves to) true. */
export type GuardPredicate<R = unknown, C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims> = (
  token: Readonly<C>,
  request: R,
) => boolean | Promise<boolean>;

/**
 * Roles in keycloak-connect's grammar: `realm:NAME` a realm role, `CLIENT:NAME` a role of client CLIENT,
 * a bare `NAME` a role of the configured client. `mode` defaults to `any`. With `scopes` too, both lists
 * must be satisfied (`mode` applies within each). A refusal is 403 `insufficient_scope` whose
 * `error_description` names the roles as written here (`Missing roles: realm:admin` in mode `all`,
 * `Missing one of the roles: realm:admin orders-api:auditor` in mode `any`), reason `role_missing`.
 */
export interface RolesSpec {
  roles: readonly string[];
  /** OAuth scopes the token's `scope` claim must list too; see {@link ScopesSpec}. */
  scopes?: readonly string[];
  mode?: 'any' | 'all';
}

/**
 * OAuth scopes the token's `scope` claim (space-separated, RFC 9068 §2.2.3; Keycloak lists the client
 * scopes granted there) must list: one of them in mode `any` (the default), every one in mode `all`.
 * Each must be an RFC 6749 scope-token (no spaces or quotes). A refusal is 403 `insufficient_scope`
 * naming the missing scopes, with RFC 6750's `scope="..."` attribute listing the route's scopes,
 * reason `scope_missing`. With `roles` too, both lists must be satisfied (roles are checked first).
 */
export interface ScopesSpec {
  scopes: readonly string[];
  /** Roles the token must hold too; see {@link RolesSpec}. */
  roles?: readonly string[];
  mode?: 'any' | 'all';
}

/**
 * What `protect(spec)` accepts: nothing (any valid access token), roles and/or OAuth scopes, a predicate, UMA permissions
 * (`'resource:scope'` or `'resource#scope1,scope2'`, one or a list, all required; see
 * `parseProtectPermission` in permission-spec.ts) decided by Keycloak, or a policy-enforcer config `{ config }` deciding
 * per path and method.
 */
export type ProtectSpec<R = unknown, C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims> =
  | undefined
  | RolesSpec
  | ScopesSpec
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
  /** Says what was missing, called only after `allows` said no; without it the refusal is generic. */
  explain?(claims: Readonly<KeycloakAccessTokenClaims>): ClaimsRefusal;
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
    throw new TypeError(
      '"spec" must be undefined, { roles }, { scopes }, { config }, a function, or permission strings',
    );
  }
  if (Object.hasOwn(spec, 'config'))
    return { kind: 'enforcer', enforcer: compileEnforcer(spec as Partial<PolicyEnforcerSpec>, claimProviders) };
  return compileClaimsRequirements(spec, clientId);
}
