import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { rotateRegistrationToken } from '../../registration/tokens.js';
import { errorMessage } from '../errors.js';
import { readJsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { clientAdminRequest } from './client-lookup.js';
import { clientToAdminRepresentation } from './client-representation.js';
import { nodesOf } from './client-node-store.js';

/**
 * ClientResource's cluster-node registry (`nodes`, `test-nodes-available`, `push-revocation`), the rotated secret
 * and the registration access token. The test server has no cluster nodes to call, so the global requests answer
 * an empty GlobalRequestResult, as Keycloak does for a client without registered nodes or management URL.
 */

const CLIENT = '/admin/realms/{realm}/clients/{id}';

// POST nodes {"node": host}: registers (or re-registers) a cluster node at the current time.
async function registerNode(ctx: RequestContext): Promise<Reply> {
  const { perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canManageClients());
  const node = (await readJsonObject(ctx))['node'];
  if (typeof node !== 'string' || node === '') throw errorMessage(400, 'Node not found in params');
  nodesOf(client)[node] = ctx.nowSeconds;
  return { status: 204 };
}

// DELETE nodes/{node}: Keycloak's message names no node (its NotFoundException concatenates an unset variable).
async function unregisterNode(ctx: RequestContext): Promise<Reply> {
  const { perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canManageClients());
  const nodes = nodesOf(client);
  const node = ctx.params['node'] ?? '';
  if (!(node in nodes)) throw errorMessage(404, 'Client does not have node ');
  delete nodes[node];
  return { status: 204 };
}

async function globalRequest(ctx: RequestContext): Promise<Reply> {
  const { perms } = await clientAdminRequest(ctx);
  allowIf(perms.canManageClients());
  return { status: 200, body: {} };
}

// GET client-secret/rotated: this server keeps no rotated secret (no secret-rotation client policy).
async function getRotatedSecret(ctx: RequestContext): Promise<Reply> {
  const { perms } = await clientAdminRequest(ctx);
  allowIf(perms.canViewClients());
  throw errorMessage(404, 'Client does not have a rotated secret');
}

async function invalidateRotatedSecret(ctx: RequestContext): Promise<Reply> {
  const { perms } = await clientAdminRequest(ctx);
  allowIf(perms.canManageClients());
  return { status: 204 };
}

// POST registration-access-token: a new token (the old one stops working) on the client's representation, no access.
async function regenerateRegistrationAccessToken(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canManageClients());
  const token = await rotateRegistrationToken(realm, client, ctx.issuer(realm), ctx.nowSeconds, 'authenticated');
  const { access: _access, ...rep } = clientToAdminRepresentation(realm, client, perms);
  return { status: 200, body: { ...rep, registrationAccessToken: token } };
}

export const clientNodeRoutes: Route[] = [
  { method: 'POST', path: `${CLIENT}/nodes`, endpoint: 'admin', handler: registerNode },
  { method: 'DELETE', path: `${CLIENT}/nodes/{node}`, endpoint: 'admin', handler: unregisterNode },
  { method: 'GET', path: `${CLIENT}/test-nodes-available`, endpoint: 'admin', handler: globalRequest },
  { method: 'POST', path: `${CLIENT}/push-revocation`, endpoint: 'admin', handler: globalRequest },
  { method: 'GET', path: `${CLIENT}/client-secret/rotated`, endpoint: 'admin', handler: getRotatedSecret },
  { method: 'DELETE', path: `${CLIENT}/client-secret/rotated`, endpoint: 'admin', handler: invalidateRotatedSecret },
  {
    method: 'POST',
    path: `${CLIENT}/registration-access-token`,
    endpoint: 'admin',
    handler: regenerateRegistrationAccessToken,
  },
];
