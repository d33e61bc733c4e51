/**
 * Authorization Services representations of the admin REST API. The export-form shapes
 * (ResourceServerRepresentation, ResourceRepresentation, ScopeRepresentation, PolicyRepresentation) live
 * with the authorization-config model in authz/settings/types.ts and are re-exported here; this file adds
 * the typed policy representations Keycloak's `.../policy/{type}` and `.../permission/{type}` endpoints
 * take and answer. AbstractPolicyRepresentation is from Keycloak 26.6's admin OpenAPI document
 * (docs-api/26.6.0/rest-api/openapi.json on keycloak.org); the typed subclasses, which the document does not list, from
 * Keycloak's `org.keycloak.representations.idm.authorization` classes.
 */
import type {
  DecisionStrategy,
  Logic,
  PolicyRepresentation,
  ResourceRepresentation,
  ScopeRepresentation,
} from '../../authz/settings/types.js';

export type {
  DecisionStrategy,
  Logic,
  PolicyEnforcementMode,
  PolicyRepresentation,
  ResourceRepresentation,
  ResourceServerRepresentation,
  ScopeRepresentation,
} from '../../authz/settings/types.js';

/** Keycloak's `ResourceOwnerRepresentation`: the owner of a resource as the admin API answers it. */
export interface ResourceOwnerRepresentation {
  id?: string;
  /** The resource server's clientId, or the owning user's username. */
  name?: string;
}

/** Keycloak's `AbstractPolicyRepresentation`: the fields every policy and permission has, typed or not. */
export interface AbstractPolicyRepresentation {
  id?: string;
  name: string;
  description?: string;
  /** The policy provider (`role`, `client`, `scope`...); the typed endpoints fill it from their path. */
  type?: string;
  /** Ids of the policies a permission or aggregate applies. */
  policies?: string[];
  /** Resource ids (or names). */
  resources?: string[];
  /** Scope ids (or names). */
  scopes?: string[];
  logic?: Logic;
  decisionStrategy?: DecisionStrategy;
  owner?: string;
  resourceType?: string;
  resourcesData?: ResourceRepresentation[];
  scopesData?: ScopeRepresentation[];
}

/** A role a role policy requires (`required`) or accepts. */
export interface RoleDefinition {
  /** The role's id (or, on input, its name; `clientId/role` for a client role). */
  id: string;
  required?: boolean;
}

/** Keycloak's `RolePolicyRepresentation` (`.../policy/role`). */
export interface RolePolicyRepresentation extends AbstractPolicyRepresentation {
  roles?: RoleDefinition[];
  /** Read the user's roles from the store instead of the token. */
  fetchRoles?: boolean;
}

/** Keycloak's `ClientPolicyRepresentation` (`.../policy/client`): granted to the listed clients. */
export interface ClientPolicyRepresentation extends AbstractPolicyRepresentation {
  /** Client ids (internal ids, or clientIds on input). */
  clients?: string[];
}

/** Keycloak's `UserPolicyRepresentation` (`.../policy/user`). */
export interface UserPolicyRepresentation extends AbstractPolicyRepresentation {
  /** User ids (or usernames on input). */
  users?: string[];
}

/** A group a group policy grants to, and whether its subgroups count too. */
export interface GroupDefinition {
  id?: string;
  path?: string;
  extendChildren?: boolean;
}

/** Keycloak's `GroupPolicyRepresentation` (`.../policy/group`). */
export interface GroupPolicyRepresentation extends AbstractPolicyRepresentation {
  /** A token claim holding the groups, instead of the store's memberships. */
  groupsClaim?: string;
  groups?: GroupDefinition[];
}

/** A client scope a client-scope policy requires or accepts. */
export interface ClientScopeDefinition {
  id: string;
  required?: boolean;
}

/** Keycloak's `ClientScopePolicyRepresentation` (`.../policy/client-scope`). */
export interface ClientScopePolicyRepresentation extends AbstractPolicyRepresentation {
  clientScopes?: ClientScopeDefinition[];
}

/** The time window fields of a time policy, as the export form also carries them. */
type TimeWindow = Pick<
  PolicyRepresentation,
  | 'notBefore'
  | 'notOnOrAfter'
  | 'dayMonth'
  | 'dayMonthEnd'
  | 'month'
  | 'monthEnd'
  | 'year'
  | 'yearEnd'
  | 'hour'
  | 'hourEnd'
  | 'minute'
  | 'minuteEnd'
>;

/** Keycloak's `TimePolicyRepresentation` (`.../policy/time`); dates as `yyyy-MM-dd HH:mm:ss`, the rest as numbers in strings. */
export interface TimePolicyRepresentation extends AbstractPolicyRepresentation, TimeWindow {}

/** Keycloak's `RegexPolicyRepresentation` (`.../policy/regex`). */
export interface RegexPolicyRepresentation extends AbstractPolicyRepresentation {
  targetClaim?: string;
  pattern?: string;
  /** Match a context attribute instead of a token claim. */
  targetContextAttributes?: boolean;
}

/** Keycloak's `JSPolicyRepresentation` (`.../policy/js`; deployed scripts only since Keycloak 18). */
export interface JSPolicyRepresentation extends AbstractPolicyRepresentation {
  code?: string;
}

/** Keycloak's `AggregatePolicyRepresentation` (`.../policy/aggregate`): combines `policies` by `decisionStrategy`. */
export type AggregatePolicyRepresentation = AbstractPolicyRepresentation;

/** Keycloak's `ResourcePermissionRepresentation` (`.../permission/resource`): on `resources`, or every resource of `resourceType`. */
export interface ResourcePermissionRepresentation extends AbstractPolicyRepresentation {
  resourceType?: string;
}

/** Keycloak's `ScopePermissionRepresentation` (`.../permission/scope`): on `scopes`, optionally of `resources` or a `resourceType`. */
export interface ScopePermissionRepresentation extends AbstractPolicyRepresentation {
  resourceType?: string;
}

/** A policy as the `associatedPolicies` and `dependentPolicies` sub-resources list it. */
export interface PolicyBriefRepresentation {
  id: string;
  name: string;
  type: string;
  description?: string;
}
