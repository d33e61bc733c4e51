import type { RequestContext } from '../http/context.js';
import { HttpError, type Reply } from '../http/http-error.js';
import type { Route } from '../http/router.js';
import { mediaType } from '../http/body.js';
import type { ClientModel, RealmModel } from '../model/types.js';
import { verifyRealmToken } from '../tokens/verify.js';
import { errorPage, formPage, infoPage } from './authorize/pages.js';
import { postLogoutRedirectUris, verifyRedirectUri } from './authorize/redirect-uri.js';
import { expiredIdentityCookie, ssoSession } from './authorize/sso.js';
import { logoutRevokeRoutes } from './logout-revoke.js';
import { sendBackchannelLogouts } from './backchannel-logout.js';

const kernelLogout = logoutRevokeRoutes.find((r) => r.endpoint === 'logout');

function fail(message: string): HttpError {
  return new HttpError(errorPage(400, message));
}

async function idTokenClaims(ctx: RequestContext, realm: RealmModel, hint: string): Promise<Record<string, unknown>> {
  // An expired hint is still good enough to say which session to end (Keycloak verifies it without exp).
  const verified = await verifyRealmToken(realm, hint, ctx.issuer(realm), ctx.nowSeconds);
  const claims = verified.ok ? verified.claims : verified.reason === 'expired' ? verified.claims : undefined;
  if (claims?.['typ'] !== 'ID') throw fail('Invalid parameter: id_token_hint');
  return claims;
}

/** Logs out: ends the session named by the hint (or the SSO cookie), then redirects or shows "You are logged out". */
async function endSession(ctx: RequestContext, params: URLSearchParams): Promise<Reply> {
  const realm = ctx.realm();
  const hint = params.get('id_token_hint') ?? undefined;
  const clientId = params.get('client_id') ?? undefined;
  const redirect = params.get('post_logout_redirect_uri') ?? undefined;
  if (redirect !== undefined && hint === undefined && clientId === undefined)
    throw fail('Missing parameter: id_token_hint');
  const claims = hint === undefined ? undefined : await idTokenClaims(ctx, realm, hint);
  if (claims && clientId !== undefined && claims['azp'] !== clientId) throw fail('Invalid parameter: client_id');
  const client: ClientModel | undefined = realm.clients.get(clientId ?? String(claims?.['azp'] ?? ''));
  if (clientId !== undefined && !client) throw fail('Invalid parameter: client_id');
  let target: string | undefined;
  if (redirect !== undefined) {
    target = client
      ? verifyRedirectUri(postLogoutRedirectUris(client), client, redirect, ctx.baseUrl, true)
      : undefined;
    if (!target) throw fail('Invalid redirect uri');
  }
  const sso = await ssoSession(ctx, realm);
  const sid = typeof claims?.['sid'] === 'string' ? claims['sid'] : sso?.session.id;
  if (!claims && !params.has('confirm')) {
    // Without an id_token_hint Keycloak asks the person to confirm before ending the session.
    const fields = Object.fromEntries([...params].filter(([k]) => k !== 'confirm'));
    return formPage(
      'Logging out',
      `${ctx.issuer(realm)}/protocol/openid-connect/logout`,
      { ...fields, confirm: 'yes' },
      '<input id="kc-logout" name="confirmLogout" type="submit" value="Logout">',
    );
  }
  const ending = sid ? ctx.kernel.sessions.get(sid, false) : undefined;
  if (ending) {
    ctx.kernel.sessions.remove(ending.id, false);
    await sendBackchannelLogouts(realm, ending, ctx.issuer(realm), ctx.nowSeconds);
  }
  const headers = { 'set-cookie': expiredIdentityCookie(realm) };
  if (target) {
    const state = params.get('state');
    const location =
      state === null ? target : `${target}${target.includes('?') ? '&' : '?'}${new URLSearchParams({ state })}`;
    return { status: 302, headers: { location, ...headers } };
  }
  return infoPage('You are logged out', 'You are logged out', headers);
}

async function endSessionPost(ctx: RequestContext): Promise<Reply> {
  const form = await ctx.form();
  // A POST with refresh_token is the back-channel logout the kernel answers.
  if (form.has('refresh_token') && kernelLogout) return kernelLogout.handler(ctx);
  if (mediaType(ctx.req) !== 'application/x-www-form-urlencoded' && form.size > 0) throw fail('Invalid Request');
  return endSession(ctx, new URLSearchParams([...form]));
}

/** GET/POST logout (RP-initiated logout 1.0). Registered before the kernel's POST logout, which it delegates to. */
export const endSessionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/realms/{realm}/protocol/openid-connect/logout',
    endpoint: 'logout',
    handler: (ctx) => endSession(ctx, ctx.url.searchParams),
  },
  {
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/logout',
    endpoint: 'logout',
    handler: endSessionPost,
  },
];
