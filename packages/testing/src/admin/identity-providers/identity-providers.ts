import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import { genericError, HttpError, type Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { RealmModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorMessage, errorResponse } from '../errors.js';
import { booleanParam, expectTypes, integerParam, readJsonObject, type JsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import {
  identityProviderFactory,
  identityProviderView,
  SECRET_KEYS,
  SECRET_MASK,
  withDefaults,
  type IdentityProviderEntry,
} from './identity-provider-representation.js';

export { identityProviderView, withDefaults, type IdentityProviderEntry };

/**
 * Identity providers and their mappers (IdentityProvidersResource, IdentityProviderResource), kept as a
 * simple store in `realm.extensions`: no brokering happens, but the admin API answers as Keycloak 26 does.
 */

/** The identity providers of a realm, by alias, and their mappers, by id. */
export interface IdentityProviderStore {
  providers: Map<string, IdentityProviderEntry>;
  mappers: Map<string, JsonObject & { id: string; identityProviderAlias: string }>;
}

const KEY = 'identityProviders';
const BASE = '/admin/realms/{realm}/identity-provider/instances';
/** The identity-provider store of `realm`, created on first use. */
export function identityProvidersOf(realm: RealmModel): IdentityProviderStore {
  let store = realm.extensions[KEY] as IdentityProviderStore | undefined;
  if (!store) {
    store = { providers: new Map(), mappers: new Map() };
    realm.extensions[KEY] = store;
  }
  return store;
}

function readProvider(rep: JsonObject): void {
  expectTypes(rep, {
    alias: 'string',
    providerId: 'string',
    displayName: 'string',
    enabled: 'boolean',
    config: 'object',
  });
  const config = rep['config'];
  if (
    config !== undefined &&
    config !== null &&
    Object.values(config as object).some((v) => typeof v !== 'string' && v !== null)
  ) {
    throw errorResponse(400, 'Invalid request');
  }
}

async function providerRequest(ctx: RequestContext, right: 'view' | 'manage') {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(right === 'view' ? perms.canViewIdentityProviders() : perms.canManageIdentityProviders());
  return { realm, store: identityProvidersOf(realm) };
}

/** IdentityProviderStorageProvider.getByIdOrAlias: the provider of that alias, else of that internal id. */
export function identityProviderByIdOrAlias(
  store: IdentityProviderStore,
  key: string,
): IdentityProviderEntry | undefined {
  return store.providers.get(key) ?? [...store.providers.values()].find((p) => p.internalId === key);
}

// A missing provider is JAX-RS' plain 404.
function providerOf(store: IdentityProviderStore, ctx: RequestContext): IdentityProviderEntry {
  const entry = identityProviderByIdOrAlias(store, ctx.params['alias'] ?? '');
  if (!entry) throw genericError(404, 'Not Found');
  return entry;
}

// IdentityProviderModel.SEARCH: "exact" in quotes, *infix*, otherwise a prefix; case-insensitive on the alias.
function searchMatcher(search: string | null): (alias: string) => boolean {
  const term = search?.trim();
  if (!term) return () => true;
  if (term.length >= 2 && term.startsWith('"') && term.endsWith('"')) return (alias) => alias === term.slice(1, -1);
  const lower = term.toLowerCase();
  if (lower.length > 1 && lower.startsWith('*') && lower.endsWith('*'))
    return (alias) => alias.toLowerCase().includes(lower.slice(1, -1));
  const prefix = lower.endsWith('*') ? lower.slice(0, -1) : lower;
  return (alias) => alias.toLowerCase().startsWith(prefix);
}

async function list(ctx: RequestContext): Promise<Reply> {
  const { store } = await providerRequest(ctx, 'view');
  const url = ctx.url;
  const matches = searchMatcher(url.searchParams.get('search'));
  const realmOnly = booleanParam(url, 'realmOnly') === true;
  const first = Math.max(0, integerParam(url, 'first') ?? 0);
  const max = integerParam(url, 'max') ?? 100;
  const found = [...store.providers.values()]
    .filter((p) => matches(p.alias) && (!realmOnly || p['organizationId'] === undefined))
    .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0))
    .slice(first, max < 0 ? undefined : first + max);
  const brief = booleanParam(url, 'briefRepresentation') === true;
  return { status: 200, body: found.map((p) => identityProviderView(p, brief)) };
}

