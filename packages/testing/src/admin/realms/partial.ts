import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { realmAdminRequest } from '../admin-context.js';
import { booleanParam, readJsonObject } from '../json-body.js';
import { partialImport } from './partial-import.js';
import { exportFullRealm } from './realm-export.js';
import { allowIf } from '../permissions.js';

const MASKED = '**********';

// ModelToRepresentation.stripForExport: client and identity-provider secrets and secret component settings
// become the mask.
function stripForExport(rep: Record<string, unknown>): void {
  for (const client of (rep['clients'] as Record<string, unknown>[] | undefined) ?? [])
    if (client['secret'] !== undefined) client['secret'] = MASKED;
  for (const provider of (rep['identityProviders'] as Record<string, unknown>[] | undefined) ?? []) {
    const config = provider['config'] as Record<string, string> | undefined;
    if (config?.['clientSecret'] !== undefined) config['clientSecret'] = MASKED;
  }
  for (const list of Object.values(
    (rep['components'] as Record<string, Record<string, unknown>[]> | undefined) ?? {},
  )) {
    for (const component of list) {
      const config = component['config'] as Record<string, string[]> | undefined;
      for (const key of ['privateKey', 'secret']) if (config?.[key]) config[key] = [MASKED];
    }
  }
}

// POST /admin/realms/{realm}/partial-export: the realm without users; clients, groups and roles on request.
async function partialExport(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm());
  const clients = booleanParam(ctx.url, 'exportClients') ?? false;
  const groupsAndRoles = booleanParam(ctx.url, 'exportGroupsAndRoles') ?? false;
  if (clients) allowIf(perms.canViewClients());
  if (groupsAndRoles) allowIf(perms.canListGroups());
  const rep: Record<string, unknown> = await exportFullRealm(realm);
  // Without users, organization memberships would name nobody.
  delete rep['users'];
  delete rep['organizations'];
  if (!clients) delete rep['clients'];
  if (!groupsAndRoles) {
    delete rep['groups'];
    delete rep['roles'];
  }
  stripForExport(rep);
  // Keycloak 26 answers partial-export as plain `application/json` (no charset), unlike the other admin answers.
  return { status: 200, headers: { 'content-type': 'application/json' }, body: rep };
}

async function importPartially(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  const rep = await readJsonObject(ctx);
  return { status: 200, body: partialImport(realm, rep, ctx.kernel.clock.now()) };
}

/** Partial import and export of a realm. */
export const partialRoutes: Route[] = [
  { method: 'POST', path: '/admin/realms/{realm}/partial-export', endpoint: 'admin', handler: partialExport },
  { method: 'POST', path: '/admin/realms/{realm}/partialImport', endpoint: 'admin', handler: importPartially },
];
