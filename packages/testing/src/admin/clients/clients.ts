import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { ClientModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { CLIENT_SHAPE } from './client-fields.js';
import { clientAdminRequest } from './client-lookup.js';
import { clientToAdminRepresentation, clientToBriefRepresentation } from './client-representation.js';
import { createClientFromRep, removeClient, updateClientFromRep } from './client-write.js';
import { booleanParam, integerParam, readJsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';

// `q=key:value key2:value2`: clients whose attributes hold every pair (ClientsResource's attribute search).
function attributeFilter(q: string | null): (client: ClientModel) => boolean {
  if (!q) return () => true;
  const pairs = q
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf(':');
      return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    });
  return (client) => pairs.every(([key, value]) => key !== undefined && client.attributes[key] === value);
}

// GET /clients: `clientId` matches exactly, or as a case-insensitive substring with `search=true`.
function selectClients(ctx: RequestContext, clients: Iterable<ClientModel>): ClientModel[] {
  const clientId = ctx.url.searchParams.get('clientId');
  const search = booleanParam(ctx.url, 'search') ?? false;
  const byAttributes = attributeFilter(ctx.url.searchParams.get('q'));
  return [...clients].filter((client) => {
    if (
      clientId &&
      (search ? !client.clientId.toLowerCase().includes(clientId.toLowerCase()) : client.clientId !== clientId)
    )
      return false;
    return byAttributes(client);
  });
}

async function listClients(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canListClients());
  const first = Math.max(0, integerParam(ctx.url, 'first') ?? 0);
  const max = integerParam(ctx.url, 'max');
  const selected = selectClients(ctx, realm.clients.values());
  const page = selected.slice(first, max === undefined || max < 0 ? undefined : first + max);
  // Without a view right the caller sees the brief form, or nothing when it asked for viewable clients only.
  if (!perms.canViewClients())
    return { status: 200, body: booleanParam(ctx.url, 'viewableOnly') ? [] : page.map(clientToBriefRepresentation) };
  return { status: 200, body: page.map((client) => clientToAdminRepresentation(realm, client, perms)) };
}

async function createClient(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageClients());
  const client = createClientFromRep(ctx.kernel, realm, await readJsonObject(ctx, CLIENT_SHAPE));
  return {
    status: 201,
    headers: { location: `${ctx.baseUrl}/admin/realms/${encodeURIComponent(realm.name)}/clients/${client.id}` },
  };
}

async function getClient(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canViewClients());
  return { status: 200, body: clientToAdminRepresentation(realm, client, perms) };
}

async function updateClient(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canManageClients());
  updateClientFromRep(ctx.kernel, realm, client, await readJsonObject(ctx, CLIENT_SHAPE));
  return { status: 204 };
}

async function deleteClient(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canManageClients());
  removeClient(ctx.kernel, realm, client);
  return { status: 204 };
}

/** Client collection and client routes of the admin API. */
export const clientRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/clients', endpoint: 'admin', handler: listClients },
  { method: 'POST', path: '/admin/realms/{realm}/clients', endpoint: 'admin', handler: createClient },
  { method: 'GET', path: '/admin/realms/{realm}/clients/{id}', endpoint: 'admin', handler: getClient },
  { method: 'PUT', path: '/admin/realms/{realm}/clients/{id}', endpoint: 'admin', handler: updateClient },
  { method: 'DELETE', path: '/admin/realms/{realm}/clients/{id}', endpoint: 'admin', handler: deleteClient },
];
