import type { AuthzPolicy, AuthzResource, ResourceServerModel } from './types.js';

/**
 * Deletions with the cascades of Keycloak's AuthorizationProvider stores, shared by the admin API and the
 * Protection API so the model never keeps a dangling id.
 */

/**
 * Deletes a policy: other policies stop applying it (one left applying nothing goes too), and a user-managed
 * (uma) policy takes its own children along.
 */
export function removePolicy(server: ResourceServerModel, policy: AuthzPolicy): void {
  server.policies.delete(policy.id);
  const orphans: AuthzPolicy[] = [];
  for (const other of server.policies.values()) {
    if (!other.policies.includes(policy.id)) continue;
    other.policies = other.policies.filter((id) => id !== policy.id);
    // A policy or permission that applied only this one goes with it (as measured on Keycloak 26.7.3).
    if (other.policies.length === 0) orphans.push(other);
  }
  for (const orphan of orphans) if (server.policies.has(orphan.id)) removePolicy(server, orphan);
  if (policy.type === 'uma') {
    for (const id of policy.policies) {
      const child = server.policies.get(id);
      if (child) removePolicy(server, child);
    }
  }
}

/** Deletes a resource, its tickets, and the policies that applied only to it (others just lose it). */
export function removeResource(server: ResourceServerModel, resource: AuthzResource): void {
  server.resources.delete(resource.id);
  for (const ticket of [...server.tickets.values()])
    if (ticket.resource === resource.id) server.tickets.delete(ticket.id);
  for (const policy of [...server.policies.values()]) {
    if (!policy.resources.includes(resource.id)) continue;
    if (policy.resources.length === 1) removePolicy(server, policy);
    else policy.resources = policy.resources.filter((id) => id !== resource.id);
  }
}
