import type { RequestContext } from '../../http/context.js';
import { HttpError, type Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { mediaType } from '../../http/body.js';
import { checkAuthRequest } from './auth-request.js';
import { approveDeviceAfterLogin } from '../device/verification.js';
import { errorPage, loginPage } from './pages.js';
import { credentialProblem, finishLogin, loginAction, startLogin, startSession } from './login.js';
import { errorToClient } from './respond.js';
import { ssoSession } from './sso.js';
import { browserFlowState } from './state.js';

async function requestParams(ctx: RequestContext): Promise<URLSearchParams> {
  if (ctx.req.method !== 'POST') return ctx.url.searchParams;
  const form = await ctx.form();
  return new URLSearchParams([...form]);
}

/** GET/POST auth: checks the request, then reuses the SSO session, answers prompt=none, or shows the login form. */
async function authorize(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  if (!realm.enabled) return errorPage(400, 'Realm not enabled.');
  const request = checkAuthRequest(ctx, realm, await requestParams(ctx));
  const prompt = (request.prompt ?? '').split(' ');
  const sso = prompt.includes('login') ? undefined : await ssoSession(ctx, realm);
  if (sso) return finishLogin(ctx, realm, request, sso.session);
  if (prompt.includes('none')) return errorToClient(request, ctx.issuer(realm), request.state, 'login_required');
  return startLogin(ctx, realm, { request });
}

/** POST login-actions/authenticate: checks the credentials typed in the form and completes the login. */
async function authenticate(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const tabId = ctx.url.searchParams.get('tab_id') ?? ctx.url.searchParams.get('session_code') ?? '';
  const pending = browserFlowState(ctx.kernel).logins.get(tabId, ctx.nowSeconds);
  // Keycloak answers an unknown or timed-out login tab with this page, not a redirect.
  if (!pending || pending.realmId !== realm.id)
    return errorPage(400, 'Your login attempt timed out. Login will start from the beginning.');
  const form = await ctx.form();
  const username = form.get('username') ?? '';
  const { user, problem } = credentialProblem(realm, username, form.get('password') ?? '');
  if (!user)
    return loginPage(realm.name, loginAction(ctx, realm, tabId, pending.request.client.clientId), {
      error: problem ?? '',
      username,
      status: 200,
    });
  browserFlowState(ctx.kernel).logins.delete(tabId);
  const session = startSession(ctx, realm, user);
  if (pending.userCode !== undefined)
    return approveDeviceAfterLogin(ctx, realm, pending.userCode, pending.request.client, session, form);
  return finishLogin(ctx, realm, pending.request, session);
}

async function rejectNonForm(ctx: RequestContext): Promise<Reply> {
  if (mediaType(ctx.req) !== 'application/x-www-form-urlencoded')
    throw new HttpError(errorPage(400, 'Invalid Request'));
  return authenticate(ctx);
}

/** The authorization endpoint and the login form's target. */
export const authRoutes: Route[] = [
  {
    method: ['GET', 'POST'],
    path: '/realms/{realm}/protocol/openid-connect/auth',
    endpoint: 'auth',
    handler: authorize,
  },
  { method: 'POST', path: '/realms/{realm}/login-actions/authenticate', endpoint: 'auth', handler: rejectNonForm },
];
