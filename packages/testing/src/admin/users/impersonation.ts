import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { identityCookie } from '../../oidc/authorize/sso.js';
import { realmAdminRequest } from '../admin-context.js';
import { allowIf } from '../permissions.js';
import { findUser } from './users.js';

/**
 * POST users/{id}/impersonation, as UserResource.impersonate (the IMPERSONATION feature is on by default in
 * Keycloak 26): an admin of the same realm is logged out of its own session first (`sameRealm`), then a new SSO
 * session of the user starts, carried by the KEYCLOAK_IDENTITY cookie, and the answer names the account console.
 */
async function impersonate(ctx: RequestContext): Promise<Reply> {
  const { auth, realm, perms } = await realmAdminRequest(ctx);
  const user = findUser(ctx, realm, perms);
  allowIf(perms.canImpersonate());
  const sessions = ctx.kernel.sessions;
  let sameRealm = false;
  if (auth.realm === realm) {
    sameRealm = true;
    sessions.remove(auth.sessionId, false);
  }
  const session = sessions.create(realm, user.id, ctx.nowSeconds, false);
  session.notes['IMPERSONATOR_ID'] = auth.user.id;
  session.notes['IMPERSONATOR_USERNAME'] = auth.user.username;
  const redirect = `${ctx.issuer(realm)}/account`;
  return {
    status: 200,
    headers: { 'set-cookie': await identityCookie(ctx, realm, session) },
    body: { redirect, sameRealm },
  };
}

export const impersonationRoutes: Route[] = [
  { method: 'POST', path: '/admin/realms/{realm}/users/{id}/impersonation', endpoint: 'admin', handler: impersonate },
];
