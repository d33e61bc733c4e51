import { policyEffect, strategyGrants, type Effect, type PolicyEnv } from './policies.js';
import type { AuthzPolicy, AuthzResource, AuthzScope } from './types.js';

/** One resource (or none, for scope-only requests) and the scopes asked of it: Keycloak's ResourcePermission. */
export interface ResourcePermission {
  resource: AuthzResource | undefined;
  scopes: AuthzScope[];
  /** Claims pushed for this permission (ticket claims), echoed in the granted permission. */
  claims?: Record<string, string[]>;
}

/** A granted permission as Keycloak's Permission representation serialises it. */
export interface GrantedPermission {
  rsid?: string;
  rsname?: string;
  scopes?: string[];
  claims?: Record<string, string[]>;
}

interface PermissionResult {
  permission: AuthzPolicy;
  effects: Effect[];
}

/** DefaultPolicyEvaluator: permissions on the resource, on its type, and scope permissions on the asked scopes. */
function applicablePermissions(env: PolicyEnv, target: ResourcePermission): AuthzPolicy[] {
  const { resource, scopes } = target;
  const scopeIds = new Set(scopes.map((s) => s.id));
  const out: AuthzPolicy[] = [];
  for (const policy of env.server.policies.values()) {
    const onResource = resource !== undefined && policy.resources.includes(resource.id);
    if (policy.type === 'resource') {
      const typed = resource?.type !== undefined && policy.config['defaultResourceType'] === resource.type;
      if (onResource || typed) out.push(policy);
    } else if (policy.type === 'scope') {
      if (policy.scopes.some((id) => scopeIds.has(id)) && (policy.resources.length === 0 || onResource))
        out.push(policy);
    } else if (policy.type === 'uma') {
      if (onResource && resource.ownerManagedAccess) out.push(policy);
    }
  }
  return out;
}

function grant(target: ResourcePermission, scopes: readonly AuthzScope[], includeName: boolean): GrantedPermission {
  const out: GrantedPermission = {};
  if (target.resource) {
    out.rsid = target.resource.id;
    if (includeName) out.rsname = target.resource.name;
  }
  if (scopes.length > 0) out.scopes = scopes.map((s) => s.name);
  if (target.claims && Object.keys(target.claims).length > 0) out.claims = target.claims;
  return out;
}

/** DecisionPermissionCollector.onComplete for one evaluated ResourcePermission; undefined when nothing is granted. */
function collect(env: PolicyEnv, target: ResourcePermission, results: PermissionResult[]): AuthzScope[] | undefined {
  const { resource, scopes: requested } = target;
  const granted = new Set<AuthzScope>();
  const deniedDirect = new Set<AuthzScope>();
  const deniedTyped = new Set<AuthzScope>();
  const userManaged: AuthzPolicy[] = [];
  let resourceGranted = false;
  let anyDeny = false;
  const ownedByServer = (r: AuthzResource) => r.owner === env.server.id;
  for (const { permission, effects } of results) {
    const containsResource = resource !== undefined && permission.resources.includes(resource.id);
    const policyScopes = requested.filter((s) => permission.scopes.includes(s.id));
    if (strategyGrants(permission.decisionStrategy, effects, permission.policies.length)) {
      if (permission.type === 'scope') {
        for (const scope of policyScopes) granted.add(scope);
      } else if (permission.type === 'resource') {
        for (const scope of requested) granted.add(scope);
      } else if (resource?.ownerManagedAccess && permission.type === 'uma') userManaged.push(permission);
      const grantsResource = permission.type !== 'scope' || (resource !== undefined && !ownedByServer(resource));
      resourceGranted ||= grantsResource && containsResource;
    } else {
      if (permission.type === 'resource') {
        if (containsResource || !resourceGranted) {
          const first = env.server.resources.get(permission.resources[0] ?? '');
          const typed =
            permission.config['defaultResourceType'] !== undefined ||
            (first?.type !== undefined && ownedByServer(first));
          for (const scope of requested) (typed ? deniedTyped : deniedDirect).add(scope);
        }
      } else if (containsResource || permission.resources.length === 0) {
        for (const id of permission.scopes) {
          const scope = env.server.scopes.get(id);
          if (scope) deniedDirect.add(scope);
        }
      }
      anyDeny = true;
    }
  }
  if (env.server.decisionStrategy === 'AFFIRMATIVE') for (const scope of granted) deniedDirect.delete(scope);
  if (resourceGranted) {
    for (const scope of granted) deniedTyped.delete(scope);
    for (const scope of deniedTyped) deniedDirect.add(scope);
  }
  if (deniedDirect.size === 0) for (const scope of deniedTyped) deniedDirect.add(scope);
  for (const scope of deniedDirect) granted.delete(scope);
  if (userManaged.length === 0) {
    if (!resourceGranted && granted.size === 0 && requested.length > 0) return undefined;
  } else {
    for (const policy of userManaged) {
      for (const id of policy.scopes) {
        const scope = env.server.scopes.get(id);
        if (scope && (requested.length === 0 || requested.includes(scope))) granted.add(scope);
      }
    }
    if (granted.size === 0 && (resource?.scopes.length ?? 0) > 0) return undefined;
    anyDeny = false;
  }
  // A scope the resource does not hold is never granted on it, whatever grants the resource (`R#GET,PATCH`
  // on a resource of GET and POST answers GET only; `R#PATCH` is refused), as Keycloak 26 answers.
  if (resource !== undefined && resource.scopes.length > 0)
    for (const scope of [...granted]) if (!resource.scopes.includes(scope)) granted.delete(scope);
  if (
    requested.length > 0 &&
    granted.size === 0 &&
    !(resource !== undefined && resource.scopes.length === 0 && resourceGranted)
  )
    return undefined;
  if (anyDeny && granted.size === 0) return undefined;
  return requested.filter((s) => granted.has(s)).concat([...granted].filter((s) => !requested.includes(s)));
}

