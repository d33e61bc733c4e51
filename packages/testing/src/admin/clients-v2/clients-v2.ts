import type { RequestContext } from '../../http/context.js';
import { mediaType } from '../../http/body.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { realmAdminRequest, type RealmAdminRequest } from '../admin-context.js';
import { errorMessage, malformedJson, serverError } from '../errors.js';
import { allowIf } from '../permissions.js';
import { keepFields, listOptions, sortPage, V2_FIELDS } from './client-v2-list-options.js';
import { matchesQuery, parseQuery } from './client-v2-query.js';
import { clientToV2Representation } from './client-v2-representation.js';
import { removeClient } from '../clients/client-write.js';
import { createClientFromV2, readV2Body, validateV2Body } from './client-v2-write.js';

/**
 * Keycloak's v2 clients admin API (`/admin/api/{realm}/clients/v2`, ClientsApi.java / ClientApi.java and their
 * Default* implementations), served only with the experimental feature `client-admin-api:v2` on; without it
 * Keycloak has no such resource. `{id}` is the clientId. What 26.7.3 does is served as it does it, including its
 * 500 on a taken clientId and on any update of an existing client (PUT or PATCH), which that release answers so.
 */
const FEATURE = 'client-admin-api';

async function v2Request(ctx: RequestContext): Promise<RealmAdminRequest> {
  if (!ctx.kernel.features?.has(FEATURE)) throw errorMessage(404, 'Unable to find matching target resource method');
  return realmAdminRequest(ctx);
}

const notFound = () => errorMessage(404, 'Cannot find the specified client');

// GET: the clients passing `q`, sorted, paged, each cut to `fields` (see client-v2-list-options.ts for the order).
async function listClients(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await v2Request(ctx);
  allowIf(perms.canViewClients());
  const options = listOptions(ctx.url);
  const filter = parseQuery(ctx.url.searchParams.get('q'), V2_FIELDS);
  const now = ctx.kernel.clock.now();
  const byClientId = [...realm.clients.values()].sort((a, b) =>
    a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0,
  );
  const selected = byClientId
    .map((client) => clientToV2Representation(realm, client, now))
    .filter((rep) => matchesQuery(rep, filter));
  // With `q` Keycloak filters and sorts every client before it cuts the page; without, it sorts the page only.
  if (filter) sortPage(selected, options.sort);
  const page = selected.slice(options.offset, options.offset + options.limit);
  if (!filter) sortPage(page, options.sort);
  return { status: 200, body: page.map((rep) => keepFields(rep, options.fields)) };
}

async function createClient(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await v2Request(ctx);
  allowIf(perms.canManageClients());
  const rep = await readV2Body(ctx);
  validateV2Body(rep);
  const client = createClientFromV2(ctx.kernel, realm, rep);
  return { status: 201, body: clientToV2Representation(realm, client, ctx.kernel.clock.now()) };
}

async function getClient(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await v2Request(ctx);
  allowIf(perms.canViewClients());
  const client = realm.clients.get(ctx.params['id'] ?? '');
  if (!client) throw notFound();
  return { status: 200, body: clientToV2Representation(realm, client, ctx.kernel.clock.now()) };
}

// PUT: creates the client of the path (201) when it does not exist; the body must name the same clientId.
async function putClient(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await v2Request(ctx);
  allowIf(perms.canManageClients());
  const rep = await readV2Body(ctx);
  validateV2Body(rep);
  if (rep['clientId'] !== ctx.params['id'])
    throw errorMessage(400, "Field 'clientId' in payload does not match the provided 'clientId'");
  if (realm.clients.has(ctx.params['id'] ?? '')) throw serverError();
  const client = createClientFromV2(ctx.kernel, realm, rep);
  return { status: 201, body: clientToV2Representation(realm, client, ctx.kernel.clock.now()) };
}

// PATCH: JSON Merge Patch only (415 otherwise), on an existing client (404).
async function patchClient(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await v2Request(ctx);
  allowIf(perms.canManageClients());
  if (mediaType(ctx.req) !== 'application/merge-patch+json') throw errorMessage(415, 'Unsupported media type');
  if (!realm.clients.has(ctx.params['id'] ?? '')) throw notFound();
  try {
    JSON.parse((await ctx.body()).toString('utf8'));
  } catch {
    throw malformedJson();
  }
  throw serverError();
}

async function deleteClient(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await v2Request(ctx);
  allowIf(perms.canManageClients());
  const client = realm.clients.get(ctx.params['id'] ?? '');
  // DefaultClientApi delegates the removal to the v1 ClientResource, whose 404 text it keeps.
  if (!client) throw errorMessage(404, 'Could not find client');
  removeClient(ctx.kernel, realm, client);
  return { status: 204 };
}

const COLLECTION = '/admin/api/{realm}/clients/v2';
const ONE = `${COLLECTION}/{id}`;

/** The v2 clients routes; their answers carry no Cache-Control (the v2 resources have no `@NoCache`). */
export const clientV2Routes: Route[] = [
  { method: 'GET', path: COLLECTION, endpoint: 'admin', handler: listClients },
  { method: 'POST', path: COLLECTION, endpoint: 'admin', handler: createClient },
  { method: 'GET', path: ONE, endpoint: 'admin', handler: getClient },
  { method: 'PUT', path: ONE, endpoint: 'admin', handler: putClient },
  { method: 'PATCH', path: ONE, endpoint: 'admin', handler: patchClient },
  { method: 'DELETE', path: ONE, endpoint: 'admin', handler: deleteClient },
];
