/**
 * Wire shapes of Keycloak's UMA 2.0 endpoints: the `uma2-configuration` discovery document and the
 * Protection API's representations. Field names are Keycloak's (`_id`, `resource_scopes`), so values
 * pass through unchanged.
 */
import type { CallOptions } from '../http/types.js';

/** `/.well-known/uma2-configuration` (Keycloak's UmaConfiguration); only the fields we read are typed. */
export interface UmaConfiguration {
  issuer: string;
  token_endpoint: string;
  introspection_endpoint?: string;
  jwks_uri?: string;
  resource_registration_endpoint: string;
  permission_endpoint: string;
  policy_endpoint: string;
  [key: string]: unknown;
}

/** A scope as the resource registration endpoint lists it. */
export interface UmaScopeRepresentation {
  id?: string;
  name: string;
  [key: string]: unknown;
}

/** A resource of the resource registration endpoint (UMA resource set, Keycloak's UmaResourceRepresentation). */
export interface UmaResourceRepresentation {
  _id?: string;
  name: string;
  displayName?: string;
  type?: string;
  uris?: string[];
  icon_uri?: string;
  /** A user id or username on input; `{ id, name }` on output. */
  owner?: string | { id?: string; name?: string };
  ownerManagedAccess?: boolean;
  attributes?: Record<string, string[]>;
  resource_scopes?: (string | UmaScopeRepresentation)[];
  [key: string]: unknown;
}

/** Query of {@link KeycloakUMA.resourceSetListIds}; python-keycloak's arguments in camelCase. */
export interface ResourceSetQuery {
  /** Matched as a pattern unless `exactName`. */
  name?: string;
  exactName?: boolean;
  uri?: string;
  /** With `uri`: match it as a path pattern, as the policy enforcer does. */
  matchingUri?: boolean;
  owner?: string;
  /** python-keycloak's `resource_type` (Keycloak's `type` query parameter). */
  type?: string;
  scope?: string;
  first?: number;
  /** Maximum number of results; `-1` (default) for all. */
  max?: number;
}

/** One entry of a permission ticket request (`POST {permission_endpoint}`). */
export interface PermissionTicketRequest {
  resource_id: string;
  resource_scopes: string[];
  claims?: Record<string, string[]>;
}

/** The answer of `POST {permission_endpoint}`: a signed permission ticket. */
export interface PermissionTicketResponse {
  ticket: string;
}

/** A permission ticket record of `{permission_endpoint}/ticket` (Keycloak's PermissionTicketRepresentation). */
export interface PermissionTicketRepresentation {
  id?: string;
  owner?: string;
  resource?: string;
  scope?: string;
  granted?: boolean;
  scopeName?: string;
  resourceName?: string;
  requester?: string;
  ownerName?: string;
  requesterName?: string;
  [key: string]: unknown;
}

/** Query of {@link KeycloakUMA.permissionTicketRecordFind} and {@link KeycloakUMA.permissionTicketRecordCount}. */
export interface PermissionTicketQuery {
  scopeId?: string;
  resourceId?: string;
  owner?: string;
  requester?: string;
  granted?: boolean;
  /** Fill `resourceName`, `scopeName`, `ownerName` and `requesterName`. */
  returnNames?: boolean;
  first?: number;
  max?: number;
}

/** A user-managed permission of `{policy_endpoint}` (Keycloak's UmaPermissionRepresentation). */
export interface UmaPolicyRepresentation {
  id?: string;
  name?: string;
  description?: string;
  type?: string;
  scopes?: string[];
  roles?: string[];
  groups?: string[];
  clients?: string[];
  users?: string[];
  condition?: string;
  logic?: 'POSITIVE' | 'NEGATIVE';
  decisionStrategy?: 'UNANIMOUS' | 'AFFIRMATIVE' | 'CONSENSUS';
  owner?: string;
  [key: string]: unknown;
}

/** Query of {@link KeycloakUMA.policyQuery}. */
export interface UmaPolicyQuery {
  /** A resource id. */
  resource?: string;
  name?: string;
  scope?: string;
  first?: number;
  /** `-1` (default) for all. */
  max?: number;
}

/** Options every {@link KeycloakUMA} call accepts. */
export type UmaCallOptions = Pick<CallOptions, 'signal' | 'timeout'>;

/** Claims pushed to the UMA grant (`claim_token`): each value a string or a list of strings. */
export type PushedClaims = Readonly<Record<string, string | readonly string[]>>;
