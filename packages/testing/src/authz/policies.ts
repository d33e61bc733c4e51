import { effectiveUserRoles, groupAncestry } from '../model/roles.js';
import type { GroupModel, RealmModel } from '../model/types.js';
import { claimAt, tokenHasClientRole, tokenHasRealmRole, type AuthzIdentity } from './identity.js';
import { groupByRef, jsonList, roleById } from './refs.js';
import { DEFAULT_POLICY_CODE } from './resource-server.js';
import type { AuthzPolicy, DecisionStrategy, ResourceServerModel } from './types.js';

/** PERMIT or DENY, after a policy's logic. */
export type Effect = 'PERMIT' | 'DENY';

/** What policies read while one request is evaluated. */
export interface PolicyEnv {
  realm: RealmModel;
  server: ResourceServerModel;
  identity: AuthzIdentity;
  /** Context attributes: pushed claims plus Keycloak's `kc.*` ones. */
  attributes: Record<string, string[]>;
  nowMs: number;
}

type Entry = { id?: unknown; required?: unknown; extendChildren?: unknown };

function entries(value: string | undefined): Entry[] {
  return jsonList(value).filter((e): e is Entry => !!e && typeof e === 'object');
}

// RolePolicyProvider: any listed role grants, a missing `required` one denies; roles from the token unless fetchRoles.
function rolePolicy(policy: AuthzPolicy, env: PolicyEnv): boolean {
  const fetch = policy.config['fetchRoles'] === 'true';
  const stored = fetch && env.identity.user ? effectiveUserRoles(env.identity.user) : undefined;
  let granted = false;
  for (const entry of entries(policy.config['roles'])) {
    const role = roleById(env.realm, String(entry.id));
    if (!role) continue;
    let has: boolean;
    if (stored) has = stored.has(role);
    else if (!role.clientId) has = tokenHasRealmRole(env.identity, role.name);
    else {
      const owner = [...env.realm.clients.values()].find((c) => c.id === role.clientId);
      has = !!owner && tokenHasClientRole(env.identity, owner.clientId, role.name);
    }
    if (!has && entry.required === true) return false;
    if (has) granted = true;
  }
  return granted;
}

function isMember(member: GroupModel, target: GroupModel, extendChildren: boolean): boolean {
  return member === target || (extendChildren && groupAncestry(member).includes(target));
}

// GroupPolicyProvider: memberships from the `groupsClaim` of the token (names or paths) or from the realm.
function groupPolicy(policy: AuthzPolicy, env: PolicyEnv): boolean {
  const claim = policy.config['groupsClaim'];
  let memberships: GroupModel[];
  if (claim) {
    const raw = claimAt(env.identity.claims, claim);
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    memberships = values
      .map(
        (v) =>
          groupByRef(env.realm, { path: v.startsWith('/') ? v : undefined, id: undefined }) ??
          findByName(env.realm.groups, v),
      )
      .filter((g): g is GroupModel => !!g);
  } else memberships = [...(env.identity.user?.groups ?? [])];
  return entries(policy.config['groups']).some((entry) => {
    const target = groupByRef(env.realm, { id: String(entry.id) });
    return !!target && memberships.some((m) => isMember(m, target, entry.extendChildren === true));
  });
}

function findByName(groups: readonly GroupModel[], name: string): GroupModel | undefined {
  for (const group of groups) {
    if (group.name === name) return group;
    const found = findByName(group.subGroups, name);
    if (found) return found;
  }
  return undefined;
}

