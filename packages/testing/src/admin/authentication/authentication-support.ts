import type { RequestContext } from '../../http/context.js';
import { HttpError } from '../../http/http-error.js';
import { authenticationOf, executionsOf } from '../../model/authentication.js';
import type { AuthenticationState, ExecutionModel, FlowModel } from '../../model/authentication-types.js';
import { realmAdminRequest, type RealmAdminRequest } from '../admin-context.js';
import { authenticatorProvider } from './authenticator-catalog.js';
import { errorMessage } from '../errors.js';
import type { JsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';

/** An admin request on a realm's authentication settings, with the right it needs already checked. */
export interface AuthenticationRequest extends RealmAdminRequest {
  state: AuthenticationState;
}

/** Resolves the realm and checks view-realm (`view`) or manage-realm (`manage`), as requireViewRealm/requireManageRealm. */
export async function authenticationRequest(
  ctx: RequestContext,
  right: 'view' | 'manage',
): Promise<AuthenticationRequest> {
  const request = await realmAdminRequest(ctx);
  allowIf(right === 'view' ? request.perms.canViewRealm() : request.perms.canManageRealm());
  return { ...request, state: authenticationOf(request.realm) };
}

/** NotFoundException("Illegal execution"), Keycloak's answer for an unknown execution id. */
export const illegalExecution = (): HttpError => errorMessage(404, 'Illegal execution');

/** The execution with the path's `{executionId}`, or 404. */
export function executionOf(ctx: RequestContext, state: AuthenticationState): ExecutionModel {
  const found = state.executions.find((e) => e.id === ctx.params['executionId']);
  if (!found) throw illegalExecution();
  return found;
}

/** The flow an execution belongs to (getParentFlow). */
export function parentFlowOf(state: AuthenticationState, execution: ExecutionModel): FlowModel {
  const parent = state.flows.get(execution.parentFlow);
  if (!parent) throw errorMessage(400, 'execution parent flow does not exist');
  return parent;
}

/** The priority after the flow's last execution (getNextPriority). */
export function nextPriority(state: AuthenticationState, flow: FlowModel): number {
  const last = executionsOf(state, flow.id).at(-1);
  return last ? last.priority + 1 : 0;
}

/** A string field of a `Map<String, String>` body; a non-string value cannot bind. */
export function stringField(body: JsonObject, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new HttpError({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Cannot parse the JSON' },
    });
  return value;
}

/**
 * Removes an execution and, for a sub-flow, the flow beneath it with all its executions
 * (KeycloakModelUtils.deepDeleteAuthenticationExecutor).
 */
export function deepDeleteExecution(state: AuthenticationState, execution: ExecutionModel): void {
  state.executions = state.executions.filter((e) => e !== execution);
  if (
    execution.authenticatorConfig !== undefined &&
    !state.executions.some((e) => e.authenticatorConfig === execution.authenticatorConfig)
  ) {
    state.configs.delete(execution.authenticatorConfig);
  }
  const sub = execution.flowId === undefined ? undefined : state.flows.get(execution.flowId);
  if (sub) deepDeleteFlow(state, sub);
}

/** Removes a flow with its executions and sub-flows (KeycloakModelUtils.deepDeleteAuthenticationFlow). */
export function deepDeleteFlow(state: AuthenticationState, flow: FlowModel): void {
  for (const execution of executionsOf(state, flow.id)) deepDeleteExecution(state, execution);
  state.flows.delete(flow.id);
}

/** AuthenticationExecutionInfoRepresentation of a flow's executions, sub-flows inlined below their execution. */
export function executionInfos(state: AuthenticationState, flow: FlowModel, level = 0): JsonObject[] {
  const out: JsonObject[] = [];
  executionsOf(state, flow.id).forEach((execution, index) => {
    const common = { id: execution.id, requirement: execution.requirement, level, index, priority: execution.priority };
    const sub = execution.flowId === undefined ? undefined : state.flows.get(execution.flowId);
    if (execution.authenticatorFlow && sub) {
      const choices =
        sub.providerId === 'form-flow'
          ? ['REQUIRED', 'DISABLED']
          : sub.providerId === 'client-flow'
            ? ['ALTERNATIVE', 'REQUIRED', 'DISABLED']
            : ['REQUIRED', 'ALTERNATIVE', 'DISABLED', 'CONDITIONAL'];
      out.push({
        ...common,
        displayName: sub.alias,
        ...(sub.description !== undefined ? { description: sub.description } : {}),
        requirementChoices: choices,
        configurable: false,
        authenticationFlow: true,
        ...(sub.providerId === 'form-flow' && execution.authenticator !== undefined
          ? { providerId: execution.authenticator }
          : {}),
        flowId: sub.id,
      });
      out.push(...executionInfos(state, sub, level + 1));
      return;
    }
    // AuthenticationManagementResource.recurseExecutions: an authenticator's row has no description; the config
    // alias shows only where the factory is configurable.
    const provider = authenticatorProvider(execution.authenticator);
    const configurable = provider?.configurable === true;
    const config =
      execution.authenticatorConfig === undefined ? undefined : state.configs.get(execution.authenticatorConfig);
    out.push({
      ...common,
      displayName: provider?.displayName ?? execution.authenticator,
      ...(configurable && config ? { alias: config.alias } : {}),
      requirementChoices: [...(provider?.requirementChoices ?? ['REQUIRED', 'ALTERNATIVE', 'DISABLED'])],
      configurable,
      providerId: execution.authenticator,
      ...(execution.authenticatorConfig !== undefined ? { authenticationConfig: execution.authenticatorConfig } : {}),
    });
  });
  return out;
}

/** AuthenticationExecutionRepresentation (GET /executions/{id}), with the misspelt `autheticatorFlow` Keycloak keeps. */
export function executionModelBody(execution: ExecutionModel): JsonObject {
  return {
    id: execution.id,
    ...(execution.authenticator !== undefined ? { authenticator: execution.authenticator } : {}),
    ...(execution.authenticatorConfig !== undefined ? { authenticatorConfig: execution.authenticatorConfig } : {}),
    ...(execution.flowId !== undefined ? { flowId: execution.flowId } : {}),
    authenticatorFlow: execution.authenticatorFlow,
    autheticatorFlow: execution.authenticatorFlow,
    requirement: execution.requirement,
    priority: execution.priority,
    parentFlow: execution.parentFlow,
  };
}
