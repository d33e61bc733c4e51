import { randomUUID } from 'node:crypto';
import { oauthError } from '../http/http-error.js';
import type { RealmModel } from '../model/types.js';
import { clientIdByRef, clientScopeIdByRef, groupByRef, jsonList, roleByRef, userIdByRef } from './refs.js';
import type { PolicyRepresentation } from './representations.js';
import { findPolicy, findResource, findScope } from './resource-server.js';
import {
  DECISION_STRATEGIES,
  type AuthzPolicy,
  type DecisionStrategy,
  type Logic,
  type ResourceServerModel,
} from './types.js';

const TIME_KEYS: Record<string, string> = { notBefore: 'nbf', notOnOrAfter: 'noa' };
const TIME_RANGES = [
  'dayMonth',
  'dayMonthEnd',
  'month',
  'monthEnd',
  'year',
  'yearEnd',
  'hour',
  'hourEnd',
  'minute',
  'minuteEnd',
];

const bad = (description: string) => oauthError(400, 'invalid_request', description);

function strings(values: unknown[]): string[] {
  return values.map((v) =>
    typeof v === 'string' ? v : typeof v === 'object' && v && 'id' in v ? String((v as { id: unknown }).id) : String(v),
  );
}

/** The typed list of a field, else the JSON list its export form keeps in `config[key]`. */
function listOf(rep: PolicyRepresentation, field: keyof PolicyRepresentation, key = String(field)): unknown[] {
  const typed = rep[field];
  if (Array.isArray(typed)) return typed;
  return jsonList(rep.config?.[key]);
}

type Ref<T> = { ref: string; value: T | undefined };

function must<T>(items: Ref<T>[], what: string): T[] {
  for (const item of items) if (item.value === undefined) throw bad(`${what} [${item.ref}] does not exist`);
  return items.map((i) => i.value as T);
}

// Role, user, client, group and client-scope policies keep ids in their stored config (the providers' onImport).
function typedConfig(realm: RealmModel, rep: PolicyRepresentation, type: string): Record<string, string> {
  const config: Record<string, string> = {};
  switch (type) {
    case 'role': {
      const roles = listOf(rep, 'roles').map((r) => r as { id?: unknown; required?: unknown });
      const resolved = must(
        roles.map((r) => ({ ref: String(r.id), value: roleByRef(realm, String(r.id)) })),
        'Role',
      );
      config['roles'] = JSON.stringify(
        resolved.map((role, i) => ({ id: role.id, required: roles[i]?.required === true })),
      );
      const fetch = rep.fetchRoles ?? rep.config?.['fetchRoles'];
      if (fetch !== undefined) config['fetchRoles'] = String(fetch);
      break;
    }
    case 'user':
      config['users'] = JSON.stringify(
        must(
          strings(listOf(rep, 'users')).map((ref) => ({ ref, value: userIdByRef(realm, ref) })),
          'User',
        ),
      );
      break;
    case 'client':
      config['clients'] = JSON.stringify(
        must(
          strings(listOf(rep, 'clients')).map((ref) => ({ ref, value: clientIdByRef(realm, ref) })),
          'Client',
        ),
      );
      break;
    case 'group': {
      const groups = listOf(rep, 'groups').map((g) => g as { id?: string; path?: string; extendChildren?: boolean });
      const resolved = must(
        groups.map((g) => ({ ref: String(g.path ?? g.id), value: groupByRef(realm, g) })),
        'Group',
      );
      config['groups'] = JSON.stringify(
        resolved.map((group, i) => ({ id: group.id, extendChildren: groups[i]?.extendChildren === true })),
      );
      const claim = rep.groupsClaim ?? rep.config?.['groupsClaim'];
      if (claim) config['groupsClaim'] = claim;
      break;
    }
    case 'client-scope': {
      const scopes = listOf(rep, 'clientScopes').map((s) => s as { id?: unknown; required?: unknown });
      const resolved = must(
        scopes.map((s) => ({ ref: String(s.id), value: clientScopeIdByRef(realm, String(s.id)) })),
        'Client scope',
      );
      config['clientScopes'] = JSON.stringify(
        resolved.map((id, i) => ({ id, required: scopes[i]?.required === true })),
      );
      break;
    }
    case 'time':
      for (const [key, value] of Object.entries(rep.config ?? {})) config[key] = value;
      for (const key of [...Object.keys(TIME_KEYS), ...TIME_RANGES]) {
        const value = rep[key];
        if (value !== undefined && value !== null) config[TIME_KEYS[key] ?? key] = String(value);
      }
      if (!config['nbf'] && !config['noa'] && !TIME_RANGES.some((k) => config[k]))
        throw bad('You must provide at least one time condition');
      break;
    case 'regex':
      config['targetClaim'] = String(rep.targetClaim ?? rep.config?.['targetClaim'] ?? '');
      config['pattern'] = String(rep.pattern ?? rep.config?.['pattern'] ?? '');
      config['targetContextAttributes'] = String(
        rep.targetContextAttributes ?? rep.config?.['targetContextAttributes'] ?? 'false',
      );
      if (!config['targetClaim'] || !config['pattern']) throw bad('Target Claim and Pattern are required');
      break;
    case 'js':
      config['code'] = String(rep.code ?? rep.config?.['code'] ?? '');
      break;
    default:
      for (const [key, value] of Object.entries(rep.config ?? {})) {
        if (!['applyPolicies', 'resources', 'scopes', 'defaultResourceType'].includes(key)) config[key] = value;
      }
  }
  return config;
}

