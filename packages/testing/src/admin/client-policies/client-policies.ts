import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { RealmModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { cannotParseJson, errorResponse } from '../errors.js';
import { booleanParam, isJsonObject, readJsonObject, type JsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { ownRealmSettings, realmSetting } from '../realms/realm-representation.js';
import { CONDITION_PROVIDERS, EXECUTOR_PROVIDERS, GLOBAL_CLIENT_PROFILES } from './builtin.js';

/**
 * A realm's client profiles and policies (ClientPoliciesResource, ClientProfilesResource), validated as
 * ClientPoliciesUtil does. They live in the realm settings `clientProfiles` and `clientPolicies`, which
 * `GET /admin/realms/{realm}` answers too. Keycloak ships global profiles and no global policies. Every refusal is
 * 400 `{"errorMessage": ...}` (a ClientPolicyException).
 */
const refuse = (message: string) => errorResponse(400, message);

const listOf = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isJsonObject) : []);
const names = (items: readonly JsonObject[]): unknown[] => items.map((item) => item['name']);
const duplicated = (values: readonly unknown[]): boolean => new Set(values).size !== values.length;

function stored(
  realm: RealmModel,
  key: 'clientProfiles' | 'clientPolicies',
  list: 'profiles' | 'policies',
): JsonObject[] {
  const value = realmSetting(realm, key);
  return isJsonObject(value) ? listOf(value[list]) : [];
}

function bodyList(body: JsonObject, key: string): JsonObject[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isJsonObject)) throw cannotParseJson();
  return value;
}

// ClientPoliciesUtil.getValidatedClientProfilesForUpdate.
function validatedProfiles(body: JsonObject): JsonObject[] {
  const proposed = bodyList(body, 'profiles');
  if (proposed.some((p) => typeof p['name'] !== 'string' || p['name'] === ''))
    throw refuse('client profile without its name not allowed.');
  if (duplicated(names(proposed))) throw refuse('proposed client profile name duplicated.');
  const globals = bodyList(body, 'globalProfiles');
  if (globals.length > 0 && JSON.stringify(globals) !== JSON.stringify(GLOBAL_CLIENT_PROFILES))
    throw refuse('Global profiles cannot be updated');
  const globalNames = new Set(names(GLOBAL_CLIENT_PROFILES as JsonObject[]));
  for (const p of proposed)
    if (globalNames.has(p['name']))
      throw refuse(`Proposed profile name '${String(p['name'])}' is duplicated as a global profile`);
  return proposed.map((p) => {
    const executors = bodyList(p, 'executors');
    if (executors.some((e) => !EXECUTOR_PROVIDERS.has(String(e['executor'])))) {
      throw refuse(
        'proposed client profile contains the executor, which does not have valid provider, or has invalid configuration.',
      );
    }
    return {
      name: p['name'],
      ...(typeof p['description'] === 'string' ? { description: p['description'] } : {}),
      executors,
    };
  });
}

// ClientPoliciesUtil.getValidatedClientPoliciesForUpdate and validatePolicies, in their order.
function validatedPolicies(realm: RealmModel, body: JsonObject): JsonObject[] {
  if (bodyList(body, 'globalPolicies').length > 0) throw refuse('Global policies cannot be updated');
  const proposed = bodyList(body, 'policies');
  if (duplicated(names(proposed))) throw refuse('proposed client policy name duplicated');
  const profileNames = new Set([
    ...names(stored(realm, 'clientProfiles', 'profiles')),
    ...names(GLOBAL_CLIENT_PROFILES as JsonObject[]),
  ]);
  return proposed.map((p) => {
    const name = p['name'];
    if (typeof name !== 'string') throw refuse('client policy without name not allowed');
    const conditions = bodyList(p, 'conditions');
    for (const c of conditions)
      if (!CONDITION_PROVIDERS.has(String(c['condition'])))
        throw refuse(`Policy ${name} contains invalid condition ${String(c['condition'])}`);
    const profiles = Array.isArray(p['profiles']) ? (p['profiles'] as unknown[]) : [];
    if (duplicated(profiles)) throw refuse(`Policy ${name} contains duplicated profiles`);
    for (const profile of profiles)
      if (!profileNames.has(profile)) throw refuse(`Policy ${name} contains invalid profile ${String(profile)}`);
    return {
      name,
      ...(typeof p['description'] === 'string' ? { description: p['description'] } : {}),
      enabled: p['enabled'] === true,
      conditions,
      profiles,
    };
  });
}

async function getProfiles(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm());
  const withGlobal = booleanParam(ctx.url, 'include-global-profiles') === true;
  return {
    status: 200,
    body: {
      profiles: stored(realm, 'clientProfiles', 'profiles'),
      ...(withGlobal ? { globalProfiles: GLOBAL_CLIENT_PROFILES } : {}),
    },
  };
}

async function putProfiles(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  ownRealmSettings(realm)['clientProfiles'] = { profiles: validatedProfiles(await readJsonObject(ctx)) };
  return { status: 204 };
}

async function getPolicies(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm());
  const withGlobal = booleanParam(ctx.url, 'include-global-policies') === true;
  return {
    status: 200,
    body: { policies: stored(realm, 'clientPolicies', 'policies'), ...(withGlobal ? { globalPolicies: [] } : {}) },
  };
}

async function putPolicies(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  ownRealmSettings(realm)['clientPolicies'] = { policies: validatedPolicies(realm, await readJsonObject(ctx)) };
  return { status: 204 };
}

/** `client-policies/profiles` and `client-policies/policies` of the admin API. */
export const clientPolicyRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/client-policies/profiles', endpoint: 'admin', handler: getProfiles },
  { method: 'PUT', path: '/admin/realms/{realm}/client-policies/profiles', endpoint: 'admin', handler: putProfiles },
  { method: 'GET', path: '/admin/realms/{realm}/client-policies/policies', endpoint: 'admin', handler: getPolicies },
  { method: 'PUT', path: '/admin/realms/{realm}/client-policies/policies', endpoint: 'admin', handler: putPolicies },
];
