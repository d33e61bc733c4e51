import { clientAuthorizationExport } from '../../authz/settings-export.js';
import { clientToRepresentation } from '../../model/export.js';
import type { ClientModel, RealmModel } from '../../model/types.js';
import type { JsonObject } from '../json-body.js';
import type { RealmPermissions } from '../permissions.js';
import { registeredNodesOf } from './client-node-store.js';

/** ClientPermissions.getAccess without fine-grained permissions: what the caller may do with a client. */
export function clientAccess(perms: RealmPermissions): Record<string, boolean> {
  const manage = perms.canManageClients();
  return { view: perms.canViewClients(), configure: manage, manage };
}

/**
 * The client as `GET /admin/realms/{realm}/clients/{id}` answers it (ModelToRepresentation.toRepresentation plus
 * `access`): the model's fields, the Authorization Services flag, and the defaults Keycloak always writes.
 */
export function clientToAdminRepresentation(
  realm: RealmModel,
  client: ClientModel,
  perms: RealmPermissions,
): JsonObject {
  const { authorizationServicesEnabled } = clientAuthorizationExport(realm, client);
  // ModelToRepresentation leaves `protocolMappers` out when the client has none.
  const { protocolMappers, ...rep } = clientToRepresentation(client);
  return {
    surrogateAuthRequired: false,
    alwaysDisplayInConsole: false,
    authenticationFlowBindingOverrides: {},
    nodeReRegistrationTimeout: -1,
    ...rep,
    ...(protocolMappers && protocolMappers.length > 0 ? { protocolMappers } : {}),
    ...registeredNodesOf(client),
    ...(authorizationServicesEnabled ? { authorizationServicesEnabled } : {}),
    access: clientAccess(perms),
  };
}

/** What a caller who may only query clients sees of one (ClientsResource.getClients' brief form). */
export function clientToBriefRepresentation(client: ClientModel): JsonObject {
  return {
    id: client.id,
    clientId: client.clientId,
    ...(client.description !== undefined ? { description: client.description } : {}),
  };
}

/**
 * The `keycloak-oidc-keycloak-json` installation (KeycloakOIDCClientInstallation): the adapter configuration of
 * the client, with its secret when it is confidential.
 */
export function keycloakJsonInstallation(realm: RealmModel, client: ClientModel, baseUrl: string): JsonObject {
  const rep: JsonObject = {
    realm: realm.name,
    'auth-server-url': `${baseUrl}/`,
    'ssl-required': realm.sslRequired.toLowerCase(),
    resource: client.clientId,
  };
  if (client.bearerOnly) rep['bearer-only'] = true;
  else if (client.publicClient) rep['public-client'] = true;
  if (!client.publicClient && !client.bearerOnly) rep['credentials'] = { secret: client.secret ?? '' };
  if (client.roles.size > 0) rep['use-resource-role-mappings'] = true;
  rep['confidential-port'] = 0;
  return rep;
}
