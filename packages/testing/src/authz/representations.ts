/**
 * Authorization representations as Keycloak's JSON names them (core/.../representations/idm/authorization).
 * The export form (realm export `authorizationSettings`, `.../resource-server/settings`) refers to roles, users,
 * policies, resources and scopes by name inside string `config` values; the admin API's typed form uses arrays.
 */

/** ScopeRepresentation. */
export interface ScopeRepresentation {
  id?: string;
  name: string;
  displayName?: string;
  iconUri?: string;
  [extra: string]: unknown;
}

/** ResourceRepresentation (`_id`, `icon_uri` and the deprecated single `uri` are Keycloak's names). */
export interface ResourceRepresentation {
  _id?: string;
  name: string;
  displayName?: string;
  type?: string;
  uri?: string;
  uris?: string[];
  icon_uri?: string;
  owner?: string | { id?: string; name?: string };
  ownerManagedAccess?: boolean;
  scopes?: Array<ScopeRepresentation | string>;
  /** UMA's name for `scopes`, used by the Protection API. */
  resource_scopes?: Array<ScopeRepresentation | string>;
  attributes?: Record<string, string[]>;
  [extra: string]: unknown;
}

/** AbstractPolicyRepresentation plus every typed field of the built-in types. */
export interface PolicyRepresentation {
  id?: string;
  name?: string;
  description?: string;
  type?: string;
  logic?: string;
  decisionStrategy?: string;
  owner?: string;
  config?: Record<string, string>;
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
  code?: string;
  targetClaim?: string;
  pattern?: string;
  targetContextAttributes?: boolean;
  [extra: string]: unknown;
}

/** ResourceServerRepresentation. */
export interface ResourceServerRepresentation {
  id?: string;
  clientId?: string;
  name?: string;
  allowRemoteResourceManagement?: boolean;
  policyEnforcementMode?: string;
  decisionStrategy?: string;
  resources?: ResourceRepresentation[];
  policies?: PolicyRepresentation[];
  scopes?: ScopeRepresentation[];
  [extra: string]: unknown;
}
