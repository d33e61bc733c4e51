import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import { oauthError, type Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { findResource } from '../resource-server.js';
import { signTicket, type TicketPermission } from '../tickets.js';
import type { PermissionTicket } from '../types.js';
import { jsonBody, protectionCaller } from './guard.js';

interface PermissionRequestRep {
  resource_id?: unknown;
  resource_scopes?: unknown;
  claims?: unknown;
}

/** POST authz/protection/permission: a JSON array of requests -> 201 `{"ticket"}` (AbstractPermissionService). */
async function createTicket(ctx: RequestContext): Promise<Reply> {
  const { realm, server, claims } = await protectionCaller(ctx, false);
  const body = await jsonBody(ctx);
  // PermissionService.create reads a JSON array: any other JSON does not bind (Keycloak's "Cannot parse the JSON").
  if (body !== undefined && !Array.isArray(body)) throw oauthError(400, 'unknown_error', 'Cannot parse the JSON');
  const requests = (body ?? []) as PermissionRequestRep[];
  if (requests.length === 0) throw oauthError(400, 'invalid_permission_request', 'Invalid permission request.');
  const permissions: TicketPermission[] = requests.map((request) => {
    const scopes = Array.isArray(request.resource_scopes) ? request.resource_scopes.map(String) : [];
    const id = typeof request.resource_id === 'string' ? request.resource_id : undefined;
    if (!id && scopes.length === 0) throw oauthError(400, 'invalid_resource_id', 'Resource id or name not provided.');
    const resource = id ? findResource(server, id) : undefined;
    if (id && !resource)
      throw oauthError(400, 'invalid_resource_id', `Resource set with id [${id}] does not exists in this server.`);
    for (const name of scopes) {
      const known = resource
        ? resource.scopes.some((s) => s.name === name || s.id === name)
        : [...server.scopes.values()].some((s) => s.name === name);
      if (!known) throw oauthError(400, 'invalid_scope', `Scope [${name}] is invalid`);
    }
    const claims =
      request.claims && typeof request.claims === 'object' ? (request.claims as Record<string, string[]>) : undefined;
    return {
      ...(resource ? { rsid: resource.id } : {}),
      ...(scopes.length ? { scopes } : {}),
      ...(claims ? { claims } : {}),
    };
  });
  const ticket = await signTicket(
    realm,
    ctx.issuer(realm),
    ctx.nowSeconds,
    server.clientId,
    permissions,
    typeof claims['sub'] === 'string' ? claims['sub'] : undefined,
  );
  return { status: 201, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: { ticket } };
}

// PermissionTicketRepresentation in Keycloak's field order (names between `granted` and `requester`).
function ticketRep(
  t: PermissionTicket,
  names: boolean,
  ctxNames: (id: string) => string | undefined,
  scopeName: (id?: string) => string | undefined,
  resourceName: (id: string) => string | undefined,
) {
  return {
    id: t.id,
    owner: t.owner,
    resource: t.resource,
    ...(t.scope ? { scope: t.scope } : {}),
    granted: t.grantedTimestamp !== undefined,
    ...(names ? { scopeName: scopeName(t.scope), resourceName: resourceName(t.resource) } : {}),
    requester: t.requester,
    ...(names ? { ownerName: ctxNames(t.owner), requesterName: ctxNames(t.requester) } : {}),
  };
}

/**
 * POST authz/protection/permission/ticket (PermissionTicketService.create): a ticket record granted (or asked)
 * for a requester on a user-managed resource, answered 200 with its representation.
 */
async function createRecord(ctx: RequestContext): Promise<Reply> {
  const { realm, server } = await protectionCaller(ctx, false);
  const rep = (await jsonBody(ctx)) as Record<string, unknown> | undefined;
  if (!rep || typeof rep !== 'object' || Array.isArray(rep))
    throw oauthError(400, 'invalid_permission', 'invalid_permission');
  if (rep['id'] !== undefined) throw oauthError(400, 'invalid_permission', 'created permissions should not have id');
  // PermissionTicketService.create checks what is missing before it looks anything up.
  if (rep['resource'] === undefined)
    throw oauthError(400, 'invalid_permission', 'created permissions should have resource');
  if (rep['scope'] === undefined && rep['scopeName'] === undefined)
    throw oauthError(400, 'invalid_permission', 'created permissions should have scope or scopeName');
  if (rep['requester'] === undefined && rep['requesterName'] === undefined)
    throw oauthError(400, 'invalid_permission', 'created permissions should have requester or requesterName');
  const resourceId = String(rep['resource']);
  const resource = server.resources.get(resourceId);
  if (!resource)
    throw oauthError(
      400,
      'invalid_resource_id',
      `Resource set with id [${resourceId}] does not exists in this server.`,
    );
  if (!resource.ownerManagedAccess)
    throw oauthError(
      400,
      'invalid_permission',
      'permission can only be created for resources with user-managed access enabled',
    );
  const requester =
    typeof rep['requester'] === 'string'
      ? realm.users.get(rep['requester'])
      : [...realm.users.values()].find((u) => u.username === String(rep['requesterName']).toLowerCase());
  if (!requester) throw oauthError(400, 'invalid_permission', 'Requester does not exists in this server as user.');
  const scopeRef = rep['scope'] ?? rep['scopeName'];
  const scope = [...server.scopes.values()].find((s) => s.id === scopeRef || s.name === scopeRef);
  if (!scope || !resource.scopes.some((s) => s.id === scope.id))
    throw oauthError(400, 'invalid_scope', `Scope [${String(scopeRef)}] is invalid`);
  const now = ctx.kernel.clock.now();
  const ticket: PermissionTicket = {
    id: randomUUID(),
    owner: resource.owner,
    resource: resource.id,
    requester: requester.id,
    createdTimestamp: now,
    scope: scope.id,
  };
  if (rep['granted'] === true) ticket.grantedTimestamp = now;
  server.tickets.set(ticket.id, ticket);
  return {
    status: 200,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    body: ticketRep(
      ticket,
      false,
      () => undefined,
      () => undefined,
      () => undefined,
    ),
  };
}

/** GET/PUT authz/protection/permission/ticket and DELETE .../{id}: the ticket records (PermissionTicketService). */
async function tickets(ctx: RequestContext): Promise<Reply> {
  const { realm, server, user } = await protectionCaller(ctx, false);
  const serverCaller = user.serviceAccountClientId === server.id;
  const visible = (t: PermissionTicket) => serverCaller || t.owner === user.id || t.requester === user.id;
  if (ctx.req.method === 'DELETE') {
    const ticket = server.tickets.get(ctx.params['id'] ?? '');
    if (!ticket) throw oauthError(400, 'invalid_request', 'Ticket not found');
    if (!visible(ticket))
      throw oauthError(403, 'not_authorised', 'Only owner, requester or resource server can delete tickets');
    server.tickets.delete(ticket.id);
    return { status: 204 };
  }
  if (ctx.req.method === 'PUT') {
    const rep = (await jsonBody(ctx)) as { id?: unknown; granted?: unknown } | undefined;
    const ticket = server.tickets.get(String(rep?.id ?? ''));
    if (!ticket) throw oauthError(400, 'invalid_request', 'Ticket not found');
    if (!serverCaller && ticket.owner !== user.id)
      throw oauthError(403, 'not_authorised', 'Only owner or resource server can update tickets');
    if (rep?.granted === true) ticket.grantedTimestamp ??= ctx.kernel.clock.now();
    else delete ticket.grantedTimestamp;
    return { status: 204 };
  }
  const q = ctx.url.searchParams;
  const granted = q.get('granted');
  const list = [...server.tickets.values()].filter(
    (t) =>
      visible(t) &&
      (!q.get('resourceId') || t.resource === q.get('resourceId')) &&
      (!q.get('scopeId') || t.scope === q.get('scopeId')) &&
      (!q.get('owner') || t.owner === q.get('owner')) &&
      (!q.get('requester') || t.requester === q.get('requester')) &&
      (granted === null || (t.grantedTimestamp !== undefined) === (granted === 'true')),
  );
  if (ctx.url.pathname.endsWith('/count'))
    return { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: String(list.length) };
  // An owner is a user, or the resource server itself (named by its clientId).
  const userName = (id: string) => (id === server.id ? server.clientId : realm.users.get(id)?.username);
  return {
    status: 200,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    body: list.map((t) =>
      ticketRep(
        t,
        q.get('returnNames') === 'true',
        userName,
        (id) => (id ? server.scopes.get(id)?.name : undefined),
        (id) => server.resources.get(id)?.name,
      ),
    ),
  };
}

/** The Protection API's permission endpoints. */
export const permissionRoutes: Route[] = [
  {
    method: 'POST',
    path: '/realms/{realm}/authz/protection/permission',
    endpoint: 'uma-permission',
    handler: createTicket,
  },
  {
    method: ['GET', 'PUT'],
    path: '/realms/{realm}/authz/protection/permission/ticket',
    endpoint: 'uma-permission',
    handler: tickets,
  },
  {
    method: 'POST',
    path: '/realms/{realm}/authz/protection/permission/ticket',
    endpoint: 'uma-permission',
    handler: createRecord,
  },
  {
    method: 'GET',
    path: '/realms/{realm}/authz/protection/permission/ticket/count',
    endpoint: 'uma-permission',
    handler: tickets,
  },
  {
    method: 'DELETE',
    path: '/realms/{realm}/authz/protection/permission/ticket/{id}',
    endpoint: 'uma-permission',
    handler: tickets,
  },
];
