import type { RequestContext } from '../../http/context.js';
import { mediaType } from '../../http/body.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { errorResponse } from '../errors.js';
import { readJsonObject, booleanParam, integerParam, type RepresentationShape } from '../json-body.js';
import { countReply, organizationRequest, organizationsRequest } from './organization-access.js';
import { organizationIdentityProviderRoutes } from './organization-idps.js';
import { organizationMemberRoutes } from './organization-members.js';
import {
  createOrganization,
  organizationView,
  updateOrganization,
  type OrganizationEntry,
} from './organization-store.js';
import { identityProvidersOf } from '../identity-providers/identity-providers.js';

/**
 * The organizations API (OrganizationsResource, OrganizationResource) of Keycloak 26: list, count, create,
 * read, update and delete, gated by the realm's `organizationsEnabled` flag. Members and identity providers
 * have their own modules.
 */

const BASE = '/admin/realms/{realm}/organizations';

/** OrganizationRepresentation's fields: POST and PUT bind strictly, as measured on Keycloak 26. */
const ORGANIZATION_SHAPE: RepresentationShape = {
  className: 'org.keycloak.representations.idm.OrganizationRepresentation',
  fields: new Set([
    'id',
    'name',
    'alias',
    'enabled',
    'description',
    'redirectUrl',
    'attributes',
    'domains',
    'members',
    'identityProviders',
    'groups',
  ]),
};

// SearchQueryUtils.getFields: `key:value` pairs separated by spaces, either side optionally in double quotes.
function attributeFilters(q: string): Map<string, string> {
  const filters = new Map<string, string>();
  for (const m of q.matchAll(/(?:"([^"]*)"|([^\s:"]+)):(?:"([^"]*)"|(\S+))/g))
    filters.set(m[1] ?? m[2] ?? '', m[3] ?? m[4] ?? '');
  return filters;
}

// JpaOrganizationProvider.getAllStream: `q` filters on attributes; otherwise `search` is a case-insensitive
// substring of the name or a domain (`exact`: equal to either). The alias is not searched.
function matching(orgs: Iterable<OrganizationEntry>, url: URL): OrganizationEntry[] {
  const q = url.searchParams.get('q');
  const search = url.searchParams.get('search');
  let test: (org: OrganizationEntry) => boolean = () => true;
  if (q?.trim()) {
    const filters = attributeFilters(q);
    test = (org) => [...filters].every(([key, value]) => org.attributes[key]?.includes(value) ?? false);
  } else if (search) {
    const exact = booleanParam(url, 'exact') === true;
    const lower = search.toLowerCase();
    const hit = (value: string) => (exact ? value === search : value.toLowerCase().includes(lower));
    test = (org) => hit(org.name) || org.domains.some((d) => hit(d.name));
  }
  // Sorted by name in byte order, as the JPA query's ORDER BY name answers.
  return [...orgs].filter(test).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function list(ctx: RequestContext): Promise<Reply> {
  const { store } = await organizationsRequest(ctx, 'query');
  const first = integerParam(ctx.url, 'first') ?? 0;
  const max = integerParam(ctx.url, 'max') ?? 10;
  const from = Math.max(0, first);
  const page = matching(store.values(), ctx.url).slice(from, max < 0 ? undefined : from + max);
  const brief = booleanParam(ctx.url, 'briefRepresentation') !== false;
  return { status: 200, body: page.map((org) => organizationView(org, brief)) };
}

async function count(ctx: RequestContext): Promise<Reply> {
  const { store } = await organizationsRequest(ctx, 'query');
  return countReply(matching(store.values(), ctx.url).length);
}

async function create(ctx: RequestContext): Promise<Reply> {
  const { realm } = await organizationsRequest(ctx, 'manage');
  // No body at all binds to null: OrganizationsResource.create's own 400 (another media type is still a 415).
  if ((await ctx.body()).length === 0 && mediaType(ctx.req) === 'application/json')
    throw errorResponse(400, 'Organization cannot be null.');
  const org = createOrganization(realm, await readJsonObject(ctx, ORGANIZATION_SHAPE));
  return { status: 201, headers: { location: `${ctx.baseUrl}${ctx.url.pathname.replace(/\/$/, '')}/${org.id}` } };
}

// The single read ignores briefRepresentation: it is always the full shape.
async function read(ctx: RequestContext): Promise<Reply> {
  const { org } = await organizationRequest(ctx, 'view');
  return { status: 200, body: organizationView(org, false) };
}

async function update(ctx: RequestContext): Promise<Reply> {
  const { realm, org } = await organizationRequest(ctx, 'manage');
  updateOrganization(realm, org, await readJsonObject(ctx, ORGANIZATION_SHAPE));
  return { status: 204 };
}

// JpaOrganizationProvider.remove: the memberships go, and the organization's identity providers become the realm's.
async function remove(ctx: RequestContext): Promise<Reply> {
  const { realm, store, org } = await organizationRequest(ctx, 'manage');
  store.delete(org.id);
  for (const provider of identityProvidersOf(realm).providers.values())
    if (provider['organizationId'] === org.id) delete provider['organizationId'];
  return { status: 204 };
}

/** `/admin/realms/{realm}/organizations...` routes, the specific paths before `{orgId}`. */
export const organizationRoutes: Route[] = [
  { method: 'GET', path: BASE, endpoint: 'admin', handler: list },
  { method: 'POST', path: BASE, endpoint: 'admin', handler: create },
  { method: 'GET', path: `${BASE}/count`, endpoint: 'admin', handler: count },
  ...organizationMemberRoutes,
  ...organizationIdentityProviderRoutes,
  { method: 'GET', path: `${BASE}/{orgId}`, endpoint: 'admin', handler: read },
  { method: 'PUT', path: `${BASE}/{orgId}`, endpoint: 'admin', handler: update },
  { method: 'DELETE', path: `${BASE}/{orgId}`, endpoint: 'admin', handler: remove },
];