// PermissionTicketAwareDecisionResultCollector: scopes the owner granted through tickets.
function ticketScopes(env: PolicyEnv, resource: AuthzResource): AuthzScope[] | undefined {
  const tickets = [...env.server.tickets.values()].filter(
    (t) => t.resource === resource.id && t.requester === env.identity.id && t.grantedTimestamp !== undefined,
  );
  if (tickets.length === 0) return undefined;
  if (tickets.some((t) => t.scope === undefined)) return resource.scopes;
  return resource.scopes.filter((s) => tickets.some((t) => t.scope === s.id));
}

/**
 * Evaluates requested permissions the way Keycloak's token endpoint does and returns what is granted, in request
 * order. Enforcement mode DISABLED grants everything; a request no permission covers is granted only in PERMISSIVE
 * mode; the owner of an owner-managed resource always has it; granted tickets add their scopes.
 */
export function evaluatePermissions(
  env: PolicyEnv,
  targets: readonly ResourcePermission[],
  includeResourceName = true,
): GrantedPermission[] {
  const out: GrantedPermission[] = [];
  for (const target of targets) {
    const { resource, scopes } = target;
    const emptyOnScoped = scopes.length === 0 && (resource?.scopes.length ?? 0) > 0;
    if (
      env.server.policyEnforcementMode === 'DISABLED' ||
      (resource?.ownerManagedAccess && resource.owner === env.identity.id)
    ) {
      if (!emptyOnScoped) out.push(grant(target, scopes, includeResourceName));
      continue;
    }
    const applicable = applicablePermissions(env, target);
    if (applicable.length === 0) {
      const byTicket = resource ? ticketScopes(env, resource) : undefined;
      if (byTicket)
        out.push(
          grant(
            target,
            byTicket.filter((s) => scopes.length === 0 || scopes.includes(s)),
            includeResourceName,
          ),
        );
      else if (env.server.policyEnforcementMode === 'PERMISSIVE' && !emptyOnScoped)
        out.push(grant(target, scopes, includeResourceName));
      continue;
    }
    // A permission without associated policies produces no decision at all (no Result in the collector).
    const results = applicable
      .filter((permission) => permission.policies.length > 0)
      .map((permission) => ({
        permission,
        effects: permission.policies
          .map((id) => env.server.policies.get(id))
          .filter((p): p is AuthzPolicy => !!p)
          .map((child) => policyEffect(child, env)),
      }));
    let granted = results.length > 0 ? collect(env, target, results) : undefined;
    const byTicket = resource ? ticketScopes(env, resource) : undefined;
    if (byTicket)
      granted = [
        ...new Set([...(granted ?? []), ...byTicket.filter((s) => scopes.length === 0 || scopes.includes(s))]),
      ];
    if (granted) out.push(grant(target, granted, includeResourceName));
  }
  return out;
}