function logicOf(value: unknown): Logic {
  if (value === undefined || value === 'POSITIVE') return 'POSITIVE';
  if (value === 'NEGATIVE') return 'NEGATIVE';
  throw bad(`Invalid logic [${String(value)}]`);
}

function strategyOf(value: unknown): DecisionStrategy {
  if (value === undefined) return 'UNANIMOUS';
  if (typeof value === 'string' && (DECISION_STRATEGIES as readonly string[]).includes(value))
    return value as DecisionStrategy;
  throw bad(`Invalid decision strategy [${String(value)}]`);
}

/** Policies whose children may form a cycle; Keycloak rejects one ("Circular reference found"). */
function checkCycle(server: ResourceServerModel, policy: AuthzPolicy): void {
  const seen = new Set<string>();
  const walk = (id: string): void => {
    if (id === policy.id) throw bad('Circular reference found');
    if (seen.has(id)) return;
    seen.add(id);
    for (const child of server.policies.get(id)?.policies ?? []) walk(child);
  };
  for (const child of policy.policies) walk(child);
}

/**
 * Builds a policy or permission from its representation (typed admin form or export form), resolving every
 * reference; 400 `invalid_request` for an unknown reference or bad value. `existing` keeps id and owner on update.
 */
export function policyFromRepresentation(
  realm: RealmModel,
  server: ResourceServerModel,
  rep: PolicyRepresentation,
  existing?: AuthzPolicy,
): AuthzPolicy {
  const type = rep.type ?? existing?.type;
  if (typeof type !== 'string' || !type) throw bad('Policy type must be provided');
  if (typeof rep.name !== 'string' || !rep.name) throw bad('Policy name must be provided');
  const clash = findPolicy(server, rep.name);
  if (clash && clash.id !== existing?.id && clash.name === rep.name)
    throw oauthError(409, 'invalid_request', `Policy with name [${rep.name}] already exists`);
  const policies = strings(listOf(rep, 'policies', 'applyPolicies')).map((ref) => ({
    ref,
    value: findPolicy(server, ref)?.id,
  }));
  const resources = strings(listOf(rep, 'resources')).map((ref) => ({ ref, value: findResource(server, ref)?.id }));
  const scopes = strings(listOf(rep, 'scopes')).map((ref) => ({ ref, value: findScope(server, ref)?.id }));
  const policy: AuthzPolicy = {
    id: existing?.id ?? rep.id ?? randomUUID(),
    name: rep.name,
    type,
    logic: logicOf(rep.logic),
    decisionStrategy: strategyOf(rep.decisionStrategy),
    policies: must(policies, 'Policy'),
    resources: must(resources, 'Resource'),
    scopes: must(scopes, 'Scope'),
    config: typedConfig(realm, rep, type),
  };
  if (rep.description !== undefined) policy.description = String(rep.description);
  const resourceType = rep.resourceType ?? rep.config?.['defaultResourceType'];
  if (resourceType) policy.config['defaultResourceType'] = resourceType;
  const owner = existing?.owner ?? rep.owner;
  if (owner) policy.owner = owner;
  checkCycle(server, policy);
  return policy;
}
