/**
 * Local evaluation of exported authorization settings against a token's identity, with Keycloak's
 * semantics (DefaultPolicyEvaluator + DecisionPermissionCollector) and an explanation trace.
 */
import { KeycloakOperationError } from '../../errors.js';
import type { PermissionRequest } from '../permission-string.js';
import { compileAuthorizationSettings, isCompiledSettings } from '../settings/compile.js';
import type { AuthorizationSettings, AuthzPolicy, AuthzResource } from '../settings/model.js';
import type { PolicyEnforcementMode } from '../settings/types.js';
import { collectScopes, type PermissionTrace } from './collector.js';
import { createAuthzIdentity, type AuthzClaims } from './identity.js';
import { evaluatePolicy, isGranted, type EvaluationEnvironment, type PolicyTrace } from './policy-evaluator.js';

/** Options of {@link evaluatePermissions}. */
export interface EvaluationRequest {
  /** What to evaluate; absent or empty = every resource of the server with all its scopes (entitlement). */
  permissions?: readonly PermissionRequest[];
  /** Context attributes, e.g. pushed claims (`{ organization: ['acme'] }`) or `kc.time.date_time`. */
  attributes?: Readonly<Record<string, readonly string[]>>;
  /** The clock for time policies, in epoch ms. Defaults to `Date.now`. */
  now?: () => number;
}

/** A granted permission, shaped as in an RPT's `authorization.permissions`. */
export interface GrantedPermission {
  /** Resource id (the resource name when the export carries no id); absent for scope-only grants. */
  rsid?: string;
  rsname?: string;
  scopes: string[];
}

/** How one requested resource was decided. */
export interface ResourceDecisionTrace {
  readonly resource: string | undefined;
  readonly requestedScopes: readonly string[];
  readonly granted: boolean;
  readonly grantedScopes: readonly string[];
  readonly reason: string;
  readonly permissions: readonly PermissionTrace[];
}

/** The outcome of {@link evaluatePermissions}. */
export interface EvaluationResult {
  /** Granted permissions (omits everything denied), as Keycloak would put them in an RPT. */
  readonly permissions: GrantedPermission[];
  readonly enforcementMode: PolicyEnforcementMode;
  /** One entry per requested resource: which permission and policy granted or denied what. */
  readonly trace: readonly ResourceDecisionTrace[];
  /** Policies that were evaluated but cannot run locally (JavaScript, uma): they counted as DENY. */
  readonly unevaluatedPolicies: readonly string[];
}

interface ResourcePermission {
  readonly resource: AuthzResource | undefined;
  readonly scopes: string[];
}

function resolveRequests(
  settings: AuthorizationSettings,
  requests: readonly PermissionRequest[] | undefined,
): ResourcePermission[] {
  if (requests === undefined || requests.length === 0) {
    return settings.resources.map((resource) => ({ resource, scopes: [...resource.scopes] }));
  }
  const merged = new Map<AuthzResource | string, ResourcePermission>();
  const add = (resource: AuthzResource | undefined, scopes: readonly string[]): void => {
    const key = resource ?? `#${scopes.join(',')}`;
    const entry = merged.get(key) ?? { resource, scopes: [] };
    for (const scope of scopes) if (!entry.scopes.includes(scope)) entry.scopes.push(scope);
    merged.set(key, entry);
  };
  for (const request of requests) {
    for (const scope of request.scopes) {
      // Keycloak answers 400 invalid_scope for these
      if (!settings.scopes.includes(scope))
        throw new KeycloakOperationError(`One of the given scopes [${scope}] is invalid`);
    }
    if (request.resource !== undefined) {
      const resource = settings.resources.find((r) => r.id === request.resource || r.name === request.resource);
      if (resource === undefined)
        throw new KeycloakOperationError(`Resource with id [${request.resource}] does not exist.`);
      add(resource, request.scopes.length === 0 ? resource.scopes : request.scopes);
      continue;
    }
    const holders = settings.resources.filter((resource) =>
      request.scopes.some((scope) => resource.scopes.includes(scope)),
    );
    if (holders.length === 0) add(undefined, request.scopes);
    for (const resource of holders)
      add(
        resource,
        request.scopes.filter((scope) => resource.scopes.includes(scope)),
      );
  }
  return [...merged.values()];
}