// TimePolicyProvider: the context's kc.time.date_time overrides now; dates are read as UTC (the server's zone).
function parseDate(text: string | undefined): number | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  const ms = Date.parse(`${trimmed.includes(' ') ? trimmed.replace(' ', 'T') : `${trimmed}T00:00:00`}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

function timePolicy(policy: AuthzPolicy, env: PolicyEnv): boolean {
  const now = parseDate(env.attributes['kc.time.date_time']?.[0]) ?? env.nowMs;
  const c = policy.config;
  const nbf = parseDate(c['nbf']);
  const noa = parseDate(c['noa']);
  if (nbf !== undefined && now < nbf) return false;
  if (noa !== undefined && now >= noa) return false;
  const date = new Date(now);
  const parts: Record<string, number> = {
    dayMonth: date.getUTCDate(),
    month: date.getUTCMonth() + 1,
    year: date.getUTCFullYear(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
  for (const [key, value] of Object.entries(parts)) {
    const start = c[key];
    if (!start) continue;
    const end = c[`${key}End`];
    if (end ? value < Number(start) || value > Number(end) : value !== Number(start)) return false;
  }
  return true;
}

// RegexPolicyProvider: the whole claim value must match (Java's Matcher.matches()).
function regexPolicy(policy: AuthzPolicy, env: PolicyEnv): boolean {
  const path = policy.config['targetClaim'] ?? '';
  const source =
    policy.config['targetContextAttributes'] === 'true' ? env.attributes[path] : claimAt(env.identity.claims, path);
  const values = (Array.isArray(source) ? source : [source]).filter(
    (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
  );
  try {
    const pattern = new RegExp(`^(?:${policy.config['pattern'] ?? ''})$`, 'u');
    return values.some((v) => pattern.test(String(v)));
  } catch {
    return false;
  }
}

// ClientScopePolicyProvider: the token's scopes must hold any listed client scope and every required one.
function clientScopePolicy(policy: AuthzPolicy, env: PolicyEnv): boolean {
  const granted = new Set(
    String(env.identity.claims['scope'] ?? '')
      .split(' ')
      .filter(Boolean),
  );
  let any = false;
  for (const entry of entries(policy.config['clientScopes'])) {
    const scope = [...env.realm.clientScopes.values()].find((s) => s.id === entry.id);
    if (!scope) continue;
    const has = granted.has(scope.name);
    if (!has && entry.required === true) return false;
    if (has) any = true;
  }
  return any;
}

function idsIn(value: string | undefined): string[] {
  return jsonList(value).map(String);
}

/** Whether a leaf policy grants (before its logic); unknown or script policies deny. */
function leafGrants(policy: AuthzPolicy, env: PolicyEnv): boolean {
  switch (policy.type) {
    case 'role':
      return rolePolicy(policy, env);
    case 'user':
      return idsIn(policy.config['users']).includes(env.identity.id);
    case 'client':
      return !!env.identity.client && idsIn(policy.config['clients']).includes(env.identity.client.id);
    case 'group':
      return groupPolicy(policy, env);
    case 'time':
      return timePolicy(policy, env);
    case 'regex':
      return regexPolicy(policy, env);
    case 'client-scope':
      return clientScopePolicy(policy, env);
    // Scripts cannot run here; Keycloak's default policy script is the one grant we know the meaning of.
    case 'js':
      return policy.config['code']?.trim() === DEFAULT_POLICY_CODE.trim();
    default:
      return false;
  }
}

/** AbstractDecisionCollector.isGranted over child effects; CONSENSUS counts children without a PERMIT as DENY. */
export function strategyGrants(
  strategy: DecisionStrategy,
  effects: readonly Effect[],
  childCount = effects.length,
): boolean {
  const permits = effects.filter((e) => e === 'PERMIT').length;
  if (strategy === 'AFFIRMATIVE') return permits > 0;
  if (strategy === 'CONSENSUS') return permits > childCount - permits;
  return effects.every((e) => e === 'PERMIT');
}

/**
 * The effect of a policy under `env` (DefaultEvaluation: grant/deny, NEGATIVE logic inverts). An aggregate
 * decides over its children by its decision strategy, then applies its own logic.
 */
export function policyEffect(policy: AuthzPolicy, env: PolicyEnv, seen: ReadonlySet<string> = new Set()): Effect {
  let grants: boolean;
  if (policy.type === 'aggregate') {
    const path = new Set(seen).add(policy.id);
    const children = policy.policies
      .map((id) => env.server.policies.get(id))
      .filter((p): p is AuthzPolicy => !!p && !path.has(p.id));
    grants = strategyGrants(
      policy.decisionStrategy,
      children.map((child) => policyEffect(child, env, path)),
    );
  } else grants = leafGrants(policy, env);
  return grants !== (policy.logic === 'NEGATIVE') ? 'PERMIT' : 'DENY';
}
