import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { RealmModel } from '../../model/types.js';
import { permissionsOf, realmAdminRequest } from '../admin-context.js';
import { authenticateAdmin, type AdminAuth } from '../auth.js';
import { errorResponse, forbidden } from '../errors.js';
import { booleanParam, readJsonObject, type RepresentationShape } from '../json-body.js';
import { REALM_FIELDS } from '../known-fields.js';
import { importNewRealm } from './realm-create.js';
import { applyRealmSettings, realmToBriefRepresentation, realmToRepresentation } from './realm-representation.js';
import { allowIf, canCreateRealm } from '../permissions.js';
import { checkReservedChars } from './reserved-chars.js';

/** RealmRepresentation as Jackson binds it. */
export const REALM_SHAPE: RepresentationShape = {
  className: 'org.keycloak.representations.idm.RealmRepresentation',
  fields: REALM_FIELDS,
};

function visibleRealm(ctx: RequestContext, auth: AdminAuth, realm: RealmModel, brief: boolean): object | undefined {
  if (auth.realm.name !== 'master' && auth.realm !== realm) return undefined;
  const perms = permissionsOf(ctx, auth, realm);
  if (perms.canViewRealm()) return brief ? realmToBriefRepresentation(realm) : realmToRepresentation(realm);
  return perms.isAdmin() ? { realm: realm.name } : undefined;
}

// GET /admin/realms: the realms the caller may see; none at all is a 403, as RealmsAdminResource.getRealms.
async function listRealms(ctx: RequestContext): Promise<Reply> {
  const auth = await authenticateAdmin(ctx);
  const brief = booleanParam(ctx.url, 'briefRepresentation') ?? false;
  const reps = ctx.kernel.store.list().flatMap((realm) => visibleRealm(ctx, auth, realm, brief) ?? []);
  if (reps.length === 0) throw forbidden();
  return { status: 200, body: reps };
}

async function createRealm(ctx: RequestContext): Promise<Reply> {
  const auth = await authenticateAdmin(ctx);
  allowIf(canCreateRealm(auth));
  const rep = await readJsonObject(ctx, REALM_SHAPE);
  const realm = importNewRealm(ctx, auth, rep);
  return { status: 201, headers: { location: `${ctx.baseUrl}/admin/realms/${encodeURIComponent(realm.name)}` } };
}

async function getRealm(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  if (perms.canViewRealm()) return { status: 200, body: realmToRepresentation(realm) };
  allowIf(perms.isAdmin());
  return { status: 200, body: { realm: realm.name } };
}

// PUT: only the fields sent change (RepresentationToModel.updateRealm); a new `realm` name renames the realm.
async function updateRealm(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  const rep = await readJsonObject(ctx, REALM_SHAPE);
  const name = rep['realm'];
  if (realm.name === 'master' && name !== undefined && name !== null && name !== 'master')
    throw errorResponse(400, "Can't rename master realm");
  checkReservedChars(name);
  if (name !== undefined && name !== null && name !== realm.name) {
    if (typeof name !== 'string' || name.trim() === '') throw errorResponse(400, 'Realm name cannot be empty');
    if (ctx.kernel.store.get(name)) throw errorResponse(409, 'Realm with same name exists');
    ctx.kernel.store.rename(realm, name);
  }
  applyRealmSettings(realm, rep);
  return { status: 204 };
}

async function deleteRealm(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  // The server's own admin realm cannot go: every admin token and the bootstrap admin live there.
  if (realm.name === 'master') throw errorResponse(400, "Can't delete master realm");
  ctx.kernel.sessions.removeAll(realm);
  ctx.kernel.store.remove(realm.name);
  return { status: 204 };
}

/** Realm collection and realm routes of the admin API. */
export const realmRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms', endpoint: 'admin', handler: listRealms },
  { method: 'POST', path: '/admin/realms', endpoint: 'admin', handler: createRealm },
  { method: 'GET', path: '/admin/realms/{realm}', endpoint: 'admin', handler: getRealm },
  { method: 'PUT', path: '/admin/realms/{realm}', endpoint: 'admin', handler: updateRealm },
  { method: 'DELETE', path: '/admin/realms/{realm}', endpoint: 'admin', handler: deleteRealm },
];