// IdentityProvidersResource.create: the alias is the path segment (none: "path is null"), the provider id must
// name a deployed factory, whose own validation may refuse the config.
async function create(ctx: RequestContext): Promise<Reply> {
  const { store } = await providerRequest(ctx, 'manage');
  const rep = await readJsonObject(ctx);
  readProvider(rep);
  const alias = rep['alias'];
  if (typeof alias !== 'string' || alias === '') throw errorResponse(400, 'path is null');
  if (/\s/.test(alias)) throw errorMessage(400, 'Empty Space not allowed.');
  const factory = identityProviderFactory(rep['providerId']);
  if (!factory) throw errorResponse(400, `Invalid identity provider id [${String(rep['providerId'] ?? null)}]`);
  if (store.providers.has(alias)) throw errorResponse(409, `Identity Provider ${alias} already exists`);
  const config = (rep['config'] ?? {}) as Record<string, unknown>;
  if (factory.requiredConfig && !config[factory.requiredConfig.key])
    throw errorResponse(400, factory.requiredConfig.message);
  const { organizationId: _ignored, ...fields } = rep;
  store.providers.set(alias, withDefaults(fields, randomUUID()));
  return {
    status: 201,
    headers: { location: `${ctx.baseUrl}${ctx.url.pathname.replace(/\/$/, '')}/${encodeURIComponent(alias)}` },
  };
}

async function getOne(ctx: RequestContext): Promise<Reply> {
  const { store } = await providerRequest(ctx, 'view');
  return { status: 200, body: identityProviderView(providerOf(store, ctx)) };
}

// IdentityProviderResource.update: the alias cannot change, the organization link is not this API's, a masked
// secret keeps the stored one; fields left out take the representation's defaults, as the model is rebuilt.
async function update(ctx: RequestContext): Promise<Reply> {
  const { store } = await providerRequest(ctx, 'manage');
  const existing = providerOf(store, ctx);
  const rep = await readJsonObject(ctx);
  readProvider(rep);
  if (rep['alias'] !== undefined && rep['alias'] !== null && rep['alias'] !== existing.alias)
    throw errorResponse(400, 'Identity Provider alias cannot be changed');
  const config = { ...((rep['config'] ?? {}) as Record<string, string>) };
  const stored = (existing['config'] ?? {}) as Record<string, string>;
  for (const key of SECRET_KEYS)
    if (config[key] === SECRET_MASK && stored[key] !== undefined) config[key] = stored[key];
  const { organizationId: _ignored, ...fields } = rep;
  const organizationId = existing['organizationId'];
  store.providers.set(
    existing.alias,
    withDefaults(
      {
        providerId: existing['providerId'],
        ...fields,
        alias: existing.alias,
        config,
        ...(organizationId ? { organizationId } : {}),
      },
      existing.internalId,
    ),
  );
  return { status: 204 };
}

async function remove(ctx: RequestContext): Promise<Reply> {
  const { realm, store } = await providerRequest(ctx, 'manage');
  const existing = providerOf(store, ctx);
  store.providers.delete(existing.alias);
  for (const [id, mapper] of store.mappers)
    if (mapper.identityProviderAlias === existing.alias) store.mappers.delete(id);
  // UserProvider.preRemove(realm, idp): the users' links to the provider go with it.
  for (const user of realm.users.values()) {
    if (user.federatedIdentities)
      user.federatedIdentities = user.federatedIdentities.filter((l) => l.identityProvider !== existing.alias);
  }
  return { status: 204 };
}

