/**
 * The in-memory model of a resource server (a client with Authorization Services enabled). Objects are plain and
 * mutable like the kernel's model: tests and the admin/protection endpoints change them directly. References
 * between policies are by object id so renames never break them, as in Keycloak's store.
 */

/** ResourceServer.policyEnforcementMode. */
export type PolicyEnforcementMode = 'ENFORCING' | 'PERMISSIVE' | 'DISABLED';
/** DecisionStrategy of a resource server, a permission or an aggregate policy. */
export type DecisionStrategy = 'UNANIMOUS' | 'AFFIRMATIVE' | 'CONSENSUS';
/** Logic of a policy: NEGATIVE inverts its effect. */
export type Logic = 'POSITIVE' | 'NEGATIVE';

/** An authorization scope. */
export interface AuthzScope {
  id: string;
  name: string;
  displayName?: string;
  iconUri?: string;
}

/** A protected resource. `owner` is a user id, or the resource server's client id (internal) when it owns it. */
export interface AuthzResource {
  id: string;
  name: string;
  displayName?: string;
  type?: string;
  uris: string[];
  iconUri?: string;
  owner: string;
  ownerManagedAccess: boolean;
  scopes: AuthzScope[];
  attributes: Record<string, string[]>;
}

/**
 * A policy or permission. `config` keeps Keycloak's stored form: string values, JSON-encoded lists, with ids
 * (role, user, client, group, client scope ids) rather than the names an export uses.
 */
export interface AuthzPolicy {
  id: string;
  name: string;
  description?: string;
  /** role, user, client, group, time, aggregate, regex, client-scope, js, uma, resource, scope, or a deployed script-*. */
  type: string;
  logic: Logic;
  decisionStrategy: DecisionStrategy;
  /** Associated (child) policy ids. */
  policies: string[];
  /** Resource ids this permission (or uma policy) applies to. */
  resources: string[];
  /** Scope ids this permission applies to. */
  scopes: string[];
  config: Record<string, string>;
  /** User id owning a user-managed (uma) policy. */
  owner?: string;
}

/** A permission ticket: a requester's request for (or grant of) a scope of an owner's resource. */
export interface PermissionTicket {
  id: string;
  owner: string;
  resource: string;
  scope?: string;
  requester: string;
  createdTimestamp: number;
  grantedTimestamp?: number;
  policy?: string;
}

/** A client's authorization settings. */
export interface ResourceServerModel {
  /** The client's internal id (Keycloak uses it as the resource server id). */
  id: string;
  clientId: string;
  policyEnforcementMode: PolicyEnforcementMode;
  decisionStrategy: DecisionStrategy;
  allowRemoteResourceManagement: boolean;
  resources: Map<string, AuthzResource>;
  scopes: Map<string, AuthzScope>;
  policies: Map<string, AuthzPolicy>;
  tickets: Map<string, PermissionTicket>;
}

export const ENFORCEMENT_MODES: readonly PolicyEnforcementMode[] = ['ENFORCING', 'PERMISSIVE', 'DISABLED'];
export const DECISION_STRATEGIES: readonly DecisionStrategy[] = ['UNANIMOUS', 'AFFIRMATIVE', 'CONSENSUS'];
