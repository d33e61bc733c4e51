import { HttpError } from '../http/http-error.js';
import { RealmImportError } from '../model/import.js';
import type { ClientRepresentation } from '../model/representations.js';
import type { RealmModel } from '../model/types.js';
import type { ResourceServerRepresentation } from './representations.js';
import { enableAuthorization } from './resource-server.js';
import { importAuthorizationSettings } from './settings-import.js';

/**
 * The realm-import step for `clients[].authorizationServicesEnabled` / `authorizationSettings`: the given settings,
 * or Keycloak's default resource, policy and permission when the client only enables authorization.
 */
export function importRealmAuthorization(
  realm: RealmModel,
  clients: readonly ClientRepresentation[],
  nowMs: number,
): void {
  for (const rep of clients) {
    const client = realm.clients.get(rep.clientId);
    if (!client || rep.authorizationServicesEnabled !== true) continue;
    const settings = rep['authorizationSettings'];
    try {
      if (settings && typeof settings === 'object')
        importAuthorizationSettings(realm, client, settings as ResourceServerRepresentation, nowMs);
      else enableAuthorization(realm, client, nowMs, false);
    } catch (error) {
      const body =
        error instanceof HttpError ? (error.reply.body as { error_description?: string } | undefined) : undefined;
      throw new RealmImportError(`client ${rep.clientId}: ${body?.error_description ?? String(error)}`);
    }
  }
}
