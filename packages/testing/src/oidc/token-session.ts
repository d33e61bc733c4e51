import type { ClientModel, RealmModel, UserModel } from '../model/types.js';
import type { Kernel } from '../http/context.js';
import type { UserSession } from '../sessions/session-store.js';

/** Why a token's session does not back it any more, in Keycloak's refresh-grant wording. */
export type SessionProblem =
  | 'Session not active'
  | 'Offline session not active'
  | 'Offline user session not found'
  | 'User disabled'
  | "Session doesn't have required client"
  | 'Stale token';

/** The live session, user and client behind a token's claims, or the reason there is none. */
export type TokenSession =
  | { ok: true; session: UserSession; user: UserModel; client: ClientModel }
  | { ok: false; problem: SessionProblem };

/**
 * Finds the session a token (access, refresh or offline) belongs to and checks it is still valid: session alive
 * under the realm timeouts, user present and enabled, client session present, no user/client not-before.
 */
export function tokenSession(
  kernel: Kernel,
  realm: RealmModel,
  claims: Record<string, unknown>,
  nowSeconds: number,
): TokenSession {
  const offline = claims['typ'] === 'Offline' || (typeof claims['jti'] === 'string' && claims['jti'].startsWith('of'));
  const sid = typeof claims['sid'] === 'string' ? claims['sid'] : '';
  if (!sid && typeof claims['jti'] === 'string' && claims['jti'].startsWith('tr'))
    return transientSession(realm, claims);
  const session = kernel.sessions.get(sid, offline);
  if (!session) return { ok: false, problem: offline ? 'Offline user session not found' : 'Session not active' };
  if (!kernel.sessions.isValid(realm, session, nowSeconds))
    return { ok: false, problem: offline ? 'Offline session not active' : 'Session not active' };
  const user = realm.users.get(session.userId);
  if (!user) return { ok: false, problem: 'Session not active' };
  if (!user.enabled) {
    kernel.sessions.remove(session.id, session.offline);
    return { ok: false, problem: 'User disabled' };
  }
  const client = realm.clients.get(String(claims['azp']));
  if (!client || !session.clientSessions.has(client.id))
    return { ok: false, problem: "Session doesn't have required client" };
  const iat = typeof claims['iat'] === 'number' ? claims['iat'] : 0;
  if (iat < user.notBefore || iat < client.notBefore) return { ok: false, problem: 'Stale token' };
  return { ok: true, session, user, client };
}

// A transient (client-credentials) token has no stored session: it lives while its user and client do.
function transientSession(realm: RealmModel, claims: Record<string, unknown>): TokenSession {
  const client = realm.clients.get(String(claims['azp']));
  const user = client ? [...realm.users.values()].find((u) => u.serviceAccountClientId === client.id) : undefined;
  if (!client || !user) return { ok: false, problem: 'Session not active' };
  if (!user.enabled) return { ok: false, problem: 'User disabled' };
  const iat = typeof claims['iat'] === 'number' ? claims['iat'] : 0;
  if (iat < user.notBefore || iat < client.notBefore) return { ok: false, problem: 'Stale token' };
  const session: UserSession = {
    id: '',
    realmId: realm.id,
    userId: user.id,
    offline: false,
    started: iat,
    lastSessionRefresh: iat,
    notes: {},
    clientSessions: new Map(),
  };
  return { ok: true, session, user, client };
}
