import { rptIntrospection } from '../authz/rpt.js';
import type { RequestContext } from '../http/context.js';
import { HttpError, oauthError, type Reply } from '../http/http-error.js';
import type { ClientModel, RealmModel } from '../model/types.js';
import type { Route } from '../http/router.js';
import { isLightweight, mappedClaims, orderClaims } from '../tokens/issuer.js';
import { verifyRealmToken } from '../tokens/verify.js';
import { checkAccessToken } from './bearer.js';
import { authenticateClient } from './client-auth.js';
import { tokenSession } from './token-session.js';

// TokenIntrospectionEndpoint answers every introspection result with Cache-Control: no-cache.
const NO_CACHE = { 'cache-control': 'no-cache' };
const INACTIVE: Reply = { status: 200, headers: NO_CACHE, body: { active: false } };

/**
 * TokenIntrospectionEndpoint.authorizeClient: a client that names itself but fails its authenticator is
 * answered 401 invalid_client "Client authentication failed." (not the token endpoint's unauthorized_client).
 */
async function caller(ctx: RequestContext, realm: RealmModel, form: Map<string, string>): Promise<ClientModel> {
  try {
    return await authenticateClient(ctx, realm, form);
  } catch (error) {
    if (
      error instanceof HttpError &&
      (error.reply.body as { error?: string } | undefined)?.error === 'unauthorized_client'
    ) {
      throw oauthError(401, 'invalid_client', 'Client authentication failed.');
    }
    throw error;
  }
}

async function introspect(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const form = await ctx.form();
  const client = await caller(ctx, realm, form);
  const answer = await introspectToken(ctx, realm, form, client);
  return { ...answer, headers: { ...NO_CACHE, ...answer.headers } };
}

async function introspectToken(
  ctx: RequestContext,
  realm: RealmModel,
  form: Map<string, string>,
  caller: ClientModel,
): Promise<Reply> {
  if (caller.publicClient) throw oauthError(403, 'invalid_request', 'Client not allowed.');
  const token = form.get('token');
  if (!token) throw oauthError(400, 'invalid_request', 'Token not provided.');

  const peek = await verifyRealmToken(realm, token, ctx.issuer(realm), ctx.nowSeconds);
  if (!peek.ok) return INACTIVE;
  if (peek.claims['typ'] === 'Refresh' || peek.claims['typ'] === 'Offline') {
    // Refresh tokens have their own provider (RefreshTokenIntrospectionProvider), picked by
    // token_type_hint=refresh_token only, and only for the client the token was issued to; the default
    // (access token) provider finds them inactive.
    if (form.get('token_type_hint') !== 'refresh_token' || peek.claims['azp'] !== caller.clientId) return INACTIVE;
    const found = tokenSession(ctx.kernel, realm, peek.claims, ctx.nowSeconds);
    if (!found.ok) return INACTIVE;
    const { user, session, client } = found;
    const mapped = mappedClaims(
      { realm, client, user, session, scope: String(peek.claims['scope'] ?? '') },
      'introspection',
    );
    // The answer joins the refresh token's audience (the realm) with the audiences its access tokens get.
    const mappedAud = mapped['aud'] === undefined ? [] : [mapped['aud']].flat().map(String);
    const claims = orderClaims({
      ...mapped,
      ...peek.claims,
      aud: [...new Set([String(peek.claims['aud']), ...mappedAud])],
    });
    return {
      status: 200,
      body: {
        ...claims,
        client_id: peek.claims['azp'],
        username: user.username,
        token_type: peek.claims['typ'],
        active: true,
      },
    };
  }
  // A DPoP-bound token is introspected like any access token, its `typ` as its token_type (26.7 answers "DPoP").
  const checked = await checkAccessToken(ctx, realm, token, ['Bearer', 'DPoP']);
  if (!checked.ok) return INACTIVE;
  const { client, user, session } = checked.found;
  // A lightweight token carries almost nothing; introspection restores the claims its mappers would give.
  const claims = isLightweight(client)
    ? orderClaims({
        ...mappedClaims(
          { realm, client, user, session, scope: String(checked.claims['scope'] ?? '') },
          'introspection',
        ),
        ...checked.claims,
      })
    : checked.claims;
  // RPTIntrospectionProvider answers token_type_hint=requesting_party_token with the RPT's permissions.
  if (form.get('token_type_hint') === 'requesting_party_token')
    return { status: 200, body: { ...rptIntrospection(claims), active: true } };
  return {
    status: 200,
    body: {
      ...claims,
      client_id: client.clientId,
      username: user.username,
      token_type: String(checked.claims['typ']),
      active: true,
    },
  };
}

/** POST /realms/{realm}/protocol/openid-connect/token/introspect (confidential callers only). */
export const introspectRoutes: Route[] = [
  {
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/token/introspect',
    endpoint: 'introspect',
    handler: introspect,
  },
];
