import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { isSupportedKeyProvider } from '../../keys/key-entry.js';
import type { ComponentRepresentation } from '../../model/representations.js';
import type { RealmModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { cannotParseJson, errorMessage, errorResponse } from '../errors.js';
import { readJsonObject, type JsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';

/**
 * Realm components (ComponentResource). Key providers live in the realm's key manager, so creating, changing or
 * removing one changes the keys that sign and verify tokens; other components (user storage, registration
 * policies, ...) are kept as data.
 */

const KEY_PROVIDER = 'org.keycloak.keys.KeyProvider';
const OTHERS = 'admin.components';
const MASK = '**********';
// Config values ComponentModel marks secret: answered masked, and a masked value sent back keeps the stored one.
const SECRET_KEYS = new Set([
  'privateKey',
  'secret',
  'ecdsaPrivateKey',
  'eddsaPrivateKey',
  'keystorePassword',
  'keyPassword',
  'bindCredential',
]);

/** A stored component, with its providerType. */
export type Stored = ComponentRepresentation & { id: string; providerType: string; parentId: string };

/** The non-key components of a realm (user storage, registration policies, ...), stored as data. */
export function others(realm: RealmModel): Stored[] {
  const list = (realm.extensions[OTHERS] as Stored[] | undefined) ?? [];
  realm.extensions[OTHERS] = list;
  return list;
}

/** Every component of the realm, key providers included. */
export async function allComponents(realm: RealmModel): Promise<Stored[]> {
  const keys = (await realm.keys.components()).map((c) => ({
    ...c,
    id: c.id ?? '',
    providerType: KEY_PROVIDER,
    parentId: c.parentId ?? realm.id,
  }));
  return [...keys, ...others(realm)];
}

// The config properties each key provider factory declares (its server info `componentTypes`): the admin API
// answers only declared properties (ModelToRepresentation.toRepresentation of a ComponentModel), so a generated
// key's material (privateKey, certificate, secret, kid) stays out of `GET components`, as in Keycloak.
const COMMON = ['priority', 'enabled', 'active'];
const DECLARED: Record<string, ReadonlySet<string>> = {
  'aes-generated': new Set([...COMMON, 'secretSize']),
  'hmac-generated': new Set([...COMMON, 'secretSize', 'algorithm']),
  'rsa-generated': new Set([...COMMON, 'keySize', 'algorithm']),
  'rsa-enc-generated': new Set([...COMMON, 'keySize', 'algorithm']),
  rsa: new Set([...COMMON, 'privateKey', 'certificate', 'algorithm']),
  'rsa-enc': new Set([...COMMON, 'privateKey', 'certificate', 'algorithm']),
  'ecdsa-generated': new Set([...COMMON, 'ecGenerateCertificate', 'ecdsaEllipticCurveKey']),
  'ecdh-generated': new Set([...COMMON, 'ecGenerateCertificate', 'ecdhEllipticCurveKey', 'ecdhAlgorithm']),
  'eddsa-generated': new Set([...COMMON, 'eddsaEllipticCurveKey']),
  'java-keystore': new Set([
    ...COMMON,
    'algorithm',
    'keystore',
    'keystorePassword',
    'keystoreType',
    'keyAlias',
    'keyPassword',
    'keyUse',
  ]),
};

function declared(component: Stored, key: string): boolean {
  return declaredConfig(component.providerType, component.providerId, key);
}

/**
 * Whether a config key is one the component's factory declares: ComponentModel representations outside the
 * internal ones (GET components, partial export) leave the others out, e.g. a generated key's own private key.
 */
export function declaredConfig(providerType: string | undefined, providerId: string | undefined, key: string): boolean {
  if (providerType !== KEY_PROVIDER) return true;
  return DECLARED[providerId ?? '']?.has(key) ?? true;
}

function toRepresentation(component: Stored): JsonObject {
  const config = Object.fromEntries(
    Object.entries(component.config ?? {})
      .filter(([k]) => declared(component, k))
      .map(([k, v]) => [k, SECRET_KEYS.has(k) ? [MASK] : [...v]]),
  );
  const { id, name, providerId, providerType, parentId, subType } = component;
  return { id, name, providerId, providerType, parentId, ...(subType !== undefined ? { subType } : {}), config };
}

function readConfig(value: unknown): Record<string, string[]> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw cannotParseJson();
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(value as JsonObject)) {
    if (!Array.isArray(v)) throw cannotParseJson();
    out[k] = v.map(String);
  }
  return out;
}

function str(body: JsonObject, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw cannotParseJson();
  return value;
}

// A key provider's priority must be a number, as AbstractKeyProviderFactory.validateConfiguration checks.
function validateKeyConfig(config: Record<string, string[]>): void {
  const priority = config['priority']?.[0];
  if (priority !== undefined && !/^-?\d+$/.test(priority)) throw errorResponse(400, "'Priority' should be a number");
}

