import type { Kernel } from '../http/context.js';
import { HttpError, oauthError } from '../http/http-error.js';
import { findUserByLogin } from '../model/store.js';
import type { GrantContext, GrantHandler } from '../http/grant-registry.js';
import { isTemporarilyDisabled, recordLoginFailure, recordLoginSuccess } from './brute-force.js';
import { recordUserEvent } from './event-store.js';

/** The event type each grant records on success (its error type adds `_ERROR`), as Keycloak's grant types do. */
const EVENT_OF_GRANT: Record<string, string> = {
  password: 'LOGIN',
  authorization_code: 'CODE_TO_TOKEN',
  refresh_token: 'REFRESH_TOKEN',
  client_credentials: 'CLIENT_LOGIN',
};

function errorOf(error: unknown): string {
  if (!(error instanceof HttpError)) return 'unknown_error';
  const body = error.reply.body as Record<string, unknown> | undefined;
  return body?.['error_description'] === 'Invalid user credentials'
    ? 'invalid_user_credentials'
    : String(body?.['error'] ?? 'unknown_error');
}

function sessionOf(grant: GrantContext, body: unknown): { sessionId?: string; userId?: string } {
  const sessionId = (body as Record<string, unknown> | undefined)?.['session_state'];
  if (typeof sessionId !== 'string') return {};
  const session = grant.ctx.kernel.sessions.get(sessionId, false) ?? grant.ctx.kernel.sessions.get(sessionId, true);
  return { sessionId, ...(session ? { userId: session.userId } : {}) };
}

function recording(type: string, grantType: string, inner: GrantHandler): GrantHandler {
  return async (grant) => {
    const { ctx, realm, form, client } = grant;
    const now = ctx.kernel.clock.now();
    const ipAddress = ctx.req.socket.remoteAddress ?? '';
    const username = grantType === 'password' ? form.get('username') : undefined;
    const user = username ? findUserByLogin(realm, username) : undefined;
    const base = {
      time: now,
      clientId: client.clientId,
      ipAddress,
      details: { grant_type: grantType, ...(username ? { username } : {}) },
    };
    // A locked-out user gets the same answer as a wrong password, so an attacker learns nothing (ValidatePassword).
    if (user && isTemporarilyDisabled(realm, user, now)) {
      recordUserEvent(realm, { ...base, type: `${type}_ERROR`, userId: user.id, error: 'user_temporarily_disabled' });
      throw oauthError(400, 'invalid_grant', 'Invalid user credentials');
    }
    try {
      const reply = await inner(grant);
      if (user) recordLoginSuccess(realm, user);
      const found = sessionOf(grant, reply.body);
      recordUserEvent(realm, {
        ...base,
        type,
        ...found,
        ...(found.userId === undefined && user ? { userId: user.id } : {}),
      });
      return reply;
    } catch (error) {
      const code = errorOf(error);
      if (user && code === 'invalid_user_credentials') recordLoginFailure(realm, user, now, ipAddress);
      recordUserEvent(realm, {
        ...base,
        type: `${type}_ERROR`,
        ...(user ? { userId: user.id } : {}),
        error: user || grantType !== 'password' ? code : 'user_not_found',
      });
      throw error;
    }
  };
}

/**
 * Wraps the registered grants so that token requests record LOGIN, CODE_TO_TOKEN, REFRESH_TOKEN and
 * CLIENT_LOGIN events (and their `_ERROR`s), and password logins feed brute-force detection. Call once, after
 * every module registered its grants.
 */
export function registerEventRecording(kernel: Kernel): void {
  for (const [grantType, type] of Object.entries(EVENT_OF_GRANT)) {
    const inner = kernel.grants.get(grantType);
    if (inner) kernel.grants.register(grantType, recording(type, grantType, inner));
  }
}
