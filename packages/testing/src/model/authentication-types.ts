/**
 * Authentication flows, executions, authenticator configs and required actions of a realm, as Keycloak's
 * RealmModel holds them (AuthenticationFlowModel, AuthenticationExecutionModel, ...), and their export forms.
 */

/** An execution's requirement. */
export type Requirement = 'REQUIRED' | 'CONDITIONAL' | 'ALTERNATIVE' | 'DISABLED';

/** AuthenticationFlowModel. */
export interface FlowModel {
  id: string;
  alias: string;
  /** Absent when the flow was made without one (Keycloak keeps null). */
  description?: string;
  /** `basic-flow`, `form-flow` or `client-flow`. */
  providerId: string;
  topLevel: boolean;
  builtIn: boolean;
}

/** AuthenticationExecutionModel: one step of a flow, an authenticator or a sub-flow (`flowId`). */
export interface ExecutionModel {
  id: string;
  /** Id of the flow this execution belongs to. */
  parentFlow: string;
  authenticator?: string;
  /** Id of the authenticator config. */
  authenticatorConfig?: string;
  authenticatorFlow: boolean;
  /** Id of the sub-flow when `authenticatorFlow`. */
  flowId?: string;
  requirement: Requirement;
  priority: number;
}

/** AuthenticatorConfigModel. */
export interface AuthenticatorConfigModel {
  id: string;
  alias: string;
  config: Record<string, string>;
}

/** RequiredActionProviderModel. */
export interface RequiredActionModel {
  alias: string;
  name: string;
  providerId: string;
  enabled: boolean;
  defaultAction: boolean;
  priority: number;
  config: Record<string, string>;
}

/** Everything about authentication a realm holds. */
export interface AuthenticationState {
  flows: Map<string, FlowModel>;
  executions: ExecutionModel[];
  configs: Map<string, AuthenticatorConfigModel>;
  requiredActions: RequiredActionModel[];
}

/** AuthenticationExecutionExportRepresentation (the misspelt `autheticatorFlow` is accepted on import). */
export interface ExecutionExport {
  authenticator?: string;
  /** Alias of the authenticator config. */
  authenticatorConfig?: string;
  authenticatorFlow?: boolean;
  autheticatorFlow?: boolean;
  flowAlias?: string;
  requirement?: string;
  priority?: number;
  userSetupAllowed?: boolean;
}

/** AuthenticationFlowRepresentation as realm exports and `GET .../flows` write it. */
export interface AuthenticationFlowExport {
  id?: string;
  alias: string;
  description?: string;
  providerId?: string;
  topLevel?: boolean;
  builtIn?: boolean;
  authenticationExecutions?: ExecutionExport[];
}

/** AuthenticatorConfigRepresentation. */
export interface AuthenticatorConfigExport {
  id?: string;
  alias: string;
  config?: Record<string, string>;
}

/** RequiredActionProviderRepresentation. */
export interface RequiredActionExport {
  alias: string;
  name?: string;
  providerId?: string;
  enabled?: boolean;
  defaultAction?: boolean;
  priority?: number;
  config?: Record<string, string>;
}
