/**
 * Evaluates one policy to PERMIT or DENY the way Keycloak's policy providers do
 * (authz/policy/common/.../provider/*), including logic and aggregate decision strategies.
 */
import { isObject, toStrings } from '../internal/json.js';
import type { AuthzPolicy, PolicyCondition, TimeConditions, TimeRange } from '../settings/model.js';
import type { DecisionStrategy } from '../settings/types.js';
import { claimValues, type AuthzIdentity } from './identity.js';

/** A policy's final effect, after logic. */
export type Effect = 'PERMIT' | 'DENY';

/** Why a policy decided as it did; `children` for aggregates. */
export interface PolicyTrace {
  readonly policy: string;
  readonly type: string;
  readonly effect: Effect;
  readonly reason: string;
  readonly children?: readonly PolicyTrace[];
}

/** What a policy can look at besides the identity. */
export interface EvaluationEnvironment {
  readonly identity: AuthzIdentity;
  readonly nowMs: number;
  /** Context attributes: pushed claims, `kc.time.date_time`, ... */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

type Outcome = {
  readonly granted: boolean | undefined;
  readonly reason: string;
  readonly children?: readonly PolicyTrace[];
};

/**
 * Keycloak's AbstractDecisionCollector.isGranted: UNANIMOUS = no DENY, AFFIRMATIVE = one PERMIT,
 * CONSENSUS = more PERMITs than DENYs (a tie denies).
 */
export function isGranted(strategy: DecisionStrategy, effects: readonly Effect[]): boolean {
  const permits = effects.filter((effect) => effect === 'PERMIT').length;
  switch (strategy) {
    case 'AFFIRMATIVE':
      return permits > 0;
    case 'CONSENSUS':
      return permits > effects.length - permits;
    default:
      return permits === effects.length;
  }
}

/** Evaluates a non-permission policy; results are memoised per evaluation in `cache`. */
export function evaluatePolicy(
  policy: AuthzPolicy,
  env: EvaluationEnvironment,
  cache: Map<AuthzPolicy, PolicyTrace>,
): PolicyTrace {
  const cached = cache.get(policy);
  if (cached !== undefined) return cached;
  const outcome = decide(policy, env, cache);
  let effect: Effect;
  if (policy.condition.kind === 'unsupported') {
    // fail closed: a policy we cannot run never grants, whatever its logic says
    effect = 'DENY';
  } else {
    // a provider that neither grants nor denies ends as a deny (Evaluation.denyIfNoEffect)
    const granted = outcome.granted === true;
    effect = granted !== (policy.logic === 'NEGATIVE') ? 'PERMIT' : 'DENY';
  }
  const reason =
    policy.logic === 'NEGATIVE' && policy.condition.kind !== 'unsupported'
      ? `${outcome.reason} (NEGATIVE logic inverts it)`
      : outcome.reason;
  const trace: PolicyTrace = {
    policy: policy.name,
    type: policy.type,
    effect,
    reason,
    ...(outcome.children ? { children: outcome.children } : {}),
  };
  cache.set(policy, trace);
  return trace;
}

function decide(policy: AuthzPolicy, env: EvaluationEnvironment, cache: Map<AuthzPolicy, PolicyTrace>): Outcome {
  const condition: PolicyCondition = policy.condition;
  const { identity } = env;
  switch (condition.kind) {
    case 'role':
      return requiredMatch(
        condition.roles,
        (id) => hasRole(identity, id),
        'role',
        condition.fetchRoles ? ' (fetchRoles not available locally: token roles used)' : '',
      );
    case 'client-scope':
      return requiredMatch(condition.clientScopes, (id) => identity.scopes.has(id), 'client scope', '');
    case 'user': {
      const match = condition.users.find((user) => user === identity.id || user === identity.username);
      return match
        ? { granted: true, reason: `user "${match}" matches` }
        : { granted: undefined, reason: 'user is not listed' };
    }
    case 'client': {
      const match = identity.clientId !== undefined && condition.clients.includes(identity.clientId);
      return match
        ? { granted: true, reason: `client "${identity.clientId}" is listed` }
        : { granted: undefined, reason: `client "${identity.clientId ?? '(none)'}" is not listed` };
    }
    case 'group':
      return groupMatch(condition.groups, claimValues(identity, condition.groupsClaim ?? 'groups'));
    case 'time':
      return timeMatch(condition.time, contextTime(env));
    case 'regex': {
      const values = condition.targetContextAttributes
        ? [...(env.attributes[condition.targetClaim] ?? [])]
        : regexValues(identity, condition.targetClaim);
      const match = values.find((value) => condition.pattern.test(value));
      return match !== undefined
        ? { granted: true, reason: `${condition.targetClaim} matches the pattern` }
        : {
            granted: undefined,
            reason: `${condition.targetClaim} ${values.length === 0 ? 'is absent' : 'does not match the pattern'}`,
          };
    }
    case 'aggregate':
    case 'resource':
    case 'scope': {
      const children = policy.policies.map((child) => evaluatePolicy(child, env, cache));
      const granted = isGranted(
        policy.decisionStrategy,
        children.map((child) => child.effect),
      );
      return {
        granted,
        reason: `${policy.decisionStrategy} over ${children.length} polic${children.length === 1 ? 'y' : 'ies'}`,
        children,
      };
    }
    case 'unsupported':
      return { granted: false, reason: `not evaluable locally: ${condition.why}` };
  }
}

function hasRole(identity: AuthzIdentity, id: string): boolean {
  // exports name client roles "clientId/role"; a realm role name has no slash
  const slash = id.indexOf('/');
  if (slash === -1) return identity.realmRoles.has(id);
  return identity.clientRoles.get(id.slice(0, slash))?.has(id.slice(slash + 1)) ?? false;
}

function requiredMatch(
  refs: readonly { id: string; required: boolean }[],
  has: (id: string) => boolean,
  what: string,
  note: string,
): Outcome {
  const missing = refs.find((ref) => ref.required && !has(ref.id));
  if (missing) return { granted: false, reason: `required ${what} "${missing.id}" is missing${note}` };
  const held = refs.find((ref) => has(ref.id));
  return held
    ? { granted: true, reason: `has ${what} "${held.id}"${note}` }
    : { granted: undefined, reason: `has none of the ${what}s${note}` };
}

function groupMatch(groups: readonly { path: string; extendChildren: boolean }[], claimed: readonly string[]): Outcome {
  for (const group of groups) {
    const path = group.path.startsWith('/') ? group.path : `/${group.path}`;
    const groupName = path.slice(path.lastIndexOf('/') + 1);
    // GroupPolicyProvider: a claim entry with a slash is a path, otherwise a bare group name
    const match = claimed.find((entry) =>
      entry.includes('/')
        ? entry === path || (group.extendChildren && entry.startsWith(`${path}/`))
        : entry === groupName,
    );
    if (match !== undefined) return { granted: true, reason: `member of group "${match}"` };
  }
  return {
    granted: undefined,
    reason: claimed.length === 0 ? 'token carries no groups' : 'not a member of any listed group',
  };
}

function contextTime(env: EvaluationEnvironment): number {
  const override = env.attributes['kc.time.date_time']?.[0];
  if (override !== undefined) {
    const parsed = Date.parse(`${override.replace(' ', 'T')}Z`);
    if (!Number.isNaN(parsed)) return parsed;
  }
  return env.nowMs;
}

function inRange(value: number, range: TimeRange | undefined): boolean {
  return range === undefined || (value >= range.start && value <= range.end);
}

function timeMatch(time: TimeConditions, nowMs: number): Outcome {
  if (time.notBeforeMs !== undefined && nowMs < time.notBeforeMs) return { granted: false, reason: 'before notBefore' };
  if (time.notOnOrAfterMs !== undefined && nowMs > time.notOnOrAfterMs)
    return { granted: false, reason: 'after notOnOrAfter' };
  const now = new Date(nowMs);
  const checks: Array<[string, number, TimeRange | undefined]> = [
    ['dayMonth', now.getUTCDate(), time.dayMonth],
    ['month', now.getUTCMonth() + 1, time.month],
    ['year', now.getUTCFullYear(), time.year],
    ['hour', now.getUTCHours(), time.hour],
    ['minute', now.getUTCMinutes(), time.minute],
  ];
  const failed = checks.find(([, value, range]) => !inRange(value, range));
  return failed
    ? { granted: false, reason: `${failed[0]} ${failed[1]} is outside the allowed range` }
    : { granted: true, reason: 'within the time window' };
}

/** RegexPolicyProvider: a dotted path (`address.country`, `a.b[0]`) yields one value, a plain claim all its values. */
function regexValues(identity: AuthzIdentity, targetClaim: string): string[] {
  const steps = targetClaim.split(/(?<!\\)\./).map((step) => step.replaceAll('\\.', '.'));
  if (steps.length === 1 && !/\[\d+\]$/.test(targetClaim)) return claimValues(identity, steps[0] as string);
  let node: unknown = identity.claims;
  for (const step of steps) {
    const match = /^(.*?)((?:\[\d+\])*)$/.exec(step);
    const key = match?.[1] ?? step;
    node = isObject(node) ? node[key] : undefined;
    for (const index of (match?.[2] ?? '').match(/\d+/g) ?? [])
      node = Array.isArray(node) ? node[Number(index)] : undefined;
  }
  return Array.isArray(node) || node === undefined ? toStrings(node).slice(0, 1) : toStrings(node);
}
