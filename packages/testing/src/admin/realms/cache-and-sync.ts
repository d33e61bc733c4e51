import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { realmAdminRequest } from '../admin-context.js';
import { allComponents } from '../components/components.js';
import { errorMessage } from '../errors.js';
import { allowIf } from '../permissions.js';

// The cache clears: this server has no caches to drop, so manage-realm gets a 204 as from Keycloak.
async function clearCache(ctx: RequestContext): Promise<Reply> {
  const { perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  return { status: 204 };
}

// POST user-storage/{id}/sync?action=...: without a federation provider nothing syncs, as UserStorageProviderResource answers.
async function syncUsers(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  const component = (await allComponents(realm)).find((c) => c.id === ctx.params['id']);
  if (!component) throw errorMessage(404, 'Could not find component');
  if (component.providerType !== 'org.keycloak.storage.UserStorageProvider')
    throw errorMessage(404, 'Could not find component');
  const action = ctx.url.searchParams.get('action');
  if (action !== 'triggerFullSync' && action !== 'triggerChangedUsersSync')
    throw errorMessage(404, `Unknown action: ${action}`);
  return {
    status: 200,
    body: { ignored: false, added: 0, updated: 0, removed: 0, failed: 0, status: '0 imported users, 0 updated users' },
  };
}

const USER_STORAGE = 'org.keycloak.storage.UserStorageProvider';

// UserStorageProviderResource: an unknown id is 404 "Could not find component", another kind of component 404
// "found, but not a UserStorageProvider".
async function storageComponent(ctx: RequestContext, manage: boolean) {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(manage ? perms.canManageRealm() : perms.canViewRealm());
  const component = (await allComponents(realm)).find((c) => c.id === ctx.params['id']);
  if (!component) throw errorMessage(404, 'Could not find component');
  if (component.providerType !== USER_STORAGE) throw errorMessage(404, 'found, but not a UserStorageProvider');
  return { realm, component };
}

// GET user-storage/{id}/name: the provider's id and display name.
async function storageName(ctx: RequestContext): Promise<Reply> {
  const { component } = await storageComponent(ctx, false);
  return { status: 200, body: { id: component.id, name: component.name } };
}

// POST remove-imported-users and unlink-users: Keycloak removes (or unlinks) the users imported from the provider.
// No provider here imports users (nothing federates), so there are none to touch: 204, as for an empty provider.
async function removeImportedUsers(ctx: RequestContext): Promise<Reply> {
  await storageComponent(ctx, true);
  return { status: 204 };
}

/** Cache clears and user storage sync of the admin API. */
export const maintenanceRoutes: Route[] = [
  { method: 'POST', path: '/admin/realms/{realm}/clear-keys-cache', endpoint: 'admin', handler: clearCache },
  { method: 'POST', path: '/admin/realms/{realm}/clear-realm-cache', endpoint: 'admin', handler: clearCache },
  { method: 'POST', path: '/admin/realms/{realm}/clear-user-cache', endpoint: 'admin', handler: clearCache },
  { method: 'POST', path: '/admin/realms/{realm}/user-storage/{id}/sync', endpoint: 'admin', handler: syncUsers },
  { method: 'GET', path: '/admin/realms/{realm}/user-storage/{id}/name', endpoint: 'admin', handler: storageName },
  {
    method: 'POST',
    path: '/admin/realms/{realm}/user-storage/{id}/remove-imported-users',
    endpoint: 'admin',
    handler: removeImportedUsers,
  },
  {
    method: 'POST',
    path: '/admin/realms/{realm}/user-storage/{id}/unlink-users',
    endpoint: 'admin',
    handler: removeImportedUsers,
  },
];
