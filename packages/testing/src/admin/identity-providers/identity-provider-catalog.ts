import type { RequestContext } from '../../http/context.js';
import { genericError, type Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { realmAdminRequest } from '../admin-context.js';
import { readJsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { IDENTITY_PROVIDER_MAPPER_TYPES } from './identity-provider-factories.js';
import { identityProviderFactory } from './identity-provider-representation.js';
import { identityProviderByIdOrAlias, identityProvidersOf } from './identity-providers.js';

/**
 * What Keycloak says about its identity provider factories (IdentityProvidersResource, IdentityProviderResource):
 * a factory's description, the mapper types an instance accepts, and `import-config`, which reads an OpenID
 * provider's discovery document into the config of a new provider.
 */

const BASE = '/admin/realms/{realm}/identity-provider';
const FETCH_TIMEOUT_MS = 5_000;

async function viewRequest(ctx: RequestContext) {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewIdentityProviders());
  return realm;
}

// GET providers/{provider_id}: an unknown factory is a plain 400.
async function factoryDescription(ctx: RequestContext): Promise<Reply> {
  await viewRequest(ctx);
  const factory = identityProviderFactory(ctx.params['providerId']);
  if (!factory) throw genericError(400, 'Bad Request');
  return { status: 200, body: structuredClone(factory.description) };
}

// GET instances/{alias}/mapper-types: the mapper factories compatible with the provider, by id.
async function mapperTypes(ctx: RequestContext): Promise<Reply> {
  const realm = await viewRequest(ctx);
  const provider = identityProviderByIdOrAlias(identityProvidersOf(realm), ctx.params['alias'] ?? '');
  if (!provider) throw genericError(404, 'Not Found');
  const ids = identityProviderFactory(provider['providerId'])?.mapperTypes ?? [];
  return {
    status: 200,
    body: Object.fromEntries(ids.map((id) => [id, structuredClone(IDENTITY_PROVIDER_MAPPER_TYPES[id])])),
  };
}

// GET instances/{alias}/management/permissions: fine-grained admin permissions, never enabled here.
async function managementPermissions(ctx: RequestContext): Promise<Reply> {
  const realm = await viewRequest(ctx);
  if (!identityProviderByIdOrAlias(identityProvidersOf(realm), ctx.params['alias'] ?? ''))
    throw genericError(404, 'Not Found');
  return { status: 200, body: { enabled: false } };
}

/** OIDCIdentityProviderFactory.parseConfig: the discovery document's endpoints as provider config. */
function oidcConfig(discovery: Record<string, unknown>, fromUrl: string): Record<string, string> {
  const config: Record<string, string> = {};
  const copy = (from: string, to: string) => {
    if (typeof discovery[from] === 'string') config[to] = discovery[from] as string;
  };
  copy('issuer', 'issuer');
  copy('end_session_endpoint', 'logoutUrl');
  copy('authorization_endpoint', 'authorizationUrl');
  copy('token_endpoint', 'tokenUrl');
  copy('userinfo_endpoint', 'userInfoUrl');
  copy('introspection_endpoint', 'tokenIntrospectionUrl');
  if (typeof discovery['jwks_uri'] === 'string') {
    config['jwksUrl'] = discovery['jwks_uri'];
    config['useJwksUrl'] = 'true';
    config['validateSignature'] = 'true';
  }
  config['metadataDescriptorUrl'] = fromUrl;
  return config;
}

// POST import-config {providerId, fromUrl}: fetches the document and answers the config it gives. Keycloak
// answers 500 when the factory or the document fails; this server answers 400, never a server error.
async function importConfig(ctx: RequestContext): Promise<Reply> {
  const { perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageIdentityProviders());
  const body = await readJsonObject(ctx);
  const fromUrl = body['fromUrl'];
  if (typeof fromUrl !== 'string' || fromUrl === '') throw genericError(400, 'Bad Request');
  const providerId = body['providerId'];
  if (providerId !== 'oidc' && providerId !== 'keycloak-oidc') throw genericError(400, 'Bad Request');
  let discovery: unknown;
  try {
    const response = await fetch(fromUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
    if (!response.ok) throw new Error(`status ${response.status}`);
    discovery = await response.json();
  } catch {
    throw genericError(400, 'Bad Request');
  }
  if (!discovery || typeof discovery !== 'object' || Array.isArray(discovery)) throw genericError(400, 'Bad Request');
  return { status: 200, body: oidcConfig(discovery as Record<string, unknown>, fromUrl) };
}

/** Identity provider factories, mapper types and config import. */
export const identityProviderCatalogRoutes: Route[] = [
  { method: 'GET', path: `${BASE}/providers/{providerId}`, endpoint: 'admin', handler: factoryDescription },
  { method: 'POST', path: `${BASE}/import-config`, endpoint: 'admin', handler: importConfig },
  { method: 'GET', path: `${BASE}/instances/{alias}/mapper-types`, endpoint: 'admin', handler: mapperTypes },
  {
    method: 'GET',
    path: `${BASE}/instances/{alias}/management/permissions`,
    endpoint: 'admin',
    handler: managementPermissions,
  },
];
