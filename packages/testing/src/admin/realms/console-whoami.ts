import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { ClientModel, RealmModel, UserModel } from '../../model/types.js';
import { effectiveUserRoles } from '../../model/roles.js';
import { bearerToken, checkAccessToken } from '../../oidc/bearer.js';
import { errorMessage, unauthorized } from '../errors.js';

/**
 * `GET /admin/{realm}/console/whoami` (AdminConsole.whoAmI): the admin console asks who its user is and which
 * admin roles they hold. The token must come from that realm (else 401) and be issued for the admin console: azp
 * `security-admin-console` or a client with the attribute `security.admin.console` = true (else 403). A master
 * user's access is read for `currentRealm` (default master) through that realm's `<realm>-realm` client; another
 * realm's user's through its `realm-management` client. No admin role at all is 403 "No realm access".
 */
function rolesOn(client: ClientModel | undefined, user: UserModel): string[] {
  if (!client) return [];
  const held = effectiveUserRoles(user);
  return [...client.roles.values()].filter((role) => held.has(role)).map((role) => role.name);
}

function displayNameOf(user: UserModel): string {
  const first = user.firstName?.trim() ? user.firstName : undefined;
  const last = user.lastName?.trim() ? user.lastName : undefined;
  if (first === undefined && last === undefined) return user.username;
  return [user.firstName, user.lastName].filter((part) => part !== undefined).join(' ');
}

async function whoAmI(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.kernel.store.get(ctx.params['realm'] ?? '');
  if (!realm) throw errorMessage(404, 'Realm not found.');
  const token = bearerToken(ctx);
  const checked = token ? await checkAccessToken(ctx, realm, token) : undefined;
  if (!checked?.ok) throw unauthorized();
  const issuedFor = checked.claims['azp'];
  if (issuedFor !== 'security-admin-console') {
    if (typeof issuedFor !== 'string') throw errorMessage(403, 'No azp claim in the token');
    if (realm.clients.get(issuedFor)?.attributes['security.admin.console'] !== 'true') {
      throw errorMessage(403, `Token issued for an application that is not the admin console: ${issuedFor}`);
    }
  }
  const user = checked.found.user;
  const realmAccess: Record<string, string[]> = {};
  let createRealm = false;
  if (realm.name === 'master') {
    const createRole = realm.roles.get('create-realm');
    createRealm = createRole !== undefined && effectiveUserRoles(user).has(createRole);
    const current = ctx.url.searchParams.get('currentRealm') ?? realm.name;
    const target: RealmModel | undefined = ctx.kernel.store.get(current);
    if (!target) throw errorMessage(404, 'Realm not found');
    realmAccess[target.name] = rolesOn(realm.clients.get(`${target.name}-realm`), user);
  } else {
    realmAccess[realm.name] = rolesOn(realm.clients.get('realm-management'), user);
  }
  if (Object.values(realmAccess)[0]?.length === 0) throw errorMessage(403, 'No realm access');
  return {
    status: 200,
    body: {
      userId: user.id,
      realm: realm.name,
      displayName: displayNameOf(user),
      locale: 'en',
      createRealm,
      realm_access: realmAccess,
      temporary: user.attributes['is_temporary_admin']?.[0] === 'true',
    },
  };
}

/** The admin console's whoami. */
export const consoleRoutes: Route[] = [
  { method: 'GET', path: '/admin/{realm}/console/whoami', endpoint: 'admin', handler: whoAmI },
];
