/**
 * The permissions a request needs, normalised once (when a route is declared) so that equal needs
 * share one cache key and one UMA request, and the exact matching of what Keycloak granted against them.
 *
 * Matching follows Keycloak: a granted permission names its resource by `rsname` or `rsid`; a granted
 * permission without scopes grants the whole resource, every scope of it (Keycloak's policy enforcer,
 * and what the UMA grant returns for a resource that has no scopes); every requested resource and, in
 * mode ALL, every requested scope must be granted.
 */
import { KeycloakPermissionFormatError } from '../errors.js';
import { formatPermissionString, parsePermissionString } from '../authz/permission-string.js';
import type { KeycloakPermission } from '../token/claims.js';

/** How the scopes of a requirement must be granted (the policy enforcer's `scopes-enforcement-mode`). */
export type RequirementScopesMode = 'ALL' | 'ANY' | 'DISABLED';

/** One needed permission; the policy enforcer's resolved permission has this shape. */
export interface PermissionRequirement {
  /** Resource name or id; absent for a scope asked of any resource (`#scope`). */
  readonly resource?: string;
  readonly scopes: readonly string[];
  /** Default `ALL`. `ANY` needs one of the scopes; `DISABLED` needs the resource only. */
  readonly scopesEnforcementMode?: RequirementScopesMode;
}

/** A needed permission: `resource`, `resource#scope1,scope2`, `#scope`, or a requirement object. */
export type PermissionSpec = string | PermissionRequirement;

/** The outcome of matching grants against a {@link PermissionSet}. */
export interface PermissionMatch {
  readonly allowed: boolean;
  /** The granted permissions that concern the needed resources and scopes. */
  readonly granted: readonly KeycloakPermission[];
  /**
   * What was not granted: `resource`, `resource#scope` for each missing scope (mode ALL), or
   * `resource#a|b` when none of the scopes was granted (mode ANY).
   */
  readonly missing: readonly string[];
}

interface Requirement {
  readonly resource: string | undefined;
  readonly scopes: readonly string[];
  readonly any: boolean;
}

/** A normalised, immutable set of needed permissions. */
export class PermissionSet {
  readonly #requirements: readonly Requirement[];
  readonly #key: string;
  readonly #params: readonly string[];

  private constructor(requirements: Requirement[]) {
    this.#requirements = requirements;
    this.#key = JSON.stringify(requirements.map((r) => [r.resource ?? null, r.any ? 1 : 0, r.scopes]));
    this.#params = umaParams(requirements);
  }

  /**
   * Parses and normalises permissions: scopes of the same resource and mode are merged and sorted,
   * duplicates dropped, a one-scope ANY is an ALL, DISABLED keeps the resource only.
   * @throws KeycloakPermissionFormatError for a malformed string, an empty list, or a scope-less `#`.
   */
  static from(specs: PermissionSet | PermissionSpec | readonly PermissionSpec[]): PermissionSet {
    if (specs instanceof PermissionSet) return specs;
    const list: readonly PermissionSpec[] =
      typeof specs === 'string' || !Array.isArray(specs) ? [specs as PermissionSpec] : specs;
    if (list.length === 0) throw new KeycloakPermissionFormatError('At least one permission is needed');
    const merged = new Map<string, { resource: string | undefined; any: boolean; scopes: Set<string> }>();
    for (const spec of list) {
      const { resource, scopes, any } = toRequirement(spec);
      const key = JSON.stringify([resource ?? null, any]);
      const entry = merged.get(key) ?? { resource, any, scopes: new Set<string>() };
      for (const scope of scopes) entry.scopes.add(scope);
      merged.set(key, entry);
    }
    const requirements = [...merged.values()]
      .map(({ resource, any, scopes }) => ({ resource, any: any && scopes.size > 1, scopes: [...scopes].sort() }))
      .sort((a, b) => compare(a.resource ?? '', b.resource ?? '') || Number(a.any) - Number(b.any));
    return new PermissionSet(requirements);
  }

  /** A stable key: equal sets of needs have equal keys whatever the order they were written in. */
  get key(): string {
    return this.#key;
  }

