/**
 * The authentication API area (python-keycloak's flow, execution and authenticator config methods): its
 * endpoints declared over the one request helper, and the area class KeycloakAdmin extends.
 */
import type { SkipExistsOptions } from './create-options.js';
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import type {
  AuthenticationExecutionInfoRepresentation,
  AuthenticationExecutionRepresentation,
  AuthenticationFlowRepresentation,
  AuthenticatorConfigInfoRepresentation,
  AuthenticatorConfigRepresentation,
  AuthenticatorProviderRepresentation,
} from './representations/authentication.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const BASE = 'admin/realms/{realm}/authentication';
const FLOWS: AdminEndpoint = { method: 'GET', path: `${BASE}/flows` };
const FLOW: AdminEndpoint = { method: 'GET', path: `${BASE}/flows/{id}` };
const CREATE_FLOW: AdminEndpoint = { method: 'POST', path: `${BASE}/flows`, expectedStatus: [201] };
const UPDATE_FLOW: AdminEndpoint = { method: 'PUT', path: `${BASE}/flows/{id}`, expectedStatus: [202, 204] };
const COPY_FLOW: AdminEndpoint = { method: 'POST', path: `${BASE}/flows/{alias}/copy`, expectedStatus: [201] };
const DELETE_FLOW: AdminEndpoint = { method: 'DELETE', path: `${BASE}/flows/{id}`, expectedStatus: [204] };
const FLOW_EXECUTIONS: AdminEndpoint = { method: 'GET', path: `${BASE}/flows/{alias}/executions` };
const UPDATE_FLOW_EXECUTIONS: AdminEndpoint = {
  method: 'PUT',
  path: `${BASE}/flows/{alias}/executions`,
  expectedStatus: [202, 204],
};
const ADD_EXECUTION: AdminEndpoint = {
  method: 'POST',
  path: `${BASE}/flows/{alias}/executions/execution`,
  expectedStatus: [201],
};
const ADD_SUBFLOW: AdminEndpoint = {
  method: 'POST',
  path: `${BASE}/flows/{alias}/executions/flow`,
  expectedStatus: [201],
};
const EXECUTION: AdminEndpoint = { method: 'GET', path: `${BASE}/executions/{id}` };
const DELETE_EXECUTION: AdminEndpoint = { method: 'DELETE', path: `${BASE}/executions/{id}`, expectedStatus: [204] };
const RAISE_PRIORITY: AdminEndpoint = {
  method: 'POST',
  path: `${BASE}/executions/{id}/raise-priority`,
  expectedStatus: [204],
};
const LOWER_PRIORITY: AdminEndpoint = {
  method: 'POST',
  path: `${BASE}/executions/{id}/lower-priority`,
  expectedStatus: [204],
};
const CREATE_EXECUTION_CONFIG: AdminEndpoint = {
  method: 'POST',
  path: `${BASE}/executions/{id}/config`,
  expectedStatus: [201],
};
const PROVIDERS: AdminEndpoint = { method: 'GET', path: `${BASE}/authenticator-providers` };
const CONFIG_DESCRIPTION: AdminEndpoint = { method: 'GET', path: `${BASE}/config-description/{providerId}` };
const CONFIG: AdminEndpoint = { method: 'GET', path: `${BASE}/config/{id}` };
const UPDATE_CONFIG: AdminEndpoint = { method: 'PUT', path: `${BASE}/config/{id}`, expectedStatus: [204] };
const DELETE_CONFIG: AdminEndpoint = { method: 'DELETE', path: `${BASE}/config/{id}`, expectedStatus: [204] };

/** What `createAuthenticationFlowExecution` sends: the authenticator's provider id. */
export interface NewExecutionPayload {
  provider: string;
}

/** What `createAuthenticationFlowSubflow` sends. */
export interface NewSubflowPayload {
  alias: string;
  /** `basic-flow` or `form-flow`. */
  type: string;
  /** The form's provider id, for a `form-flow`. */
  provider?: string;
  description?: string;
}

