import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { clientById } from '../../model/roles.js';
import type { ClientModel, RealmModel, RoleModel } from '../../model/types.js';
import { errorMessage } from '../errors.js';
import { allowIf } from '../permissions.js';
import {
  briefParam,
  mappingsRepresentation,
  readRoleList,
  resolveRoleReps,
  roleById,
  roleList,
} from './role-support.js';

/**
 * The one shape behind RoleMapperResource (users and groups: `/role-mappings`) and ScopeMappedResource (clients
 * and client scopes: `/scope-mappings`): a holder of a role set, read directly, effectively (`composite`), as what
 * is not mapped directly (`available`), and changed with a body of role representations.
 */

/** Something holding roles, resolved from the path, with the caller's rights over it. */
export interface MappingHolder {
  realm: RealmModel;
  mappings: Set<RoleModel>;
  /** Every role the holder has, through composites (and, for users and groups, group membership). */
  effective(): Set<RoleModel>;
  canView: boolean;
  canManage: boolean;
}

/** How one kind of mapping resource resolves its path and its bodies. */
export interface MappingKind {
  holderOf(ctx: RequestContext): Promise<MappingHolder>;
  /** Role mappings look roles up by name and require the id to match; scope mappings look realm roles up by id. */
  byId: boolean;
  /** The 404 message for an unknown client in `…/clients/{client}`. */
  unknownClient: string;
}

async function holder(ctx: RequestContext, kind: MappingKind, manage: boolean): Promise<MappingHolder> {
  const found = await kind.holderOf(ctx);
  allowIf(manage ? found.canManage : found.canView);
  return found;
}

function clientOf(ctx: RequestContext, realm: RealmModel, kind: MappingKind): ClientModel {
  const client = clientById(realm, ctx.params['client'] ?? '');
  if (!client) throw errorMessage(404, kind.unknownClient);
  return client;
}

/** The roles of one level: realm roles (`client` undefined) or one client's roles. */
const ofLevel =
  (client: ClientModel | undefined) =>
  (role: RoleModel): boolean =>
    role.clientId === client?.id;

async function change(ctx: RequestContext, kind: MappingKind, client: boolean, add: boolean): Promise<Reply> {
  const found = await holder(ctx, kind, true);
  const target = client ? clientOf(ctx, found.realm, kind) : undefined;
  const reps = await readRoleList(ctx);
  let roles: RoleModel[];
  if (reps === null) {
    // A DELETE without a body removes every mapping of the level, as Keycloak's resources do.
    roles = add ? [] : [...found.mappings].filter(ofLevel(target));
  } else if (target) {
    roles = resolveRoleReps(reps, { byName: (n) => target.roles.get(n), checkId: !kind.byId }, 'Role not found');
  } else if (kind.byId) {
    roles = resolveRoleReps(
      reps,
      {
        byId: (id) => {
          const r = roleById(found.realm, id);
          return r?.clientId === undefined ? r : undefined;
        },
      },
      'Role not found',
    );
  } else {
    roles = resolveRoleReps(reps, { byName: (n) => found.realm.roles.get(n), checkId: true }, 'Role not found');
  }
  for (const role of roles) {
    if (add) found.mappings.add(role);
    else found.mappings.delete(role);
  }
  return { status: 204 };
}

/** Routes of one mapping resource under `base` (e.g. `/admin/realms/{realm}/users/{id}/role-mappings`). */
export function mappingRoutes(base: string, kind: MappingKind): Route[] {
  const level =
    (client: boolean, suffix: '' | '/composite' | '/available'): Route['handler'] =>
    async (ctx) => {
      const found = await holder(ctx, kind, false);
      const target = client ? clientOf(ctx, found.realm, kind) : undefined;
      const inLevel = ofLevel(target);
      if (suffix === '') return { status: 200, body: roleList(found.realm, [...found.mappings].filter(inLevel)) };
      if (suffix === '/composite')
        return {
          status: 200,
          body: roleList(found.realm, [...found.effective()].filter(inLevel), briefParam(ctx, true)),
        };
      // Keycloak 26 offers every role not mapped directly (hasDirectRole), even one already held through a composite.
      const pool = target ? [...target.roles.values()] : [...found.realm.roles.values()];
      return {
        status: 200,
        body: roleList(
          found.realm,
          pool.filter((r) => !found.mappings.has(r)),
        ),
      };
    };
  const routes: Route[] = [
    {
      method: 'GET',
      path: base,
      endpoint: 'admin',
      handler: async (ctx) => {
        const found = await holder(ctx, kind, false);
        return { status: 200, body: mappingsRepresentation(found.realm, found.mappings) };
      },
    },
  ];
  for (const [path, client] of [
    [`${base}/realm`, false],
    [`${base}/clients/{client}`, true],
  ] as const) {
    routes.push(
      { method: 'GET', path, endpoint: 'admin', handler: level(client, '') },
      { method: 'POST', path, endpoint: 'admin', handler: (ctx) => change(ctx, kind, client, true) },
      { method: 'DELETE', path, endpoint: 'admin', handler: (ctx) => change(ctx, kind, client, false) },
      { method: 'GET', path: `${path}/composite`, endpoint: 'admin', handler: level(client, '/composite') },
      { method: 'GET', path: `${path}/available`, endpoint: 'admin', handler: level(client, '/available') },
    );
  }
  return routes;
}