/** DefaultPolicyEvaluator: scope permissions on the requested scopes, typed and direct resource permissions. */
function applicablePermissions(settings: AuthorizationSettings, target: ResourcePermission): AuthzPolicy[] {
  const { resource, scopes } = target;
  return settings.policies.filter((policy) => {
    if (policy.type === 'scope') {
      if (!policy.scopes.some((scope) => scopes.includes(scope))) return false;
      if (policy.resources.length > 0) return resource !== undefined && policy.resources.includes(resource);
      return policy.resourceType === undefined || policy.resourceType === resource?.type;
    }
    if (policy.type === 'resource' && resource !== undefined) {
      return (
        policy.resources.includes(resource) ||
        (policy.resourceType !== undefined && policy.resourceType === resource.type)
      );
    }
    return false;
  });
}

function grant(resource: AuthzResource | undefined, scopes: readonly string[]): GrantedPermission {
  return resource === undefined
    ? { scopes: [...scopes] }
    : { rsid: resource.id, rsname: resource.name, scopes: [...scopes] };
}

/**
 * Evaluates which permissions the identity holds, as Keycloak's token endpoint would for a UMA
 * grant: per resource, the applicable permissions decide over their policies by their decision
 * strategy, then the resource server's decision strategy combines them; the enforcement mode
 * decides resources no permission covers. JavaScript and uma policies count as DENY and are listed
 * in `unevaluatedPolicies`.
 *
 * @param settings - compiled settings, or the raw export (compiled on each call).
 * @param claims - claims of a verified access token.
 * @throws KeycloakAuthorizationConfigError for invalid raw settings; KeycloakOperationError for a
 * request naming an unknown resource or scope.
 */
export function evaluatePermissions(
  settings: AuthorizationSettings | unknown,
  claims: AuthzClaims,
  request: EvaluationRequest = {},
): EvaluationResult {
  const compiled = isCompiledSettings(settings) ? settings : compileAuthorizationSettings(settings);
  const env: EvaluationEnvironment = {
    identity: createAuthzIdentity(claims),
    nowMs: (request.now ?? Date.now)(),
    attributes: request.attributes ?? {},
  };
  const cache = new Map<AuthzPolicy, PolicyTrace>();
  const mode = compiled.policyEnforcementMode;
  const ownedByServer = (resource: AuthzResource): boolean =>
    resource.owner === undefined || resource.owner === compiled.clientId;
  const permissions: GrantedPermission[] = [];
  const trace: ResourceDecisionTrace[] = [];

  for (const target of resolveRequests(compiled, request.permissions)) {
    const base = { resource: target.resource?.name, requestedScopes: target.scopes };
    if (mode === 'DISABLED') {
      permissions.push(grant(target.resource, target.scopes));
      trace.push({
        ...base,
        granted: true,
        grantedScopes: target.scopes,
        reason: 'policy enforcement is DISABLED',
        permissions: [],
      });
      continue;
    }
    const applicable = applicablePermissions(compiled, target);
    if (applicable.length === 0) {
      const allowed = mode === 'PERMISSIVE';
      if (allowed) permissions.push(grant(target.resource, target.scopes));
      trace.push({
        ...base,
        granted: allowed,
        grantedScopes: allowed ? target.scopes : [],
        reason: `no permission applies (${mode})`,
        permissions: [],
      });
      continue;
    }
    // a permission without policies produces no decision at all in Keycloak, so it neither grants nor denies
    const decided = applicable.filter((permission) => permission.policies.length > 0);
    const permissionTraces: PermissionTrace[] = decided.map((permission) => {
      const policies = permission.policies.map((policy) => evaluatePolicy(policy, env, cache));
      return {
        permission: permission.name,
        type: permission.type as 'resource' | 'scope',
        decisionStrategy: permission.decisionStrategy,
        granted: isGranted(
          permission.decisionStrategy,
          policies.map((policy) => policy.effect),
        ),
        policies,
      };
    });
    const verdicts = decided.map((permission, index) => ({
      permission,
      granted: (permissionTraces[index] as PermissionTrace).granted,
    }));
    const decision =
      verdicts.length === 0
        ? { granted: false, scopes: [] }
        : collectScopes(target.resource, target.scopes, verdicts, compiled.decisionStrategy, ownedByServer);
    if (decision.granted) permissions.push(grant(target.resource, decision.scopes));
    const reason =
      verdicts.length === 0
        ? 'the applicable permissions have no policies'
        : `combined by the resource server's ${compiled.decisionStrategy} strategy`;
    trace.push({
      ...base,
      granted: decision.granted,
      grantedScopes: decision.scopes,
      reason,
      permissions: permissionTraces,
    });
  }

  const unevaluatedPolicies = [...cache.values()]
    .filter((entry) => entry.reason.startsWith('not evaluable locally'))
    .map((entry) => entry.policy);
  return { permissions, enforcementMode: mode, trace, unevaluatedPolicies: [...new Set(unevaluatedPolicies)] };
}
