/**
 * Wire shapes of a resource server's authorization settings, as Keycloak exports them
 * (`GET .../authz/resource-server/settings`, or `authorizationSettings` in a realm export), with
 * Keycloak's field names. Both the export form (`config` of JSON strings, references by name)
 * and the typed admin form (real arrays, references by id) are accepted.
 */

/** How a permission or aggregate combines its policies, and how the resource server combines permissions. */
export type DecisionStrategy = 'UNANIMOUS' | 'AFFIRMATIVE' | 'CONSENSUS';
/** POSITIVE keeps a policy's outcome, NEGATIVE inverts it. */
export type Logic = 'POSITIVE' | 'NEGATIVE';
/** What the resource server does with requests: enforce, allow when no policy applies, or allow everything. */
export type PolicyEnforcementMode = 'ENFORCING' | 'PERMISSIVE' | 'DISABLED';

/** A scope reference inside a resource. */
export interface ScopeRepresentation {
  id?: string;
  name: string;
  displayName?: string;
  iconUri?: string;
}

/** A protected resource. `uri` is the single-URI form of older exports. */
export interface ResourceRepresentation {
  _id?: string;
  id?: string;
  name: string;
  displayName?: string;
  type?: string;
  uri?: string;
  uris?: string[];
  owner?: string | { id?: string; name?: string };
  ownerManagedAccess?: boolean;
  attributes?: Record<string, string[]>;
  scopes?: ScopeRepresentation[];
  icon_uri?: string;
}

/** A policy or a permission (`type` `resource` / `scope`), in export or typed form. */
export interface PolicyRepresentation {
  id?: string;
  name: string;
  description?: string;
  type: string;
  logic?: Logic;
  decisionStrategy?: DecisionStrategy;
  owner?: string;
  /** Export form: every value a string, lists JSON-encoded. */
  config?: Record<string, string>;
  // typed admin form
  policies?: string[];
  resources?: string[];
  scopes?: string[];
  resourceType?: string;
  roles?: Array<{ id: string; required?: boolean }>;
  fetchRoles?: boolean;
  users?: string[];
  clients?: string[];
  groups?: Array<{ id?: string; path?: string; extendChildren?: boolean }>;
  groupsClaim?: string;
  clientScopes?: Array<{ id: string; required?: boolean }>;
  targetClaim?: string;
  pattern?: string;
  targetContextAttributes?: boolean;
  notBefore?: string;
  notOnOrAfter?: string;
  dayMonth?: string;
  dayMonthEnd?: string;
  month?: string;
  monthEnd?: string;
  year?: string;
  yearEnd?: string;
  hour?: string;
  hourEnd?: string;
  minute?: string;
  minuteEnd?: string;
  code?: string;
}

/** The resource server's settings (ResourceServerRepresentation). */
export interface ResourceServerRepresentation {
  id?: string;
  clientId?: string;
  name?: string;
  allowRemoteResourceManagement?: boolean;
  policyEnforcementMode?: PolicyEnforcementMode;
  decisionStrategy?: DecisionStrategy;
  resources?: ResourceRepresentation[];
  policies?: PolicyRepresentation[];
  scopes?: ScopeRepresentation[];
}