  /** The `permission` values to send to Keycloak's UMA grant, one per resource. */
  get params(): readonly string[] {
    return this.#params;
  }

  /** The needs in Keycloak's notation (`resource#a,b`), for messages. */
  toString(): string {
    return this.#requirements.map((r) => formatPermissionString(toRequest(r)) + (r.any ? ' (any)' : '')).join(' ');
  }

  /** Exact matching of `granted` against these needs. */
  match(granted: readonly KeycloakPermission[]): PermissionMatch {
    const missing: string[] = [];
    const used = new Set<KeycloakPermission>();
    for (const requirement of this.#requirements) {
      const grants = granted.filter((grant) => concerns(grant, requirement));
      for (const grant of grants) used.add(grant);
      missing.push(...missingOf(requirement, grants));
    }
    return { allowed: missing.length === 0, granted: granted.filter((grant) => used.has(grant)), missing };
  }

  /** Every need reported missing, as {@link match} reports them when nothing is granted. */
  allMissing(): string[] {
    return this.#requirements.flatMap((requirement) => missingOf(requirement, []));
  }
}

function toRequirement(spec: PermissionSpec): Requirement {
  if (typeof spec === 'string') {
    const { resource, scopes } = parsePermissionString(spec);
    return { resource, scopes, any: false };
  }
  if (spec === null || typeof spec !== 'object' || !Array.isArray(spec.scopes)) {
    throw new KeycloakPermissionFormatError('A permission must be a string or { resource?, scopes }');
  }
  const mode = spec.scopesEnforcementMode ?? 'ALL';
  if (mode !== 'ALL' && mode !== 'ANY' && mode !== 'DISABLED')
    throw new KeycloakPermissionFormatError(`Unknown scopes enforcement mode ${String(mode)}`);
  const resource = spec.resource === undefined || spec.resource === '' ? undefined : spec.resource;
  const scopes = mode === 'DISABLED' ? [] : spec.scopes;
  // Validates names the same way as strings (no '#' or ',' inside, no empty scope).
  parsePermissionString(formatPermissionString({ ...(resource === undefined ? {} : { resource }), scopes }));
  return { resource, scopes, any: mode === 'ANY' };
}

function toRequest(requirement: Requirement): { resource?: string; scopes: readonly string[] } {
  return requirement.resource === undefined
    ? { scopes: requirement.scopes }
    : { resource: requirement.resource, scopes: requirement.scopes };
}

function umaParams(requirements: readonly Requirement[]): string[] {
  const byResource = new Map<string, Set<string>>();
  for (const requirement of requirements) {
    const scopes = byResource.get(requirement.resource ?? '') ?? new Set<string>();
    for (const scope of requirement.scopes) scopes.add(scope);
    byResource.set(requirement.resource ?? '', scopes);
  }
  return [...byResource].map(([resource, scopes]) =>
    formatPermissionString({ ...(resource === '' ? {} : { resource }), scopes: [...scopes] }),
  );
}

function grantScopes(grant: KeycloakPermission): readonly string[] {
  return Array.isArray(grant.scopes) ? grant.scopes : [];
}

function concerns(grant: KeycloakPermission, requirement: Requirement): boolean {
  if (requirement.resource !== undefined)
    return grant.rsname === requirement.resource || grant.rsid === requirement.resource;
  return grantScopes(grant).some((scope) => requirement.scopes.includes(scope));
}

function missingOf(requirement: Requirement, grants: readonly KeycloakPermission[]): string[] {
  const prefix = requirement.resource ?? '';
  if (requirement.scopes.length === 0) return grants.length > 0 ? [] : [prefix];
  // A grant without scopes is the whole resource; it says nothing of a scope asked of any resource.
  const whole = requirement.resource !== undefined && grants.some((grant) => grantScopes(grant).length === 0);
  const has = (scope: string): boolean => whole || grants.some((grant) => grantScopes(grant).includes(scope));
  if (requirement.any) return requirement.scopes.some(has) ? [] : [`${prefix}#${requirement.scopes.join('|')}`];
  return requirement.scopes.filter((scope) => !has(scope)).map((scope) => `${prefix}#${scope}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
