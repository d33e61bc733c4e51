import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { realmAdminRequest } from '../admin-context.js';
import { declaredConfig } from '../components/components.js';
import { booleanParam, readJsonObject } from '../json-body.js';
import { partialImport } from './partial-import.js';
import { exportFullRealm } from './realm-export.js';
import { allowIf } from '../permissions.js';

const MASKED = '**********';

// ModelToRepresentation.stripForExport: client and identity-provider secrets and secret component settings
// become the mask. The components are the non-internal representation (only the config keys their factory
// declares, each with its subComponents), and the default role the brief one (no composites, no attributes), as
// Keycloak 26.7.3's partial export answers them.
function stripForExport(rep: Record<string, unknown>): void {
  const defaultRole = rep['defaultRole'] as Record<string, unknown> | undefined;
  if (defaultRole) {
    delete defaultRole['composites'];
    delete defaultRole['attributes'];
  }
  for (const client of (rep['clients'] as Record<string, unknown>[] | undefined) ?? [])
    if (client['secret'] !== undefined) client['secret'] = MASKED;
  for (const provider of (rep['identityProviders'] as Record<string, unknown>[] | undefined) ?? []) {
    const config = provider['config'] as Record<string, string> | undefined;
    if (config?.['clientSecret'] !== undefined) config['clientSecret'] = MASKED;
  }
  for (const [type, list] of Object.entries(
    (rep['components'] as Record<string, Record<string, unknown>[]> | undefined) ?? {},
  )) {
    for (const component of list) {
      const config = component['config'] as Record<string, string[]> | undefined;
      for (const key of Object.keys(config ?? {}))
        if (!declaredConfig(type, String(component['providerId']), key)) delete config?.[key];
      for (const key of ['privateKey', 'secret']) if (config?.[key]) config[key] = [MASKED];
      component['subComponents'] ??= {};
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
  // A copy: the export may share objects with the live model (key components), which stripping must not touch.
  const rep: Record<string, unknown> = structuredClone(await exportFullRealm(realm));
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
