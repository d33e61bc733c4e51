import { oauthError } from '../../http/http-error.js';
import type { RealmModel } from '../../model/types.js';
import { policyFromRepresentation } from '../policy-input.js';
import type { PolicyRepresentation } from '../representations.js';
import type { AuthzPolicy, ResourceServerModel } from '../types.js';
import { typedPolicyView } from './views.js';

/** The policy providers a Keycloak 26 server has without extra deployments (PolicyProviderFactory ids). */
export const POLICY_TYPES: ReadonlySet<string> = new Set([
  'role',
  'user',
  'client',
  'group',
  'time',
  'aggregate',
  'regex',
  'client-scope',
  'js',
  'resource',
  'scope',
  'uma',
]);
/** The permission types (`.../permission/{type}`). */
export const PERMISSION_TYPES: ReadonlySet<string> = new Set(['resource', 'scope']);

/** Whether a policy lists as a permission (the store's PERMISSION filter: resource, scope and uma). */
export const isPermission = (policy: AuthzPolicy): boolean =>
  PERMISSION_TYPES.has(policy.type) || policy.type === 'uma';

const RELATIONS = [
  ['policies', 'applyPolicies'],
  ['resources', 'resources'],
  ['scopes', 'scopes'],
] as const;

/**
 * PolicyService.create: a name already taken is Keycloak's 409 ErrorResponseException, an unknown type a 400
 * (Keycloak has no provider for it); then the representation is resolved into the model and stored.
 */
export function createPolicy(realm: RealmModel, server: ResourceServerModel, rep: PolicyRepresentation): AuthzPolicy {
  if (typeof rep.name === 'string' && [...server.policies.values()].some((p) => p.name === rep.name)) {
    throw oauthError(409, `Policy with name [${rep.name}] already exists`, 'Conflicting policy');
  }
  if (typeof rep.type === 'string' && !POLICY_TYPES.has(rep.type) && !rep.type.startsWith('script-')) {
    throw oauthError(400, 'invalid_request', `Unknown policy type [${rep.type}]`);
  }
  const policy = policyFromRepresentation(realm, server, { ...rep, id: undefined });
  server.policies.set(policy.id, policy);
  return policy;
}

/** What PolicyService.create echoes: the representation sent, with its new id and the representation's defaults. */
// The typed representation classes hold strings (TimePolicyRepresentation) and primitive booleans
// (RegexPolicyRepresentation.targetContextAttributes), so the echo shows them as Java would write them back.
export function createdEcho(rep: PolicyRepresentation, policy: AuthzPolicy): Record<string, unknown> {
  const echo: Record<string, unknown> = {
    ...rep,
    id: policy.id,
    type: policy.type,
    logic: policy.logic,
    decisionStrategy: policy.decisionStrategy,
  };
  // Relations come back as the ids the names were resolved to.
  for (const [field] of RELATIONS) if (Array.isArray(rep[field])) echo[field] = [...policy[field]];
  if (policy.type === 'time') {
    for (const key of TIME_KEYS) if (typeof echo[key] === 'number') echo[key] = String(echo[key]);
  }
  // Role, group and client-scope definitions come back resolved to ids, with their primitive flags
  // (RoleDefinition.required, GroupDefinition.extendChildren, ClientScopeDefinition.required) always written.
  const definitions = DEFINITIONS[policy.type];
  if (definitions && Array.isArray(rep[definitions as keyof PolicyRepresentation]))
    echo[definitions] = JSON.parse(policy.config[definitions] ?? '[]') as unknown;
  if (policy.type === 'regex')
    echo['targetContextAttributes'] = rep['targetContextAttributes' as keyof PolicyRepresentation] === true;
  return echo;
}

const DEFINITIONS: Record<string, string> = { role: 'roles', group: 'groups', 'client-scope': 'clientScopes' };

const TIME_KEYS = [
  'notBefore',
  'notOnOrAfter',
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

/**
 * RepresentationToModel.toModel on an existing policy: a relation or typed field the representation leaves out
 * (null in Java) keeps its value, the typed form replaces typed fields and the generic form merges into the stored config.
 */
export function updatePolicy(
  realm: RealmModel,
  server: ResourceServerModel,
  existing: AuthzPolicy,
  rep: PolicyRepresentation,
): void {
  const config = rep.config;
  const base: PolicyRepresentation =
    config && typeof config === 'object'
      ? { ...rep, config: { ...existing.config, ...config } }
      : { ...typedPolicyView(existing), ...rep };
  for (const [field, key] of RELATIONS) {
    if (base[field] === undefined && base.config?.[key] === undefined) base[field] = [...existing[field]];
  }
  // logic and decisionStrategy are Java fields with defaults (POSITIVE, UNANIMOUS): left out, they reset.
  const updated = policyFromRepresentation(
    realm,
    server,
    { ...base, type: existing.type, logic: rep.logic, decisionStrategy: rep.decisionStrategy },
    existing,
  );
  server.policies.set(existing.id, updated);
}
