import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import { findUserByLogin, passwordMatches } from '../../model/store.js';
import type { RealmModel, UserModel } from '../../model/types.js';
import type { UserSession } from '../../sessions/session-store.js';
import { loginPage } from './pages.js';
import { answerClient } from './respond.js';
import { identityCookie } from './sso.js';
import {
  browserFlowState,
  codeLifespanSeconds,
  loginLifespanSeconds,
  type AuthRequest,
  type PendingLogin,
} from './state.js';

/** The URL the login form posts to (Keycloak's login-actions/authenticate with the tab id). */
export function loginAction(ctx: RequestContext, realm: RealmModel, tabId: string, clientId: string): string {
  const query = new URLSearchParams({
    session_code: tabId,
    execution: 'auth-username-password-form',
    client_id: clientId,
    tab_id: tabId,
  });
  return `${ctx.issuer(realm)}/login-actions/authenticate?${query}`;
}

/** Stores the request as a login in progress and shows the login form. */
export function startLogin(ctx: RequestContext, realm: RealmModel, pending: Omit<PendingLogin, 'realmId'>): Reply {
  const tabId = randomUUID();
  browserFlowState(ctx.kernel).logins.set(
    tabId,
    { ...pending, realmId: realm.id },
    ctx.nowSeconds + loginLifespanSeconds(realm),
  );
  return loginPage(realm.name, loginAction(ctx, realm, tabId, pending.request.client.clientId));
}

/** Why a username/password pair does not log in, in the login form's words; undefined when it does. */
export function credentialProblem(
  realm: RealmModel,
  username: string,
  password: string,
): { user?: UserModel; problem?: string } {
  const user = username ? findUserByLogin(realm, username) : undefined;
  if (!user || user.serviceAccountClientId || !passwordMatches(user, password))
    return { problem: 'Invalid username or password.' };
  if (!user.enabled) return { problem: 'Account is disabled, contact your administrator.' };
  // The in-memory server has no required-action pages; it refuses such a login rather than skip the action.
  if (user.requiredActions.length > 0) return { problem: 'Account is not fully set up' };
  return { user };
}

/** Starts an SSO session for a user who just logged in. */
export function startSession(ctx: RequestContext, realm: RealmModel, user: UserModel): UserSession {
  const session = ctx.kernel.sessions.create(realm, user.id, ctx.nowSeconds, false);
  const address = ctx.req.socket.remoteAddress ?? '';
  Object.assign(session.notes, {
    AUTH_TIME: String(ctx.nowSeconds),
    clientHost: address,
    clientAddress: address,
    KC_DEVICE_NOTE: '',
  });
  return session;
}

/** Attaches the client to the session, issues a single-use code and sends it to the client with the SSO cookie. */
export async function finishLogin(
  ctx: RequestContext,
  realm: RealmModel,
  request: AuthRequest,
  session: UserSession,
): Promise<Reply> {
  const { client } = request;
  const now = ctx.nowSeconds;
  const existing = session.clientSessions.get(client.id);
  session.clientSessions.set(client.id, {
    clientId: client.id,
    started: existing?.started ?? now,
    timestamp: now,
    scope: request.scope ?? '',
    currentRefreshTokenUseCount: 0,
  });
  session.lastSessionRefresh = now;
  const code = `${randomUUID()}.${session.id}.${client.id}`;
  browserFlowState(ctx.kernel).codes.set(
    code,
    {
      realmId: realm.id,
      clientUuid: client.id,
      sessionId: session.id,
      redirectUriParam: request.redirectUriParam,
      scope: request.scope ?? '',
      nonce: request.nonce,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
      used: false,
    },
    now + codeLifespanSeconds(realm),
  );
  const cookie = await identityCookie(ctx, realm, session);
  return answerClient(
    request,
    { state: request.state, session_state: session.id, iss: ctx.issuer(realm), code },
    { 'set-cookie': cookie },
  );
}