/** The authentication methods of KeycloakAdmin. */
export function AuthenticationArea<B extends AreaBase>(Base: B) {
  abstract class AuthenticationArea extends Base {
    /** python-keycloak's `get_authentication_flows`: the realm's top-level flows. */
    async getAuthenticationFlows(options: AdminCallOptions = {}): Promise<AuthenticationFlowRepresentation[]> {
      return this[REQUESTER].call(FLOWS, options);
    }

    /** python-keycloak's `get_authentication_flow_for_id`. @throws KeycloakGetError 404 for an unknown id. */
    async getAuthenticationFlowForId(
      flowId: string,
      options: AdminCallOptions = {},
    ): Promise<AuthenticationFlowRepresentation> {
      return this[REQUESTER].call(FLOW, { ...options, params: { id: flowId } });
    }

    /**
     * python-keycloak's `create_authentication_flow`: resolves to the new flow's id (from `Location`). With
     * `skipExists`, a flow of that alias already there resolves to its id instead of failing with 409.
     */
    async createAuthenticationFlow(
      payload: AuthenticationFlowRepresentation,
      options: SkipExistsOptions = {},
    ): Promise<string | undefined> {
      const { skipExists, ...call } = options;
      const id = await this[REQUESTER].create(CREATE_FLOW, { ...call, body: payload, skipExists });
      if (id !== undefined) return id;
      const flows = await this[REQUESTER].call<AuthenticationFlowRepresentation[]>(FLOWS, call);
      return flows.find((flow) => flow.alias === payload.alias)?.id;
    }

    /**
     * python-keycloak's `update_authentication_flow`. Keycloak 26.7 replaces the flow with the representation (send
     * `providerId`, or it answers 409) and answers 204 without a body; older ones answered the flow with 202.
     */
    async updateAuthenticationFlow(
      flowId: string,
      payload: AuthenticationFlowRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_FLOW, { ...options, params: { id: flowId }, body: payload });
    }

    /** python-keycloak's `copy_authentication_flow`: `payload` is `{ newName }`; Keycloak sends no Location. */
    async copyAuthenticationFlow(
      payload: { newName: string },
      flowAlias: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(COPY_FLOW, { ...options, params: { alias: flowAlias }, body: payload });
    }

    /** python-keycloak's `delete_authentication_flow`. @throws KeycloakDeleteError 400 for a built-in flow. */
    async deleteAuthenticationFlow(flowId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_FLOW, { ...options, params: { id: flowId } });
    }

    /** python-keycloak's `get_authentication_flow_executions`: the flow's executions, sub-flows inlined by level. */
    async getAuthenticationFlowExecutions(
      flowAlias: string,
      options: AdminCallOptions = {},
    ): Promise<AuthenticationExecutionInfoRepresentation[]> {
      return this[REQUESTER].call(FLOW_EXECUTIONS, { ...options, params: { alias: flowAlias } });
    }

    /** python-keycloak's `update_authentication_flow_executions`: a new requirement, or a sub-flow's name. */
    async updateAuthenticationFlowExecutions(
      payload: AuthenticationExecutionInfoRepresentation,
      flowAlias: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_FLOW_EXECUTIONS, { ...options, params: { alias: flowAlias }, body: payload });
    }

    /** python-keycloak's `get_authentication_flow_execution`. */
    async getAuthenticationFlowExecution(
      executionId: string,
      options: AdminCallOptions = {},
    ): Promise<AuthenticationExecutionRepresentation> {
      return this[REQUESTER].call(EXECUTION, { ...options, params: { id: executionId } });
    }

    /** python-keycloak's `create_authentication_flow_execution`: resolves to the new execution's id. */
    async createAuthenticationFlowExecution(
      payload: NewExecutionPayload,
      flowAlias: string,
      options: AdminCallOptions = {},
    ): Promise<string | undefined> {
      return this[REQUESTER].create(ADD_EXECUTION, { ...options, params: { alias: flowAlias }, body: payload });
    }

    /** python-keycloak's `delete_authentication_flow_execution` (a sub-flow's execution takes its flow along). */
    async deleteAuthenticationFlowExecution(executionId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_EXECUTION, { ...options, params: { id: executionId } });
    }

    /**
     * python-keycloak's `change_execution_priority`: moves the execution up (`diff` > 0) or down (`diff` < 0)
     * by `|diff|` places, one raise/lower call per place, in order.
     * @throws TypeError when `diff` is not an integer.
     */
    async changeExecutionPriority(executionId: string, diff: number, options: AdminCallOptions = {}): Promise<void> {
      if (!Number.isSafeInteger(diff)) throw new TypeError('diff must be an integer');
      const endpoint = diff > 0 ? RAISE_PRIORITY : LOWER_PRIORITY;
      for (let i = 0; i < Math.abs(diff); i++)
        await this[REQUESTER].call(endpoint, { ...options, params: { id: executionId }, body: {} });
    }

    /**
     * python-keycloak's `create_authentication_flow_subflow`: resolves to the new sub-flow's id; with
     * `skipExists`, an existing alias (409) resolves to `undefined`.
     */
    async createAuthenticationFlowSubflow(
      payload: NewSubflowPayload,
      flowAlias: string,
      options: SkipExistsOptions = {},
    ): Promise<string | undefined> {
      const { skipExists, ...call } = options;
      return this[REQUESTER].create(ADD_SUBFLOW, { ...call, params: { alias: flowAlias }, body: payload, skipExists });
    }

    /** python-keycloak's `get_authenticator_providers`. */
    async getAuthenticatorProviders(options: AdminCallOptions = {}): Promise<AuthenticatorProviderRepresentation[]> {
      return this[REQUESTER].call(PROVIDERS, options);
    }

    /** python-keycloak's `get_authenticator_provider_config_description`. */
    async getAuthenticatorProviderConfigDescription(
      providerId: string,
      options: AdminCallOptions = {},
    ): Promise<AuthenticatorConfigInfoRepresentation> {
      return this[REQUESTER].call(CONFIG_DESCRIPTION, { ...options, params: { providerId } });
    }

    /** python-keycloak's `get_authenticator_config`. */
    async getAuthenticatorConfig(
      configId: string,
      options: AdminCallOptions = {},
    ): Promise<AuthenticatorConfigRepresentation> {
      return this[REQUESTER].call(CONFIG, { ...options, params: { id: configId } });
    }

    /** python-keycloak's `create_execution_config`: resolves to the new config's id. */
    async createExecutionConfig(
      executionId: string,
      payload: AuthenticatorConfigRepresentation,
      options: AdminCallOptions = {},
    ): Promise<string | undefined> {
      return this[REQUESTER].create(CREATE_EXECUTION_CONFIG, {
        ...options,
        params: { id: executionId },
        body: payload,
      });
    }

    /** python-keycloak's `update_authenticator_config`. */
    async updateAuthenticatorConfig(
      payload: AuthenticatorConfigRepresentation,
      configId: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_CONFIG, { ...options, params: { id: configId }, body: payload });
    }

    /** python-keycloak's `delete_authenticator_config` (executions using it lose their config). */
    async deleteAuthenticatorConfig(configId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_CONFIG, { ...options, params: { id: configId } });
    }
  }
  return AuthenticationArea;
}

/** The authentication methods KeycloakAdmin has. */
export type AuthenticationApi = AreaMethods<typeof AuthenticationArea>;
