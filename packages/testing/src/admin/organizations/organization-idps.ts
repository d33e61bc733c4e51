import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { errorResponse } from '../errors.js';
import {
  identityProviderByIdOrAlias,
  identityProvidersOf,
  identityProviderView,
  type IdentityProviderEntry,
} from '../identity-providers/identity-providers.js';
import { organizationRequest, readBareId, type OrganizationRequest } from './organization-access.js';
import type { OrganizationEntry } from './organization-store.js';
import { allowIf } from '../permissions.js';

/**
 * An organization's identity providers (OrganizationIdentityProvidersResource). The link is the provider's
 * own `organizationId`, as Keycloak stores it, so the realm's provider API shows it too and deleting the
 * provider ends it. Each route needs an organization right and an identity-provider right together.
 */

const BASE = '/admin/realms/{realm}/organizations/{orgId}/identity-providers';

type Request = OrganizationRequest & { org: OrganizationEntry };

async function idpRequest(ctx: RequestContext, manage: boolean): Promise<Request> {
  const request = await organizationRequest(ctx, manage ? 'manage' : 'view');
  allowIf(
    manage
      ? request.perms.canManageIdentityProviders()
      : request.perms.hasOne('view-identity-providers', 'manage-identity-providers'),
  );
  return request;
}

function linked(request: Request, alias: string): IdentityProviderEntry | undefined {
  const provider = identityProvidersOf(request.realm).providers.get(alias);
  return provider?.['organizationId'] === request.org.id ? provider : undefined;
}

async function list(ctx: RequestContext): Promise<Reply> {
  const request = await idpRequest(ctx, false);
  const providers = [...identityProvidersOf(request.realm).providers.values()].filter(
    (p) => p['organizationId'] === request.org.id,
  );
  return { status: 200, body: providers.map((p) => identityProviderView(p)) };
}

// The body is the provider's alias or internal id, bare or as a JSON string; the answer is a 204 without Location.
async function add(ctx: RequestContext): Promise<Reply> {
  const request = await idpRequest(ctx, true);
  const provider = identityProviderByIdOrAlias(identityProvidersOf(request.realm), await readBareId(ctx));
  if (!provider) throw errorResponse(400, 'Identity provider not found with the given alias');
  const owner = provider['organizationId'];
  if (owner === request.org.id) throw errorResponse(409, 'Identity provider already associated to the organization');
  if (typeof owner === 'string')
    throw errorResponse(400, 'Identity provider already associated with a different organization');
  provider['organizationId'] = request.org.id;
  return { status: 204 };
}

async function one(ctx: RequestContext): Promise<Reply> {
  const request = await idpRequest(ctx, false);
  const provider = linked(request, ctx.params['alias'] ?? '');
  if (!provider) throw errorResponse(404, 'Identity provider not associated with the organization');
  return { status: 200, body: identityProviderView(provider) };
}

// The provider stays a realm provider; only the link goes.
async function remove(ctx: RequestContext): Promise<Reply> {
  const request = await idpRequest(ctx, true);
  const provider = linked(request, ctx.params['alias'] ?? '');
  if (!provider) throw errorResponse(404, 'Identity provider not found with the given alias');
  delete provider['organizationId'];
  return { status: 204 };
}

/** `/admin/realms/{realm}/organizations/{orgId}/identity-providers...` routes. */
export const organizationIdentityProviderRoutes: Route[] = [
  { method: 'GET', path: BASE, endpoint: 'admin', handler: list },
  { method: 'POST', path: BASE, endpoint: 'admin', handler: add },
  { method: 'GET', path: `${BASE}/{alias}`, endpoint: 'admin', handler: one },
  { method: 'DELETE', path: `${BASE}/{alias}`, endpoint: 'admin', handler: remove },
];
