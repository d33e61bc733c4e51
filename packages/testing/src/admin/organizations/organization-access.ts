import { mediaType } from '../../http/body.js';
import type { RequestContext } from '../../http/context.js';
import { genericError } from '../../http/http-error.js';
import type { RealmModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorResponse } from '../errors.js';
import { organizationsOf, type OrganizationEntry } from './organization-store.js';
import { allowIf, type RealmPermissions } from '../permissions.js';
import { realmSetting } from '../realms/realm-representation.js';

/**
 * The gate every `/organizations` route passes, in Keycloak 26's order: authenticate (401), the realm (404),
 * the caller's organization right (403), the realm's `organizationsEnabled` flag (404), then, for the
 * routes under `{org-id}`, the organization itself (404).
 */

/** An admin request on the organizations of a realm. */
export interface OrganizationRequest {
  realm: RealmModel;
  perms: RealmPermissions;
  store: Map<string, OrganizationEntry>;
}

/** Which organization right a route needs before anything else is looked at. */
export type OrganizationRight = 'query' | 'view' | 'manage';

/** Organizations.checkEnabled: the feature is per realm, and off by default. */
export function checkOrganizationsEnabled(realm: RealmModel): void {
  if (realmSetting(realm, 'organizationsEnabled') !== true)
    throw errorResponse(404, 'Organizations not enabled for this realm.');
}

/** Authenticates, checks `right` and the realm's flag. */
export async function organizationsRequest(
  ctx: RequestContext,
  right: OrganizationRight,
): Promise<OrganizationRequest> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(
    right === 'manage'
      ? perms.canManageOrganizations()
      : right === 'view'
        ? perms.canViewOrganizations()
        : perms.canQueryOrganizations(),
  );
  checkOrganizationsEnabled(realm);
  return { realm, perms, store: organizationsOf(realm) };
}

/**
 * OrganizationsResource.get(orgId): the sub-resource locator asks for the query right, finds the organization,
 * and only then does the method check its own right (so a missing organization is a 404 to a querying caller).
 */
export async function organizationRequest(
  ctx: RequestContext,
  right: OrganizationRight,
): Promise<OrganizationRequest & { org: OrganizationEntry }> {
  const request = await organizationsRequest(ctx, 'query');
  const org = request.store.get(ctx.params['orgId'] ?? '');
  if (!org) throw errorResponse(404, 'Organization not found.');
  const { perms } = request;
  allowIf(right === 'manage' ? perms.canManageOrganizations() : right === 'view' ? perms.canViewOrganizations() : true);
  return { ...request, org };
}

/**
 * A body that is one id or alias, as OrganizationMemberResource.addMember and
 * OrganizationIdentityProvidersResource.addIdentityProvider read it: a JSON media type (415 otherwise), then
 * surrounding whitespace trimmed and at most one `"` dropped at each end, so a JSON string and a bare value both work.
 */
export async function readBareId(ctx: RequestContext): Promise<string> {
  const type = mediaType(ctx.req);
  if (type !== 'application/json' && !type.endsWith('+json')) throw genericError(415, 'Unsupported Media Type');
  return (await ctx.body()).toString('utf8').trim().replace(/^"|"$/g, '');
}

/** A JSON number body, as JAX-RS writes a `long`. */
export function countReply(count: number): { status: number; body: string; headers: Record<string, string> } {
  return { status: 200, body: String(count), headers: { 'content-type': 'application/json' } };
}
