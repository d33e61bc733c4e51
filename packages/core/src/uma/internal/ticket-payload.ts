/** Groups permissions by resource into the body of a permission ticket request. */
import type { PermissionTicketRequest } from '../types.js';

/** One resource id and the scopes asked of it; scopes of the same resource are merged, order kept. */
export function ticketPayload(entries: Iterable<{ resourceId: string; scope: string }>): PermissionTicketRequest[] {
  const byResource = new Map<string, Set<string>>();
  for (const { resourceId, scope } of entries) {
    const scopes = byResource.get(resourceId) ?? new Set<string>();
    if (scope !== '') scopes.add(scope);
    byResource.set(resourceId, scopes);
  }
  return [...byResource].map(([resourceId, scopes]) => ({ resource_id: resourceId, resource_scopes: [...scopes] }));
}
