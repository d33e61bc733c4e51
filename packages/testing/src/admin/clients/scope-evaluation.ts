import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { clientById, expandRoles } from '../../model/roles.js';
import type { ClientModel, RealmModel, RoleModel } from '../../model/types.js';
import { appliedScopes } from '../../tokens/scopes.js';
import { errorMessage } from '../errors.js';
import { allowIf } from '../permissions.js';
import { roleList } from '../roles/role-support.js';
import { clientAdminRequest } from './client-lookup.js';

/**
 * ClientScopeEvaluateResource: what a token for the client would get with a `scope` parameter. The requested
 * client scopes (TokenManager.getRequestedClientScopes) are the client itself, its default scopes and the optional
 * ones the parameter names.
 */

const EVALUATE = '/admin/realms/{realm}/clients/{id}/evaluate-scopes';

// GET protocol-mappers: every mapper of the client and of its requested scopes, as ProtocolMapperEvaluationRepresentation.
async function protocolMappers(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canViewClients());
  const scopes = appliedScopes(realm, client, ctx.url.searchParams.get('scope') ?? undefined);
  const containers = [
    // The client stands as a scope under its display name, which Keycloak answers "" when unset.
    { id: client.id, name: client.name ?? '', type: 'client', mappers: client.protocolMappers },
    ...scopes.map((s) => ({ id: s.id, name: s.name, type: 'client-scope', mappers: s.protocolMappers })),
  ];
  const body = containers.flatMap((c) =>
    c.mappers
      .filter((m) => (m.protocol ?? client.protocol) === client.protocol)
      .map((m) => ({
        mapperId: m.id,
        mapperName: m.name,
        containerId: c.id,
        containerName: c.name,
        containerType: c.type,
        protocolMapper: m.protocolMapper,
      })),
  );
  return { status: 200, body };
}

// ClientScopeEvaluateScopeMappingsResource.getGrantedRoles: every role of the container for a full-scope client,
// otherwise those the client (its own roles and scope mappings) or a requested scope has in scope.
function grantedRoles(
  realm: RealmModel,
  client: ClientModel,
  roles: RoleModel[],
  scopeParam: string | undefined,
): Set<RoleModel> {
  if (client.fullScopeAllowed) return new Set(roles);
  const scopes = appliedScopes(realm, client, scopeParam);
  const inScope = expandRoles([
    ...client.scopeMappings,
    ...client.roles.values(),
    ...scopes.flatMap((s) => [...s.scopeMappings]),
  ]);
  return new Set(roles.filter((r) => inScope.has(r)));
}

const scopeMappings =
  (granted: boolean) =>
  async (ctx: RequestContext): Promise<Reply> => {
    const { realm, perms, client } = await clientAdminRequest(ctx);
    allowIf(perms.canViewClients());
    // {roleContainerId} is the realm's name or a client's internal id.
    const containerId = ctx.params['container'] ?? '';
    const container = containerId === realm.name ? realm.roles : clientById(realm, containerId)?.roles;
    if (!container) throw errorMessage(404, 'Role Container not found');
    const roles = [...container.values()];
    const have = grantedRoles(realm, client, roles, ctx.url.searchParams.get('scope') ?? undefined);
    return {
      status: 200,
      body: roleList(
        realm,
        roles.filter((r) => have.has(r) === granted),
      ),
    };
  };

export const scopeEvaluationRoutes: Route[] = [
  { method: 'GET', path: `${EVALUATE}/protocol-mappers`, endpoint: 'admin', handler: protocolMappers },
  {
    method: 'GET',
    path: `${EVALUATE}/scope-mappings/{container}/granted`,
    endpoint: 'admin',
    handler: scopeMappings(true),
  },
  {
    method: 'GET',
    path: `${EVALUATE}/scope-mappings/{container}/not-granted`,
    endpoint: 'admin',
    handler: scopeMappings(false),
  },
];
