import type { RequestContext } from '../http/context.js';
import type { RealmModel } from '../model/types.js';
import { authenticateAdmin, type AdminAuth } from './auth.js';
import { adminRealmNotFound, forbidden } from './errors.js';
import { RealmPermissions } from './permissions.js';

/** An authenticated admin request on one realm: the caller, the realm of the path and the caller's rights there. */
export interface RealmAdminRequest {
  auth: AdminAuth;
  realm: RealmModel;
  perms: RealmPermissions;
}

/**
 * Resolves `/admin/realms/{realm}/...` in RealmsAdminResource.getRealmAdmin's order: authenticate (401), find the
 * realm (404 "Realm not found."), then refuse a caller of another realm than master or this one (403).
 */
export async function realmAdminRequest(ctx: RequestContext): Promise<RealmAdminRequest> {
  const auth = await authenticateAdmin(ctx);
  const realm = ctx.kernel.store.get(ctx.params['realm'] ?? '');
  if (!realm) throw adminRealmNotFound();
  if (auth.realm.name !== 'master' && auth.realm !== realm) throw forbidden();
  return { auth, realm, perms: permissionsOf(ctx, auth, realm) };
}

/** The caller's role-based rights over a realm. */
export function permissionsOf(ctx: RequestContext, auth: AdminAuth, realm: RealmModel): RealmPermissions {
  return new RealmPermissions(auth, realm, ctx.kernel.store.get('master'));
}
