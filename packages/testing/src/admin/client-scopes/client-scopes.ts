import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { createClientScope } from '../../model/factory.js';
import { clientScopeToRepresentation } from '../../model/export.js';
import type { ClientScopeRepresentation } from '../../model/representations.js';
import type { ClientScopeModel, RealmModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { stringMap } from '../clients/client-write.js';
import { findClientScope } from '../clients/client-lookup.js';
import { errorResponse } from '../errors.js';
import { expectTypes, readJsonObject, type JsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';

const SCOPE_TYPES = {
  id: 'string',
  name: 'string',
  description: 'string',
  protocol: 'string',
  attributes: 'object',
  protocolMappers: 'array',
} as const;

/** ModelToRepresentation.toRepresentation(ClientScopeModel): `protocolMappers` only when there are some. */
export function clientScopeToAdminRepresentation(scope: ClientScopeModel): JsonObject {
  const { protocolMappers, ...rep } = clientScopeToRepresentation(scope);
  return protocolMappers && protocolMappers.length > 0 ? { ...rep, protocolMappers } : rep;
}

// ClientScopeResource.validateClientScopeName: a scope name travels in the `scope` parameter, so no spaces.
function validName(rep: JsonObject): string {
  const name = rep['name'];
  if (typeof name !== 'string' || !/^[^\s]+$/.test(name))
    throw errorResponse(400, `Unexpected name "${String(name)}" for ClientScope`);
  return name;
}

// ClientScopesResource.createClientScope: the protocol must be one Keycloak has a LoginProtocolFactory for.
function checkProtocol(rep: JsonObject): void {
  if (rep['protocol'] !== 'openid-connect' && rep['protocol'] !== 'saml')
    throw errorResponse(400, 'Unexpected protocol');
}

// Names are the model's keys (clients and realm defaults list scopes by name), so a rename rewrites them all.
function renameScope(realm: RealmModel, scope: ClientScopeModel, name: string): void {
  const old = scope.name;
  const entries = [...realm.clientScopes.entries()].map(([key, s]): [string, ClientScopeModel] =>
    s === scope ? [name, s] : [key, s],
  );
  realm.clientScopes.clear();
  for (const [key, s] of entries) realm.clientScopes.set(key, s);
  scope.name = name;
  const rename = (names: string[]): string[] => names.map((n) => (n === old ? name : n));
  realm.defaultDefaultClientScopes = rename(realm.defaultDefaultClientScopes);
  realm.defaultOptionalClientScopes = rename(realm.defaultOptionalClientScopes);
  for (const client of realm.clients.values()) {
    client.defaultClientScopes = rename(client.defaultClientScopes);
    client.optionalClientScopes = rename(client.optionalClientScopes);
  }
}

function removeScope(realm: RealmModel, scope: ClientScopeModel): void {
  realm.clientScopes.delete(scope.name);
  const without = (names: string[]): string[] => names.filter((n) => n !== scope.name);
  realm.defaultDefaultClientScopes = without(realm.defaultDefaultClientScopes);
  realm.defaultOptionalClientScopes = without(realm.defaultOptionalClientScopes);
  for (const client of realm.clients.values()) {
    client.defaultClientScopes = without(client.defaultClientScopes);
    client.optionalClientScopes = without(client.optionalClientScopes);
  }
}

async function listScopes(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canListClients());
  return { status: 200, body: [...realm.clientScopes.values()].map(clientScopeToAdminRepresentation) };
}

async function createScope(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageClients());
  // Unlike the other representations, Keycloak 26.7.3 binds a client scope ignoring fields it does not know.
  const rep = await readJsonObject(ctx);
  expectTypes(rep, SCOPE_TYPES);
  const name = validName(rep);
  checkProtocol(rep);
  const id = rep['id'];
  const idTaken = typeof id === 'string' && [...realm.clientScopes.values()].some((s) => s.id === id);
  if (realm.clientScopes.has(name) || idTaken) throw errorResponse(409, `Client Scope ${name} already exists`);
  const scope = createClientScope({ ...(rep as ClientScopeRepresentation), attributes: stringMap(rep['attributes']) });
  realm.clientScopes.set(scope.name, scope);
  return {
    status: 201,
    headers: { location: `${ctx.baseUrl}/admin/realms/${encodeURIComponent(realm.name)}/client-scopes/${scope.id}` },
  };
}

async function getScope(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const scope = findClientScope(realm, perms, ctx.params['scope'] ?? '');
  allowIf(perms.canViewClients());
  return { status: 200, body: clientScopeToAdminRepresentation(scope) };
}

// RepresentationToModel.updateClientScope: sent fields replace, attributes are merged; mappers are not touched.
async function updateScope(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const scope = findClientScope(realm, perms, ctx.params['scope'] ?? '');
  allowIf(perms.canManageClients());
  const rep = await readJsonObject(ctx);
  expectTypes(rep, SCOPE_TYPES);
  if (rep['name'] !== undefined && rep['name'] !== scope.name) {
    const name = validName(rep);
    if (realm.clientScopes.has(name)) throw errorResponse(409, `Client Scope ${name} already exists`);
    renameScope(realm, scope, name);
  }
  if (typeof rep['description'] === 'string') scope.description = rep['description'];
  if (typeof rep['protocol'] === 'string') scope.protocol = rep['protocol'];
  Object.assign(scope.attributes, stringMap(rep['attributes']));
  return { status: 204 };
}

async function deleteScope(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const scope = findClientScope(realm, perms, ctx.params['scope'] ?? '');
  allowIf(perms.canManageClients());
  removeScope(realm, scope);
  return { status: 204 };
}

/** Client scope routes of the admin API. */
export const clientScopeRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/client-scopes', endpoint: 'admin', handler: listScopes },
  { method: 'POST', path: '/admin/realms/{realm}/client-scopes', endpoint: 'admin', handler: createScope },
  { method: 'GET', path: '/admin/realms/{realm}/client-scopes/{scope}', endpoint: 'admin', handler: getScope },
  { method: 'PUT', path: '/admin/realms/{realm}/client-scopes/{scope}', endpoint: 'admin', handler: updateScope },
  { method: 'DELETE', path: '/admin/realms/{realm}/client-scopes/{scope}', endpoint: 'admin', handler: deleteScope },
];
