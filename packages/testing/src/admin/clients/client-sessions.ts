import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { RealmModel } from '../../model/types.js';
import { initialAccessStore, issueInitialAccessToken } from '../../registration/tokens.js';
import type { UserSession } from '../../sessions/session-store.js';
import { realmAdminRequest } from '../admin-context.js';
import { INITIAL_ACCESS_SHAPE } from './client-fields.js';
import { clientAdminRequest } from './client-lookup.js';
import { errorMessage } from '../errors.js';
import { expectTypes, integerParam, readJsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { userSessionToRepresentation } from '../users/user-session-representation.js';

function sessionsOfClient(ctx: RequestContext, realm: RealmModel, clientId: string, offline: boolean): UserSession[] {
  return ctx.kernel.sessions
    .list(realm, { offline })
    .filter((s) => s.clientSessions.has(clientId) && ctx.kernel.sessions.isValid(realm, s, ctx.nowSeconds));
}

// ClientResource.getUserSessions / getOfflineUserSessions: `first` default 0, `max` default 100.
function sessionList(offline: boolean) {
  return async (ctx: RequestContext): Promise<Reply> => {
    const { realm, perms, client } = await clientAdminRequest(ctx);
    allowIf(perms.canViewClients());
    const first = Math.max(0, integerParam(ctx.url, 'first') ?? 0);
    const max = integerParam(ctx.url, 'max') ?? 100;
    const sessions = sessionsOfClient(ctx, realm, client.id, offline).slice(first, max < 0 ? undefined : first + max);
    return { status: 200, body: sessions.map((s) => userSessionToRepresentation(realm, s)) };
  };
}

function sessionCount(offline: boolean) {
  return async (ctx: RequestContext): Promise<Reply> => {
    const { realm, perms, client } = await clientAdminRequest(ctx);
    allowIf(perms.canViewClients());
    return { status: 200, body: { count: sessionsOfClient(ctx, realm, client.id, offline).length } };
  };
}

// RealmAdminResource.getClientSessionStats: clients with at least one session, counts as strings.
async function clientSessionStats(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm());
  const stats = [...realm.clients.values()].flatMap((client) => {
    const active = sessionsOfClient(ctx, realm, client.id, false).length;
    const offline = sessionsOfClient(ctx, realm, client.id, true).length;
    return active + offline > 0
      ? [{ id: client.id, clientId: client.clientId, active: String(active), offline: String(offline) }]
      : [];
  });
  return { status: 200, body: stats };
}

// ClientInitialAccessResource.create: expiration 0 (never) and count 1 unless sent; the token is shown only here,
// answered 201 Created (with no Location).
async function createInitialAccess(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageClients());
  const rep = await readJsonObject(ctx, INITIAL_ACCESS_SHAPE);
  expectTypes(rep, { expiration: 'number', count: 'number', webOrigins: 'array' });
  const expiration = (rep['expiration'] as number | undefined) ?? 0;
  const count = (rep['count'] as number | undefined) ?? 1;
  if (!Number.isInteger(expiration) || expiration < 0) throw errorMessage(400, 'Invalid value for expiration');
  if (!Number.isInteger(count) || count < 0) throw errorMessage(400, 'Invalid value for count');
  const issued = await issueInitialAccessToken(ctx.kernel, realm, ctx.issuer(realm), { expiration, count });
  const { id, token, timestamp, remainingCount } = issued;
  return {
    status: 201,
    body: { id, token, timestamp, expiration, count, remainingCount: count === 0 ? 0 : remainingCount },
  };
}

// ClientInitialAccessResource.list: the realm's live tokens without the token itself.
async function listInitialAccess(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewClients());
  const live = initialAccessStore(ctx.kernel)
    .values(ctx.nowSeconds)
    .filter((access) => access.realmId === realm.id);
  return {
    status: 200,
    body: live.map(({ id, timestamp, expiration, count, remainingCount }) => ({
      id,
      timestamp,
      expiration,
      count,
      remainingCount: count === 0 ? 0 : remainingCount,
    })),
  };
}

// ClientInitialAccessResource.delete: 204 whether or not the id names a token.
async function deleteInitialAccess(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageClients());
  const store = initialAccessStore(ctx.kernel);
  const access = store.peek(ctx.params['id'] ?? '', ctx.nowSeconds);
  if (access && access.value.realmId === realm.id) store.delete(access.value.id);
  return { status: 204 };
}

/** Session listings and counts of clients, the realm's client session stats, and initial access tokens. */
export const clientSessionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/admin/realms/{realm}/clients/{id}/user-sessions',
    endpoint: 'admin',
    handler: sessionList(false),
  },
  {
    method: 'GET',
    path: '/admin/realms/{realm}/clients/{id}/offline-sessions',
    endpoint: 'admin',
    handler: sessionList(true),
  },
  {
    method: 'GET',
    path: '/admin/realms/{realm}/clients/{id}/session-count',
    endpoint: 'admin',
    handler: sessionCount(false),
  },
  {
    method: 'GET',
    path: '/admin/realms/{realm}/clients/{id}/offline-session-count',
    endpoint: 'admin',
    handler: sessionCount(true),
  },
  { method: 'GET', path: '/admin/realms/{realm}/client-session-stats', endpoint: 'admin', handler: clientSessionStats },
  {
    method: 'POST',
    path: '/admin/realms/{realm}/clients-initial-access',
    endpoint: 'admin',
    handler: createInitialAccess,
  },
  {
    method: 'GET',
    path: '/admin/realms/{realm}/clients-initial-access',
    endpoint: 'admin',
    handler: listInitialAccess,
  },
  {
    method: 'DELETE',
    path: '/admin/realms/{realm}/clients-initial-access/{id}',
    endpoint: 'admin',
    handler: deleteInitialAccess,
  },
];
