/** The validated, reference-resolved form of authorization settings that the evaluator runs on. */
import type { DecisionStrategy, Logic, PolicyEnforcementMode } from './types.js';

/** A resource after validation. `id` is the exported id, or the name when the export has none. */
export interface AuthzResource {
  readonly id: string;
  readonly name: string;
  readonly type: string | undefined;
  readonly uris: readonly string[];
  readonly scopes: readonly string[];
  /** Owner id or name; `undefined` means the resource server itself. */
  readonly owner: string | undefined;
  readonly ownerManagedAccess: boolean;
}

/** A role or client-scope reference with its `required` flag. */
export interface RequiredReference {
  readonly id: string;
  readonly required: boolean;
}

/** A group reference: a path (`/staff/sales`) or a bare name, with `extendChildren`. */
export interface GroupReference {
  readonly path: string;
  readonly extendChildren: boolean;
}

/** Time policy conditions; dates as epoch ms, ranges as inclusive [start, end]. */
export interface TimeConditions {
  readonly notBeforeMs: number | undefined;
  readonly notOnOrAfterMs: number | undefined;
  readonly dayMonth: TimeRange | undefined;
  readonly month: TimeRange | undefined;
  readonly year: TimeRange | undefined;
  readonly hour: TimeRange | undefined;
  readonly minute: TimeRange | undefined;
}

/** An inclusive range; `end` equals `start` when the policy gives a single value. */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

/** What a policy checks, per type. `unsupported` covers JS, uma and unknown provider types. */
export type PolicyCondition =
  | { readonly kind: 'role'; readonly roles: readonly RequiredReference[]; readonly fetchRoles: boolean }
  | { readonly kind: 'user'; readonly users: readonly string[] }
  | { readonly kind: 'client'; readonly clients: readonly string[] }
  | { readonly kind: 'group'; readonly groups: readonly GroupReference[]; readonly groupsClaim: string | undefined }
  | { readonly kind: 'time'; readonly time: TimeConditions }
  | {
      readonly kind: 'regex';
      readonly targetClaim: string;
      readonly pattern: RegExp;
      readonly targetContextAttributes: boolean;
    }
  | { readonly kind: 'client-scope'; readonly clientScopes: readonly RequiredReference[] }
  | { readonly kind: 'aggregate' }
  | { readonly kind: 'resource' }
  | { readonly kind: 'scope' }
  | { readonly kind: 'unsupported'; readonly why: string };

/** A policy or permission with its references resolved. */
export interface AuthzPolicy {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly logic: Logic;
  readonly decisionStrategy: DecisionStrategy;
  readonly condition: PolicyCondition;
  /** Associated policies (`applyPolicies`) of permissions and aggregates. */
  readonly policies: readonly AuthzPolicy[];
  /** Resources a permission applies to. */
  readonly resources: readonly AuthzResource[];
  /** Scope names a scope permission applies to. */
  readonly scopes: readonly string[];
  /** `defaultResourceType` / `resourceType`: the permission applies to every resource of this type. */
  readonly resourceType: string | undefined;
}

/** Validated authorization settings of one resource server. */
export interface AuthorizationSettings {
  readonly clientId: string | undefined;
  readonly policyEnforcementMode: PolicyEnforcementMode;
  readonly decisionStrategy: DecisionStrategy;
  readonly resources: readonly AuthzResource[];
  readonly scopes: readonly string[];
  readonly policies: readonly AuthzPolicy[];
  /** Names of policies that cannot be evaluated locally (JavaScript, uma, unknown types). */
  readonly unsupportedPolicies: readonly string[];
}
