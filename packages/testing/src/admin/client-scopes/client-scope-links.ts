import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { ClientModel, ClientScopeModel, RealmModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { clientAdminRequest, clientScopeWithId } from '../clients/client-lookup.js';
import { errorMessage } from '../errors.js';
import { allowIf } from '../permissions.js';

/** Which of the two scope lists: `default` scopes always apply, `optional` ones when the `scope` parameter asks. */
type Kind = 'default' | 'optional';

/**
 * The brief form Keycloak lists linked scopes in: id and name for a client's links; the realm's defaults
 * (RealmAdminResource.getDefaultDefaultClientScopes) add the scope's protocol.
 */
function briefScopes(
  realm: RealmModel,
  names: readonly string[],
  withProtocol = false,
): { id: string; name: string; protocol?: string }[] {
  return names.flatMap((name) => {
    const scope = realm.clientScopes.get(name);
    if (!scope) return [];
    return [{ id: scope.id, name: scope.name, ...(withProtocol ? { protocol: scope.protocol } : {}) }];
  });
}

function scopeOfPath(ctx: RequestContext, realm: RealmModel): ClientScopeModel {
  const scope = clientScopeWithId(realm, ctx.params['scopeId'] ?? '');
  if (!scope) throw errorMessage(404, 'Client scope not found');
  return scope;
}

/** The pair of lists a link lives in: a client's, or the realm's defaults for new clients. */
interface ScopeLists {
  default: string[];
  optional: string[];
}

function clientLists(client: ClientModel): ScopeLists {
  return {
    get default() {
      return client.defaultClientScopes;
    },
    set default(names) {
      client.defaultClientScopes = names;
    },
    get optional() {
      return client.optionalClientScopes;
    },
    set optional(names) {
      client.optionalClientScopes = names;
    },
  };
}

function realmLists(realm: RealmModel): ScopeLists {
  return {
    get default() {
      return realm.defaultDefaultClientScopes;
    },
    set default(names) {
      realm.defaultDefaultClientScopes = names;
    },
    get optional() {
      return realm.defaultOptionalClientScopes;
    },
    set optional(names) {
      realm.defaultOptionalClientScopes = names;
    },
  };
}

// A scope is linked at most once: adding it again, even as the other kind, changes nothing (as the JPA mapping).
function link(lists: ScopeLists, kind: Kind, scope: ClientScopeModel): void {
  if (lists.default.includes(scope.name) || lists.optional.includes(scope.name)) return;
  lists[kind] = [...lists[kind], scope.name];
}

function unlink(lists: ScopeLists, kind: Kind, scope: ClientScopeModel): void {
  lists[kind] = lists[kind].filter((name) => name !== scope.name);
}

function clientLinkRoutes(kind: Kind): Route[] {
  const base = `/admin/realms/{realm}/clients/{id}/${kind}-client-scopes`;
  const list = async (ctx: RequestContext): Promise<Reply> => {
    const { realm, perms, client } = await clientAdminRequest(ctx);
    allowIf(perms.canViewClients());
    return { status: 200, body: briefScopes(realm, clientLists(client)[kind]) };
  };
  const change =
    (apply: typeof link) =>
    async (ctx: RequestContext): Promise<Reply> => {
      const { realm, perms, client } = await clientAdminRequest(ctx);
      allowIf(perms.canManageClients());
      apply(clientLists(client), kind, scopeOfPath(ctx, realm));
      return { status: 204 };
    };
  return [
    { method: 'GET', path: base, endpoint: 'admin', handler: list },
    { method: 'PUT', path: `${base}/{scopeId}`, endpoint: 'admin', handler: change(link) },
    { method: 'DELETE', path: `${base}/{scopeId}`, endpoint: 'admin', handler: change(unlink) },
  ];
}

// RealmAdminResource: viewing needs a clients view right, changing the realm defaults needs manage-realm.
function realmDefaultRoutes(kind: Kind): Route[] {
  const base = `/admin/realms/{realm}/default-${kind}-client-scopes`;
  const list = async (ctx: RequestContext): Promise<Reply> => {
    const { realm, perms } = await realmAdminRequest(ctx);
    allowIf(perms.canListClients());
    return { status: 200, body: briefScopes(realm, realmLists(realm)[kind], true) };
  };
  const change =
    (apply: typeof link) =>
    async (ctx: RequestContext): Promise<Reply> => {
      const { realm, perms } = await realmAdminRequest(ctx);
      allowIf(perms.canManageRealm());
      apply(realmLists(realm), kind, scopeOfPath(ctx, realm));
      return { status: 204 };
    };
  return [
    { method: 'GET', path: base, endpoint: 'admin', handler: list },
    { method: 'PUT', path: `${base}/{scopeId}`, endpoint: 'admin', handler: change(link) },
    { method: 'DELETE', path: `${base}/{scopeId}`, endpoint: 'admin', handler: change(unlink) },
  ];
}

/** Default and optional client scopes of clients, and the realm's defaults for new clients. */
export const clientScopeLinkRoutes: Route[] = [
  ...clientLinkRoutes('default'),
  ...clientLinkRoutes('optional'),
  ...realmDefaultRoutes('default'),
  ...realmDefaultRoutes('optional'),
];
