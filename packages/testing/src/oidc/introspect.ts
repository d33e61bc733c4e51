import { rptIntrospection } from '../authz/rpt.js';
import type { RequestContext } from '../http/context.js';
import { oauthError, type Reply } from '../http/http-error.js';
import type { Route } from '../http/router.js';
import { isLightweight, mappedClaims, orderClaims } from '../tokens/issuer.js';
import { verifyRealmToken } from '../tokens/verify.js';
import { checkAccessToken } from './bearer.js';
import { authenticateClient } from './client-auth.js';
import { tokenSession } from './token-session.js';

const INACTIVE: Reply = { status: 200, body: { active: false } };

async function introspect(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const form = await ctx.form();
  const caller = await authenticateClient(ctx, realm, form);
  if (caller.publicClient) throw oauthError(403, 'invalid_request', 'Client not allowed.');
  const token = form.get('token');
  if (!token) throw oauthError(400, 'invalid_request', 'Token not provided.');

  const peek = await verifyRealmToken(realm, token, ctx.issuer(realm), ctx.nowSeconds);
  if (!peek.ok) return INACTIVE;
  if (peek.claims['typ'] === 'Refresh' || peek.claims['typ'] === 'Offline') {
    const found = tokenSession(ctx.kernel, realm, peek.claims, ctx.nowSeconds);
    if (!found.ok) return INACTIVE;
    return { status: 200, body: { ...peek.claims, client_id: peek.claims['azp'], username: found.user.username, token_type: peek.claims['typ'], active: true } };
  }
  const checked = await checkAccessToken(ctx, realm, token);
  if (!checked.ok) return INACTIVE;
  const { client, user, session } = checked.found;
  // A lightweight token carries almost nothing; introspection restores the claims its mappers would give.
  const claims = isLightweight(client)
    ? orderClaims({ ...mappedClaims({ realm, client, user, session, scope: String(checked.claims['scope'] ?? '') }, 'introspection'), ...checked.claims })
    : checked.claims;
  // RPTIntrospectionProvider answers token_type_hint=requesting_party_token with the RPT's permissions.
  if (form.get('token_type_hint') === 'requesting_party_token') return { status: 200, body: { ...rptIntrospection(claims), active: true } };
  return { status: 200, body: { ...claims, client_id: client.clientId, username: user.username, token_type: 'Bearer', active: true } };
}

/** POST /realms/{realm}/protocol/openid-connect/token/introspect (confidential callers only). */
export const introspectRoutes: Route[] = [
  { method: 'POST', path: '/realms/{realm}/protocol/openid-connect/token/introspect', endpoint: 'introspect', handler: introspect },
];
