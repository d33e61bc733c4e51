import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { sendBackchannelLogouts } from '../../oidc/backchannel-logout.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorMessage } from '../errors.js';
import { allowIf } from '../permissions.js';
import { pushAdminAction } from './admin-actions.js';

// RealmAdminResource.pushRevocation: manage-realm; each client with an admin URL learns the larger of the realm's
// and its own notBefore (ResourceAdminManager.pushRealmRevocationPolicy). Nothing changes here.
async function pushRevocation(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  const result = await pushAdminAction(realm, 'PUSH_NOT_BEFORE', ctx.kernel.clock.now(), (client) =>
    Math.max(realm.notBefore, client.notBefore),
  );
  return { status: 200, body: result };
}

// RealmAdminResource.logoutAll: manage-users; every user session goes, the realm's notBefore becomes now
// (ResourceAdminManager.logoutAll), and each client with an admin URL is sent k_logout with that notBefore.
async function logoutAll(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageUsers());
  ctx.kernel.sessions.removeAll(realm);
  realm.notBefore = ctx.nowSeconds;
  const result = await pushAdminAction(realm, 'LOGOUT', ctx.kernel.clock.now(), () => realm.notBefore);
  return { status: 200, body: result };
}

// RealmAdminResource.deleteSession: manage-users; the online (or, with isOffline=true, offline) session ends through
// AuthenticationManager.backchannelLogout, so its clients with a back-channel logout URL are told. The message keeps
// Keycloak's spelling.
async function deleteSession(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageUsers());
  const offline = ctx.url.searchParams.get('isOffline') === 'true';
  const session = ctx.kernel.sessions.get(ctx.params['session'] ?? '', offline);
  if (session === undefined || session.realmId !== realm.id) throw errorMessage(404, 'Sesssion not found');
  ctx.kernel.sessions.remove(session.id, offline);
  await sendBackchannelLogouts(realm, session, ctx.issuer(realm), ctx.nowSeconds);
  return { status: 204 };
}

/** `push-revocation`, `logout-all` and `sessions/{session}` of the admin API. */
export const realmLogoutRoutes: Route[] = [
  { method: 'DELETE', path: '/admin/realms/{realm}/sessions/{session}', endpoint: 'admin', handler: deleteSession },
  { method: 'POST', path: '/admin/realms/{realm}/push-revocation', endpoint: 'admin', handler: pushRevocation },
  { method: 'POST', path: '/admin/realms/{realm}/logout-all', endpoint: 'admin', handler: logoutAll },
];
