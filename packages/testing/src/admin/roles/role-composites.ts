import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import { clientById } from '../../model/roles.js';
import type { RealmModel, RoleModel } from '../../model/types.js';
import { errorMessage } from '../errors.js';
import { page, readRoleList, resolveRoleReps, roleById, roleList } from './role-support.js';

/**
 * The composite operations RoleResource shares between roles by name and roles by id: list the composites (all,
 * realm-level, or one client's), add and remove them. Bodies name composites by id, as Keycloak resolves them.
 */

/** GET …/composites: brief representations; `search` (case-insensitive substring of the name), `first`, `max`. */
export function listComposites(ctx: RequestContext, realm: RealmModel, role: RoleModel): Reply {
  const search = ctx.url.searchParams.get('search')?.toLowerCase() ?? '';
  const matching = [...role.composites].filter((r) => r.name.toLowerCase().includes(search));
  return { status: 200, body: page(ctx, roleList(realm, matching)) };
}

/** GET …/composites/realm. */
export function listRealmComposites(realm: RealmModel, role: RoleModel): Reply {
  return {
    status: 200,
    body: roleList(
      realm,
      [...role.composites].filter((r) => r.clientId === undefined),
    ),
  };
}

/** GET …/composites/clients/{client}: 404 "Could not find client" for an unknown internal id. */
export function listClientComposites(realm: RealmModel, role: RoleModel, clientUuid: string): Reply {
  const client = clientById(realm, clientUuid);
  if (!client) throw errorMessage(404, 'Could not find client');
  return {
    status: 200,
    body: roleList(
      realm,
      [...role.composites].filter((r) => r.clientId === client.id),
    ),
  };
}

async function compositesOfBody(ctx: RequestContext, realm: RealmModel): Promise<RoleModel[]> {
  const reps = (await readRoleList(ctx)) ?? [];
  return resolveRoleReps(reps, { byId: (id) => roleById(realm, id) }, 'Could not find composite role');
}

/** POST …/composites: every role is looked up by `id` first (404 "Could not find composite role"), then added. */
export async function addComposites(ctx: RequestContext, realm: RealmModel, role: RoleModel): Promise<Reply> {
  for (const composite of await compositesOfBody(ctx, realm)) role.composites.add(composite);
  return { status: 204 };
}

/** DELETE …/composites. */
export async function removeComposites(ctx: RequestContext, realm: RealmModel, role: RoleModel): Promise<Reply> {
  for (const composite of await compositesOfBody(ctx, realm)) role.composites.delete(composite);
  return { status: 204 };
}
