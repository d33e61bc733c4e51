import type { ClientModel, RealmModel } from '../model/types.js';
import { policyFromRepresentation } from './policy-input.js';
import type { ResourceServerRepresentation } from './representations.js';
import { resourceFromRepresentation, scopeFromRepresentation } from './resource-input.js';
import { enableAuthorization } from './resource-server.js';
import {
  DECISION_STRATEGIES,
  ENFORCEMENT_MODES,
  type DecisionStrategy,
  type PolicyEnforcementMode,
  type ResourceServerModel,
} from './types.js';

/**
 * Applies the top-level settings of a representation; fields left out take ResourceServerRepresentation's
 * defaults (remote resource management allowed, ENFORCING, UNANIMOUS), as an import on Keycloak 26.7.3 shows.
 */
export function applySettings(server: ResourceServerModel, rep: ResourceServerRepresentation): void {
  server.allowRemoteResourceManagement =
    typeof rep.allowRemoteResourceManagement === 'boolean' ? rep.allowRemoteResourceManagement : true;
  server.policyEnforcementMode = (ENFORCEMENT_MODES as readonly unknown[]).includes(rep.policyEnforcementMode)
    ? (rep.policyEnforcementMode as PolicyEnforcementMode)
    : 'ENFORCING';
  server.decisionStrategy = (DECISION_STRATEGIES as readonly unknown[]).includes(rep.decisionStrategy)
    ? (rep.decisionStrategy as DecisionStrategy)
    : 'UNANIMOUS';
}

/**
 * Imports exported authorization settings into a client's resource server (`.../resource-server/import`, or a
 * realm import's `clients[].authorizationSettings`), as Keycloak's RepresentationToModel.toModel does: settings,
 * scopes, resources, then policies in an order that lets permissions name policies defined after them.
 * `policyFailure` turns the error of a policy that does not resolve into what is thrown (default: that error, the
 * admin API's answer); a realm import names the policy with it.
 */
export function importAuthorizationSettings(
  realm: RealmModel,
  client: ClientModel,
  rep: ResourceServerRepresentation,
  nowMs: number,
  policyFailure: (policy: unknown, error: unknown) => unknown = (_policy, error) => error,
): ResourceServerModel {
  const server = enableAuthorization(realm, client, nowMs, false);
  applySettings(server, rep);
  for (const scopeRep of rep.scopes ?? []) {
    const existing = [...server.scopes.values()].find((s) => s.name === scopeRep.name);
    const scope = scopeFromRepresentation(server, scopeRep, existing);
    server.scopes.set(scope.id, scope);
  }
  for (const resourceRep of rep.resources ?? []) {
    const existing = [...server.resources.values()].find((r) => r.name === resourceRep.name && r.owner === server.id);
    const resource = resourceFromRepresentation(realm, server, resourceRep, server.id, existing);
    server.resources.set(resource.id, resource);
  }
  // Leaf policies first, then whatever depends on them, until nothing more resolves (a missing name then fails).
  let pending = [...(rep.policies ?? [])];
  while (pending.length > 0) {
    const next = pending.filter((policyRep) => {
      const existing = [...server.policies.values()].find((p) => p.name === policyRep.name);
      try {
        const policy = policyFromRepresentation(realm, server, policyRep, existing);
        server.policies.set(policy.id, policy);
        return false;
      } catch (error) {
        if (pending.length === 1) throw policyFailure(policyRep.name, error);
        return true;
      }
    });
    if (next.length === pending.length) {
      const first = next[0] ?? {};
      try {
        policyFromRepresentation(realm, server, first);
      } catch (error) {
        throw policyFailure(first.name, error); // the reason it does not resolve
      }
      break;
    }
    pending = next;
  }
  return server;
}
