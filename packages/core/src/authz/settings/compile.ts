/** Validates exported authorization settings and resolves their references once, before evaluation. */
import { KeycloakAuthorizationConfigError } from '../../errors.js';
import { isObject, readStringList, type JsonObject } from '../internal/json.js';
import type { AuthorizationSettings, AuthzPolicy, AuthzResource } from './model.js';
import { readCondition } from './policy-condition.js';
import type {
  DecisionStrategy,
  Logic,
  PolicyEnforcementMode,
  PolicyRepresentation,
  ResourceServerRepresentation,
} from './types.js';

const COMPILED = new WeakSet<AuthorizationSettings>();

/** True for settings returned by {@link compileAuthorizationSettings}. */
export function isCompiledSettings(value: unknown): value is AuthorizationSettings {
  return typeof value === 'object' && value !== null && COMPILED.has(value as AuthorizationSettings);
}

const STRATEGIES: readonly DecisionStrategy[] = ['UNANIMOUS', 'AFFIRMATIVE', 'CONSENSUS'];
const LOGICS: readonly Logic[] = ['POSITIVE', 'NEGATIVE'];
const MODES: readonly PolicyEnforcementMode[] = ['ENFORCING', 'PERMISSIVE', 'DISABLED'];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, where: string): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new KeycloakAuthorizationConfigError(`${where} must be one of ${allowed.join(', ')}`);
}

function list(value: unknown, where: string): JsonObject[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new KeycloakAuthorizationConfigError(`${where} must be an array`);
  return value.map((item, index) => {
    if (!isObject(item)) throw new KeycloakAuthorizationConfigError(`${where}[${index}] must be an object`);
    return item;
  });
}

function name(item: JsonObject, where: string): string {
  if (typeof item.name !== 'string' || item.name === '')
    throw new KeycloakAuthorizationConfigError(`${where}.name must be a non-empty string`);
  return item.name;
}

function readResource(item: JsonObject, where: string): AuthzResource {
  const resourceName = name(item, where);
  const id = typeof item._id === 'string' ? item._id : typeof item.id === 'string' ? item.id : resourceName;
  const uris = readStringList(item.uris, `${where}.uris`);
  if (typeof item.uri === 'string' && item.uri !== '' && !uris.includes(item.uri)) uris.push(item.uri);
  const scopes = list(item.scopes ?? item.resource_scopes, `${where}.scopes`).map((scope, index) =>
    name(scope, `${where}.scopes[${index}]`),
  );
  const owner =
    typeof item.owner === 'string' ? item.owner : isObject(item.owner) ? (item.owner.name ?? item.owner.id) : undefined;
  return {
    id,
    name: resourceName,
    type: typeof item.type === 'string' && item.type !== '' ? item.type : undefined,
    uris,
    scopes,
    owner: typeof owner === 'string' ? owner : undefined,
    ownerManagedAccess: item.ownerManagedAccess === true,
  };
}

/**
 * Validates a resource server's exported settings and resolves every reference (applied policies,
 * resources, scopes) by id or name.
 *
 * @param data - the settings object (the `settings` export, or a client's `authorizationSettings`).
 * @throws KeycloakAuthorizationConfigError naming the first bad field, unknown reference, or
 * circular aggregate.
 */
export function compileAuthorizationSettings(data: unknown): AuthorizationSettings {
  if (!isObject(data)) throw new KeycloakAuthorizationConfigError('Authorization settings must be a JSON object');
  const raw = data as ResourceServerRepresentation & JsonObject;
  const resources = list(raw.resources, 'resources').map((item, index) => readResource(item, `resources[${index}]`));
  const scopeNames = new Set(list(raw.scopes, 'scopes').map((item, index) => name(item, `scopes[${index}]`)));
  for (const resource of resources) for (const scope of resource.scopes) scopeNames.add(scope);

  const reps = list(raw.policies, 'policies') as unknown as PolicyRepresentation[];
  const byKey = new Map<string, number>();
  reps.forEach((rep, index) => {
    name(rep as unknown as JsonObject, `policies[${index}]`);
    if (typeof rep.type !== 'string' || rep.type === '')
      throw new KeycloakAuthorizationConfigError(`policies[${index}].type must be a non-empty string`);
    if (rep.config !== undefined && !isObject(rep.config))
      throw new KeycloakAuthorizationConfigError(`policies[${index}].config must be an object`);
    byKey.set(rep.name, index);
    if (typeof rep.id === 'string') byKey.set(rep.id, index);
  });

  const compiled = new Map<number, AuthzPolicy>();
  const visiting = new Set<number>();
  const resourceByKey = (key: string, where: string): AuthzResource => {
    const found = resources.find((resource) => resource.id === key || resource.name === key);
    if (found === undefined) throw new KeycloakAuthorizationConfigError(`${where} names an unknown resource "${key}"`);
    return found;
  };

  const compile = (index: number): AuthzPolicy => {
    const done = compiled.get(index);
    if (done !== undefined) return done;
    const rep = reps[index] as PolicyRepresentation;
    const where = `policies[${index}] ("${rep.name}")`;
    if (visiting.has(index))
      throw new KeycloakAuthorizationConfigError(`${where} is part of a circular reference between policies`);
    visiting.add(index);
    const applied = readStringList(rep.policies ?? rep.config?.applyPolicies, `${where}.applyPolicies`).map((key) => {
      const child = byKey.get(key);
      if (child === undefined)
        throw new KeycloakAuthorizationConfigError(`${where} applies an unknown policy "${key}"`);
      return compile(child);
    });
    const scopes = readStringList(rep.scopes ?? rep.config?.scopes, `${where}.scopes`);
    for (const scope of scopes) {
      if (!scopeNames.has(scope))
        throw new KeycloakAuthorizationConfigError(`${where} names an unknown scope "${scope}"`);
    }
    const resourceType = rep.resourceType ?? rep.config?.defaultResourceType ?? rep.config?.resourceType;
    const policy: AuthzPolicy = {
      id: rep.id ?? rep.name,
      name: rep.name,
      type: rep.type,
      logic: oneOf(rep.logic, LOGICS, 'POSITIVE', `${where}.logic`),
      decisionStrategy: oneOf(rep.decisionStrategy, STRATEGIES, 'UNANIMOUS', `${where}.decisionStrategy`),
      condition: readCondition(rep, where),
      policies: applied,
      resources: readStringList(rep.resources ?? rep.config?.resources, `${where}.resources`).map((key) =>
        resourceByKey(key, where),
      ),
      scopes,
      resourceType: typeof resourceType === 'string' && resourceType !== '' ? resourceType : undefined,
    };
    visiting.delete(index);
    compiled.set(index, policy);
    return policy;
  };

  const policies = reps.map((_, index) => compile(index));
  const settings: AuthorizationSettings = {
    clientId: typeof raw.clientId === 'string' ? raw.clientId : typeof raw.name === 'string' ? raw.name : undefined,
    policyEnforcementMode: oneOf(raw.policyEnforcementMode, MODES, 'ENFORCING', 'policyEnforcementMode'),
    decisionStrategy: oneOf(raw.decisionStrategy, STRATEGIES, 'UNANIMOUS', 'decisionStrategy'),
    resources,
    scopes: [...scopeNames],
    policies,
    unsupportedPolicies: policies
      .filter((policy) => policy.condition.kind === 'unsupported')
      .map((policy) => policy.name),
  };
  COMPILED.add(settings);
  return settings;
}