async function mappers(ctx: RequestContext): Promise<Reply> {
  const { store } = await providerRequest(ctx, ctx.req.method === 'GET' ? 'view' : 'manage');
  const provider = providerOf(store, ctx);
  if (ctx.req.method === 'GET') {
    return {
      status: 200,
      body: [...store.mappers.values()]
        .filter((m) => m.identityProviderAlias === provider.alias)
        .map((m) => structuredClone(m)),
    };
  }
  const rep = await readJsonObject(ctx);
  expectTypes(rep, {
    name: 'string',
    identityProviderAlias: 'string',
    identityProviderMapper: 'string',
    config: 'object',
  });
  // The mapper row needs its provider alias and name from the representation: without them the store's not-null
  // columns fail, which Keycloak answers as a 409 conflict.
  if (typeof rep['identityProviderAlias'] !== 'string' || typeof rep['name'] !== 'string') {
    throw new HttpError({ status: 409, body: { error: 'conflict', error_description: 'Duplicate resource error' } });
  }
  if (typeof rep['identityProviderMapper'] !== 'string') {
    throw errorResponse(
      400,
      `Failed to add mapper '${String(rep['name'])}' to identity provider [${String(provider['providerId'])}].`,
    );
  }
  const id = randomUUID();
  store.mappers.set(id, mapperEntry(id, rep, rep['identityProviderAlias']));
  return { status: 201, headers: { location: `${ctx.baseUrl}${ctx.url.pathname.replace(/\/$/, '')}/${id}` } };
}

// IdentityProviderMapperRepresentation: id, name, identityProviderAlias, identityProviderMapper, config.
function mapperEntry(
  id: string,
  rep: JsonObject,
  alias: string,
): JsonObject & { id: string; identityProviderAlias: string } {
  const config = Object.fromEntries(
    Object.entries((rep['config'] ?? {}) as Record<string, unknown>)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, String(v)]),
  );
  return {
    id,
    name: rep['name'],
    identityProviderAlias: alias,
    identityProviderMapper: rep['identityProviderMapper'],
    config,
  };
}

async function mapper(ctx: RequestContext): Promise<Reply> {
  const { store } = await providerRequest(ctx, ctx.req.method === 'GET' ? 'view' : 'manage');
  const provider = providerOf(store, ctx);
  const found = store.mappers.get(ctx.params['id'] ?? '');
  if (!found) throw errorMessage(404, 'Model not found');
  if (ctx.req.method === 'GET') return { status: 200, body: structuredClone(found) };
  if (ctx.req.method === 'DELETE') {
    store.mappers.delete(found.id);
    return { status: 204 };
  }
  const rep = await readJsonObject(ctx);
  expectTypes(rep, { name: 'string', identityProviderMapper: 'string', config: 'object' });
  // RepresentationToModel.toModel(rep) replaces the mapper by the representation, keyed by the path's id.
  store.mappers.set(
    found.id,
    mapperEntry(
      found.id,
      rep,
      typeof rep['identityProviderAlias'] === 'string' ? rep['identityProviderAlias'] : provider.alias,
    ),
  );
  return { status: 204 };
}

/** `/admin/realms/{realm}/identity-provider/instances...` routes. */
export const identityProviderRoutes: Route[] = [
  { method: 'GET', path: BASE, endpoint: 'admin', handler: list },
  { method: 'POST', path: BASE, endpoint: 'admin', handler: create },
  { method: 'GET', path: `${BASE}/{alias}`, endpoint: 'admin', handler: getOne },
  { method: 'PUT', path: `${BASE}/{alias}`, endpoint: 'admin', handler: update },
  { method: 'DELETE', path: `${BASE}/{alias}`, endpoint: 'admin', handler: remove },
  { method: ['GET', 'POST'], path: `${BASE}/{alias}/mappers`, endpoint: 'admin', handler: mappers },
  { method: ['GET', 'PUT', 'DELETE'], path: `${BASE}/{alias}/mappers/{id}`, endpoint: 'admin', handler: mapper },
];
