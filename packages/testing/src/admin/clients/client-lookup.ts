import type { RequestContext } from '../../http/context.js';
import { clientById } from '../../model/roles.js';
import type { ClientModel, ClientScopeModel, RealmModel } from '../../model/types.js';
import { realmAdminRequest, type RealmAdminRequest } from '../admin-context.js';
import { errorMessage } from '../errors.js';
import { allowIf, type RealmPermissions } from '../permissions.js';

/** An admin request on one client of the path (`{id}` = the client's internal id). */
export interface ClientAdminRequest extends RealmAdminRequest {
  client: ClientModel;
}

/**
 * Resolves `/clients/{id}` as ClientsResource.getClient does: an unknown id is 404 "Could not find client" for a
 * caller who may list clients and 403 for others, so ids cannot be phished.
 */
export async function clientAdminRequest(ctx: RequestContext): Promise<ClientAdminRequest> {
  const request = await realmAdminRequest(ctx);
  const client = clientById(request.realm, ctx.params['id'] ?? '');
  if (client) return { ...request, client };
  allowIf(request.perms.canListClients());
  throw errorMessage(404, 'Could not find client');
}

/** The client scope with id `id`. */
export function clientScopeWithId(realm: RealmModel, id: string): ClientScopeModel | undefined {
  for (const scope of realm.clientScopes.values()) if (scope.id === id) return scope;
  return undefined;
}

/** ClientScopesResource.getClientScope: an unknown id is 404 "Could not find client scope" (after the view check). */
export function findClientScope(realm: RealmModel, perms: RealmPermissions, id: string): ClientScopeModel {
  allowIf(perms.canListClients());
  const scope = clientScopeWithId(realm, id);
  if (!scope) throw errorMessage(404, 'Could not find client scope');
  return scope;
}
