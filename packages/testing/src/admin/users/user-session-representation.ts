import { clientById } from '../../model/roles.js';
import type { RealmModel } from '../../model/types.js';
import type { UserSession } from '../../sessions/session-store.js';
import type { JsonObject } from '../json-body.js';

/**
 * ModelToRepresentation.toRepresentation(UserSessionModel): times in ms, `clients` maps each client's internal
 * id to its clientId. Shared by the user and client session listings.
 */
export function userSessionToRepresentation(realm: RealmModel, session: UserSession): JsonObject {
  const clients: Record<string, string> = {};
  for (const id of session.clientSessions.keys()) {
    const client = clientById(realm, id);
    if (client) clients[id] = client.clientId;
  }
  return {
    id: session.id,
    username: realm.users.get(session.userId)?.username,
    userId: session.userId,
    // The test server does not record the login's address; Keycloak answers the client's IP here.
    ipAddress: session.notes['clientAddress'] ?? '127.0.0.1',
    start: session.started * 1000,
    lastAccess: session.lastSessionRefresh * 1000,
    rememberMe: false,
    clients,
    transientUser: false,
  };
}