async function store(realm: RealmModel, component: Stored): Promise<void> {
  if (component.providerType !== KEY_PROVIDER) {
    others(realm).push(component);
    return;
  }
  if (
    !isSupportedKeyProvider(component.providerId) &&
    !['aes-generated', 'java-keystore'].includes(component.providerId)
  ) {
    throw errorResponse(400, `Unknown key provider: ${component.providerId}`);
  }
  validateKeyConfig(component.config ?? {});
  try {
    await realm.keys.addComponent(component);
  } catch {
    await realm.keys.remove(component.id);
    throw errorResponse(400, 'Invalid key material');
  }
}

async function listComponents(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm());
  const parent = ctx.url.searchParams.get('parent');
  const type = ctx.url.searchParams.get('type');
  const name = ctx.url.searchParams.get('name');
  const found = (await allComponents(realm)).filter(
    (c) =>
      (parent === null || c.parentId === parent) &&
      (type === null || c.providerType === type) &&
      (name === null || c.name === name),
  );
  return { status: 200, body: found.map(toRepresentation) };
}

async function createComponent(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  const body = await readJsonObject(ctx);
  const providerId = str(body, 'providerId');
  const providerType = str(body, 'providerType');
  if (!providerId || !providerType) throw errorResponse(400, 'providerId and providerType are required');
  const id = str(body, 'id') ?? randomUUID();
  if ((await allComponents(realm)).some((c) => c.id === id))
    throw errorResponse(409, 'Component with the same id already exists');
  const subType = str(body, 'subType');
  await store(realm, {
    id,
    name: str(body, 'name') ?? providerId,
    providerId,
    providerType,
    parentId: str(body, 'parentId') ?? realm.id,
    ...(subType !== undefined ? { subType } : {}),
    config: readConfig(body['config']),
  });
  return {
    status: 201,
    headers: { location: `${ctx.baseUrl}/admin/realms/${encodeURIComponent(realm.name)}/components/${id}` },
  };
}

async function findComponent(ctx: RequestContext, realm: RealmModel): Promise<Stored> {
  const found = (await allComponents(realm)).find((c) => c.id === ctx.params['id']);
  if (!found) throw errorMessage(404, 'Could not find component');
  return found;
}

// GET {id}/sub-component-types?type=...: an unknown parent is 404, a missing type 400. Keycloak then lists every
// factory of that provider type (the twelve LDAP mappers for LDAPStorageMapper, whatever the parent); this server
// has no LDAP and models none of them, so it answers an empty list.
async function subComponentTypes(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm());
  if (!(await allComponents(realm)).some((c) => c.id === ctx.params['id']))
    throw errorMessage(404, 'Could not find parent component');
  if (!ctx.url.searchParams.get('type')) throw errorMessage(400, 'must specify a subtype');
  return { status: 200, body: [] };
}

async function getComponent(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm());
  return { status: 200, body: toRepresentation(await findComponent(ctx, realm)) };
}

// PUT: name and config change; a key provider is rebuilt from its stored material, so only what changed differs.
async function updateComponent(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  const existing = await findComponent(ctx, realm);
  const body = await readJsonObject(ctx);
  const sent = readConfig(body['config']);
  const config = { ...existing.config };
  for (const [k, v] of Object.entries(sent)) if (!(SECRET_KEYS.has(k) && v[0] === MASK)) config[k] = v;
  const updated: Stored = { ...existing, name: str(body, 'name') ?? existing.name, config };
  if (existing.providerType === KEY_PROVIDER) {
    validateKeyConfig(config);
    await realm.keys.remove(existing.id);
    await store(realm, updated);
  } else {
    Object.assign(existing, updated);
  }
  return { status: 204 };
}

async function deleteComponent(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  const existing = await findComponent(ctx, realm);
  if (existing.providerType === KEY_PROVIDER) await realm.keys.remove(existing.id);
  else realm.extensions[OTHERS] = others(realm).filter((c) => c !== existing);
  return { status: 204 };
}

/** Components of the admin API. */
export const componentRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/components', endpoint: 'admin', handler: listComponents },
  { method: 'POST', path: '/admin/realms/{realm}/components', endpoint: 'admin', handler: createComponent },
  { method: 'GET', path: '/admin/realms/{realm}/components/{id}', endpoint: 'admin', handler: getComponent },
  {
    method: 'GET',
    path: '/admin/realms/{realm}/components/{id}/sub-component-types',
    endpoint: 'admin',
    handler: subComponentTypes,
  },
  { method: 'PUT', path: '/admin/realms/{realm}/components/{id}', endpoint: 'admin', handler: updateComponent },
  { method: 'DELETE', path: '/admin/realms/{realm}/components/{id}', endpoint: 'admin', handler: deleteComponent },
];
