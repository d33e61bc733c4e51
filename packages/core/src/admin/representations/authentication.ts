/**
 * Authentication flow, execution, authenticator config and required action representations, written from the
 * schemas of Keycloak 26.6's admin OpenAPI document (docs-api/26.6.0/rest-api/openapi.json on keycloak.org). Field names are
 * Keycloak's wire names; every field is optional because Keycloak omits what is unset.
 */

/** An execution's requirement. */
export type AuthenticationRequirement = 'REQUIRED' | 'CONDITIONAL' | 'ALTERNATIVE' | 'DISABLED';

/** Keycloak's `AuthenticationExecutionExportRepresentation`: one execution inside a flow representation. */
export interface AuthenticationExecutionExportRepresentation {
  /** Alias of the authenticator config. */
  authenticatorConfig?: string;
  authenticator?: string;
  authenticatorFlow?: boolean;
  requirement?: string;
  priority?: number;
  /** Keycloak's own misspelling, kept on the wire. */
  autheticatorFlow?: boolean;
  flowAlias?: string;
  userSetupAllowed?: boolean;
}

/** Keycloak's `AuthenticationFlowRepresentation`. */
export interface AuthenticationFlowRepresentation {
  id?: string;
  alias?: string;
  description?: string;
  /** `basic-flow`, `form-flow` or `client-flow`. */
  providerId?: string;
  topLevel?: boolean;
  builtIn?: boolean;
  authenticationExecutions?: AuthenticationExecutionExportRepresentation[];
}

/** Keycloak's `AuthenticationExecutionInfoRepresentation`: a flow's executions as the admin console lists them. */
export interface AuthenticationExecutionInfoRepresentation {
  id?: string;
  requirement?: string;
  displayName?: string;
  alias?: string;
  description?: string;
  requirementChoices?: string[];
  configurable?: boolean;
  authenticationFlow?: boolean;
  providerId?: string;
  /** Id of the authenticator config. */
  authenticationConfig?: string;
  flowId?: string;
  level?: number;
  index?: number;
  priority?: number;
}

/** Keycloak's `AuthenticationExecutionRepresentation` (also what `GET executions/{id}` answers). */
export interface AuthenticationExecutionRepresentation {
  id?: string;
  authenticatorConfig?: string;
  authenticator?: string;
  authenticatorFlow?: boolean;
  requirement?: string;
  priority?: number;
  parentFlow?: string;
  flowId?: string;
}

/** Keycloak's `AuthenticatorConfigRepresentation`. */
export interface AuthenticatorConfigRepresentation {
  id?: string;
  alias?: string;
  config?: Record<string, string>;
}

/** Keycloak's `ConfigPropertyRepresentation`. */
export interface ConfigPropertyRepresentation {
  name?: string;
  label?: string;
  helpText?: string;
  type?: string;
  defaultValue?: unknown;
  options?: string[];
  secret?: boolean;
  required?: boolean;
  readOnly?: boolean;
}

/** Keycloak's `AuthenticatorConfigInfoRepresentation`. */
export interface AuthenticatorConfigInfoRepresentation {
  name?: string;
  providerId?: string;
  helpText?: string;
  properties?: ConfigPropertyRepresentation[];
}

/** An entry of `GET authentication/authenticator-providers`. */
export interface AuthenticatorProviderRepresentation {
  id?: string;
  displayName?: string;
  description?: string;
}

/** Keycloak's `RequiredActionProviderRepresentation`. */
export interface RequiredActionProviderRepresentation {
  alias?: string;
  name?: string;
  providerId?: string;
  enabled?: boolean;
  defaultAction?: boolean;
  priority?: number;
  config?: Record<string, string>;
}
