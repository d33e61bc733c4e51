import type { ClientModel } from '../../model/types.js';

// A client's registered cluster nodes, kept apart from the routes that change them (client-nodes.ts) because the
// client representation reads them too.
const NODES = 'admin.registeredNodes';

/** The client's registered nodes (node -> registration time in seconds), created empty on first use. */
export function nodesOf(client: ClientModel): Record<string, number> {
  return ((client.extensions[NODES] as Record<string, number> | undefined) ??= {});
}

/** `registeredNodes` of the client representation: node -> registration time (seconds), when there are some. */
export function registeredNodesOf(client: ClientModel): { registeredNodes?: Record<string, number> } {
  const nodes = client.extensions[NODES] as Record<string, number> | undefined;
  return nodes && Object.keys(nodes).length > 0 ? { registeredNodes: { ...nodes } } : {};
}
