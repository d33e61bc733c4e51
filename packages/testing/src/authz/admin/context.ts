import { realmAdminRequest } from '../../admin/admin-context.js';
import { errorMessage } from '../../admin/errors.js';
import { allowIf, type RealmPermissions } from '../../admin/permissions.js';
import type { RequestContext } from '../../http/context.js';
import { genericError, HttpError } from '../../http/http-error.js';
import { clientById } from '../../model/roles.js';
import type { ClientModel, RealmModel } from '../../model/types.js';
import { resourceServerOf } from '../resource-server.js';
import type { ResourceServerModel } from '../types.js';

/** An admin request on `/admin/realms/{realm}/clients/{client}/authz/resource-server/...`. */
export interface AuthzAdminRequest {
  realm: RealmModel;
  perms: RealmPermissions;
  client: ClientModel;
  server: ResourceServerModel;
}

/** Which right an operation needs: `view` to read, `manage` to change (RealmPermissions' authorization checks). */
export type AuthzRight = 'view' | 'manage';

/**
 * RealmPermissions.canViewAuthorizationDefault / canManageAuthorizationDefault without fine-grained admin
 * permissions: view is manage- or view-authorization; manage is manage-authorization or manage-clients.
 */
export function hasAuthzRight(perms: RealmPermissions, right: AuthzRight): boolean {
  return right === 'view'
    ? perms.hasOne('manage-authorization', 'view-authorization')
    : perms.hasOne('manage-authorization', 'manage-clients');
}

/**
 * Resolves the resource server of the path in Keycloak's order: the realm admin checks (401/404/403), then the
 * client (ClientsResource.getClient: 404 "Could not find client" for a caller who may list clients, else 403 so
 * ids cannot be probed), then AuthorizationService.resourceServer (404 when authorization is not enabled), and
 * last the right the operation needs (403).
 */
export async function authzAdminRequest(ctx: RequestContext, right: AuthzRight): Promise<AuthzAdminRequest> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const client = clientById(realm, ctx.params['client'] ?? '');
  if (!client) {
    allowIf(perms.hasOne('view-clients', 'manage-clients', 'query-clients'));
    throw errorMessage(404, 'Could not find client');
  }
  const server = resourceServerOf(client);
  if (!server) throw genericError(404, 'Not Found');
  allowIf(hasAuthzRight(perms, right));
  return { realm, perms, client, server };
}

/** A missing scope: ScopeService answers `Response.status(NOT_FOUND).build()`, no body. */
export function notFoundEmpty(): never {
  throw new HttpError({ status: 404 });
}

/** A missing resource or policy: Keycloak 26.7.3 answers RESTEasy's plain `{"error":"HTTP 404 Not Found"}`. */
export function notFoundPlain(): never {
  throw genericError(404, 'Not Found');
}

/** The conflict Keycloak's store answers for a representation without a value its not-null column needs. */
export function missingNameConflict(): never {
  throw new HttpError({ status: 409, body: { error: 'conflict', error_description: 'Duplicate resource error' } });
}
