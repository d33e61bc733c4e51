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
  const { realm, server } = await protectionCaller(ctx, false);
  const body = await jsonBody(ctx);
  const requests = (Array.isArray(body) ? body : body ? [body] : []) as PermissionRequestRep[];
  if (requests.length === 0) throw oauthError(400, 'invalid_permission_request', 'invalid_permission_request');
  const permissions: TicketPermission[] = requests.map((request) => {
    const scopes = Array.isArray(request.resource_scopes) ? request.resource_scopes.map(String) : [];
    const id = typeof request.resource_id === 'string' ? request.resource_id : undefined;
    if (!id && scopes.length === 0) throw oauthError(400, 'invalid_resource_id', 'Resource id or name not provided.');
    const resource = id ? findResource(server, id) : undefined;
    if (id && !resource) throw oauthError(400, 'invalid_resource_id', `Resource set with id [${id}] does not exist.`);
    for (const name of scopes) {
      const known = resource ? resource.scopes.some((s) => s.name === name || s.id === name) : [...server.scopes.values()].some((s) => s.name === name);
      if (!known) throw oauthError(400, 'invalid_scope', `Scope [${name}] is invalid`);
    }
    const claims = request.claims && typeof request.claims === 'object' ? (request.claims as Record<string, string[]>) : undefined;
    return { ...(resource ? { rsid: resource.id } : {}), ...(scopes.length ? { scopes } : {}), ...(claims ? { claims } : {}) };
  });
  return { status: 201, body: { ticket: await signTicket(realm, ctx.issuer(realm), ctx.nowSeconds, server.clientId, permissions) } };
}

function ticketRep(t: PermissionTicket, names: boolean, ctxNames: (id: string) => string | undefined, scopeName: (id?: string) => string | undefined, resourceName: (id: string) => string | undefined) {
  return {
    id: t.id, owner: t.owner, resource: t.resource, ...(t.scope ? { scope: t.scope } : {}), granted: t.grantedTimestamp !== undefined, requester: t.requester,
    ...(names ? { ownerName: ctxNames(t.owner), requesterName: ctxNames(t.requester), resourceName: resourceName(t.resource), scopeName: scopeName(t.scope) } : {}),
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
    if (!visible(ticket)) throw oauthError(403, 'not_authorised', 'Only owner, requester or resource server can delete tickets');
    server.tickets.delete(ticket.id);
    return { status: 204 };
  }
  if (ctx.req.method === 'PUT') {
    const rep = (await jsonBody(ctx)) as { id?: unknown; granted?: unknown } | undefined;
    const ticket = server.tickets.get(String(rep?.id ?? ''));
    if (!ticket) throw oauthError(400, 'invalid_request', 'Ticket not found');
    if (!serverCaller && ticket.owner !== user.id) throw oauthError(403, 'not_authorised', 'Only owner or resource server can update tickets');
    if (rep?.granted === true) ticket.grantedTimestamp ??= ctx.kernel.clock.now();
    else delete ticket.grantedTimestamp;
    return { status: 204 };
  }
  const q = ctx.url.searchParams;
  const granted = q.get('granted');
  const list = [...server.tickets.values()].filter((t) => visible(t)
    && (!q.get('resourceId') || t.resource === q.get('resourceId')) && (!q.get('scopeId') || t.scope === q.get('scopeId'))
    && (!q.get('owner') || t.owner === q.get('owner')) && (!q.get('requester') || t.requester === q.get('requester'))
    && (granted === null || (t.grantedTimestamp !== undefined) === (granted === 'true')));
  const userName = (id: string) => realm.users.get(id)?.username;
  return {
    status: 200,
    body: list.map((t) => ticketRep(t, q.get('returnNames') === 'true', userName, (id) => (id ? server.scopes.get(id)?.name : undefined), (id) => server.resources.get(id)?.name)),
  };
}

/** The Protection API's permission endpoints. */
export const permissionRoutes: Route[] = [
  { method: 'POST', path: '/realms/{realm}/authz/protection/permission', endpoint: 'uma-permission', handler: createTicket },
  { method: ['GET', 'PUT'], path: '/realms/{realm}/authz/protection/permission/ticket', endpoint: 'uma-permission', handler: tickets },
  { method: 'DELETE', path: '/realms/{realm}/authz/protection/permission/ticket/{id}', endpoint: 'uma-permission', handler: tickets },
];
