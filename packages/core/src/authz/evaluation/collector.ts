/**
 * Combines the permissions that apply to one requested resource into granted scopes, following
 * Keycloak's DecisionPermissionCollector (server-spi-private/.../policy/evaluation).
 */
import type { AuthzPolicy, AuthzResource } from '../settings/model.js';
import type { DecisionStrategy } from '../settings/types.js';
import type { PolicyTrace } from './policy-evaluator.js';

/** One permission's verdict for a requested resource, with the policies behind it. */
export interface PermissionTrace {
  readonly permission: string;
  readonly type: 'resource' | 'scope';
  readonly decisionStrategy: DecisionStrategy;
  readonly granted: boolean;
  readonly policies: readonly PolicyTrace[];
}

/** Input of {@link collectScopes}: a permission with its verdict. */
export interface PermissionVerdict {
  readonly permission: AuthzPolicy;
  readonly granted: boolean;
}

/** What the resource server concluded for one requested resource. */
export interface CollectedDecision {
  readonly granted: boolean;
  readonly scopes: readonly string[];
}

/**
 * Applies the collector's rules: a granted resource permission grants every requested scope, a
 * granted scope permission its own scopes; a denied resource permission denies every requested
 * scope, a denied scope permission its scopes; AFFIRMATIVE at the resource server lets a grant win
 * over a deny; a typed (resourceType) denial yields to a grant by a permission on the resource itself.
 */
export function collectScopes(
  resource: AuthzResource | undefined,
  requestedScopes: readonly string[],
  verdicts: readonly PermissionVerdict[],
  serverStrategy: DecisionStrategy,
  isOwnedByServer: (resource: AuthzResource) => boolean,
): CollectedDecision {
  const granted = new Set<string>();
  const deniedDirect = new Set<string>();
  const deniedByType = new Set<string>();
  let resourceGranted = false;
  let anyDeny = false;

  for (const { permission, granted: isGranted } of verdicts) {
    const containsResource = resource !== undefined && permission.resources.includes(resource);
    if (isGranted) {
      if (permission.type === 'scope') {
        for (const scope of requestedScopes) {
          if (!permission.scopes.includes(scope)) continue;
          granted.add(scope);
          if (resource !== undefined && !resource.scopes.includes(scope)) deniedDirect.delete(scope);
        }
      } else {
        for (const scope of requestedScopes) granted.add(scope);
      }
      const grantsResource = permission.type !== 'scope' || (resource !== undefined && !isOwnedByServer(resource));
      if (!resourceGranted) resourceGranted = grantsResource && containsResource;
    } else {
      if (permission.type === 'resource') {
        if (containsResource || !resourceGranted) {
          const target = isTypedPermission(permission, isOwnedByServer) ? deniedByType : deniedDirect;
          for (const scope of requestedScopes) target.add(scope);
        }
      } else if (containsResource || permission.resources.length === 0) {
        for (const scope of permission.scopes) deniedDirect.add(scope);
      }
      anyDeny = true;
    }
  }

  if (serverStrategy === 'AFFIRMATIVE') for (const scope of granted) deniedDirect.delete(scope);
  if (resourceGranted) {
    for (const scope of granted) deniedByType.delete(scope);
    for (const scope of deniedByType) deniedDirect.add(scope);
  }
  if (deniedDirect.size === 0) for (const scope of deniedByType) deniedDirect.add(scope);
  for (const scope of deniedDirect) granted.delete(scope);

  if (!resourceGranted && granted.size === 0 && requestedScopes.length > 0) return { granted: false, scopes: [] };
  if (anyDeny && granted.size === 0) return { granted: false, scopes: [] };
  return { granted: true, scopes: requestedScopes.filter((scope) => granted.has(scope)) };
}

/** DecisionPermissionCollector.isTypedResourcePermission. */
function isTypedPermission(permission: AuthzPolicy, isOwnedByServer: (resource: AuthzResource) => boolean): boolean {
  const first = permission.resources[0];
  return (
    permission.resourceType !== undefined || (first !== undefined && first.type !== undefined && isOwnedByServer(first))
  );
}
