import { rptIntrospection } from '../authz/rpt.js';
import type { RequestContext } from '../http/context.js';
import { HttpError, oauthError, type Reply } from '../http/http-error.js';
import type { ClientModel, RealmModel } from '../model/types.js';
import type { Route } from '../http/router.js';
import { mappedClaims, orderClaims } from '../tokens/issuer.js';
import { verifyRealmToken } from '../tokens/verify.js';
import { checkAccessToken } from './bearer.js';
import { authenticateClient } from './client-auth.js';
import { audienceOf, callerInAudience } from './introspection-audience.js';
import { tokenSession } from './token-session.js';

// TokenIntrospectionEndpoint answers every introspection result with Cache-Control: no-cache.
const NO_CACHE = { 'cache-control': 'no-cache' };
const INACTIVE: Reply = { status: 200, headers: NO_CACHE, body: { active: false } };
// The token_type_hint values Keycloak has an introspection provider for.
const KNOWN_HINTS = new Set(['access_token', 'refresh_token', 'requesting_party_token']);
// AccessTokenIntrospectionProvider.getAccessTokenFromStoredData: what the answer keeps of the token itself.
const BASIC_CLAIMS = ['jti', 'typ', 'sub', 'iat', 'exp', 'azp', 'iss', 'nonce', 'scope', 'sid', 'aud', 'cnf'] as const;

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

  const hint = form.get('token_type_hint');
  // TokenIntrospectionEndpoint looks the hint up as a TokenIntrospectionProvider id; none -> 400.
  if (hint !== undefined && !KNOWN_HINTS.has(hint)) throw oauthError(400, 'invalid_request', 'Unsupported token type.');
  const peek = await verifyRealmToken(realm, token, ctx.issuer(realm), ctx.nowSeconds);
  if (!peek.ok) return INACTIVE;
  const refresh = peek.claims['typ'] === 'Refresh' || peek.claims['typ'] === 'Offline';
  if (hint === 'refresh_token') {
    // RefreshTokenIntrospectionProvider (token_type_hint=refresh_token) takes refresh and offline tokens only, and
    // answers them to the client they were issued to (azp) alone: the opt-out attribute does not widen it.
    if (!refresh || peek.claims['azp'] !== caller.clientId) return INACTIVE;
    return refreshAnswer(ctx, realm, peek.claims);
  }
  // The default provider reads a refresh token as an access token; its audience is the realm's issuer, never a
  // client, so only a caller that opted out of the audience check sees it active.
  if (refresh) return callerInAudience(caller, peek.claims, {}) ? refreshAnswer(ctx, realm, peek.claims) : INACTIVE;
  // A DPoP-bound token is introspected like any access token, its `typ` as its token_type (26.7 answers "DPoP").
  const checked = await checkAccessToken(ctx, realm, token, ['Bearer', 'DPoP']);
  if (!checked.ok) return INACTIVE;
  const { client, user, session } = checked.found;
  const introspected = mappedClaims(
    { realm, client, user, session, scope: String(checked.claims['scope'] ?? '') },
    'introspection',
  );
  if (!callerInAudience(caller, checked.claims, introspected)) return INACTIVE;
  const claims = introspectedToken(checked.claims, introspected);
  // RPTIntrospectionProvider answers token_type_hint=requesting_party_token with the permissions it decodes from
  // the RPT itself (no mapper gives `authorization`).
  if (hint === 'requesting_party_token') {
    const answer = rptIntrospection({ ...claims, authorization: checked.claims['authorization'] });
    return { status: 200, body: { ...answer, active: true } };
  }
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

/**
 * The claims AccessTokenIntrospectionProvider answers: not the token's own, but the "basic" ones it copies
 * (getAccessTokenFromStoredData) joined with what the mappers flagged "Add to token introspection" give now. A
 * mapper only in the access token is missing from the answer, one only in introspection shows; `aud` is the
 * token's, then the mapped audiences it lacks. (A lightweight token is the case this exists for.)
 */
function introspectedToken(
  token: Record<string, unknown>,
  introspected: Record<string, unknown>,
): Record<string, unknown> {
  const basic: Record<string, unknown> = {};
  for (const key of BASIC_CLAIMS) if (token[key] !== undefined) basic[key] = token[key];
  const aud = [...new Set([...(audienceOf(token) ?? []), ...(audienceOf(introspected) ?? [])])];
  return orderClaims({ ...introspected, ...basic, aud });
}

/** A refresh or offline token's answer: its claims joined with those the introspection run of the mappers gives. */
function refreshAnswer(ctx: RequestContext, realm: RealmModel, refreshClaims: Record<string, unknown>): Reply {
  const found = tokenSession(ctx.kernel, realm, refreshClaims, ctx.nowSeconds);
  if (!found.ok) return INACTIVE;
  const { user, session, client } = found;
  const mapped = mappedClaims(
    { realm, client, user, session, scope: String(refreshClaims['scope'] ?? '') },
    'introspection',
  );
  // The answer joins the refresh token's audience (the realm) with the audiences its access tokens get.
  const mappedAud = mapped['aud'] === undefined ? [] : [mapped['aud']].flat().map(String);
  const claims = orderClaims({
    ...mapped,
    ...refreshClaims,
    aud: [...new Set([String(refreshClaims['aud']), ...mappedAud])],
  });
  return {
    status: 200,
    body: {
      ...claims,
      client_id: refreshClaims['azp'],
      username: user.username,
      token_type: refreshClaims['typ'],
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
