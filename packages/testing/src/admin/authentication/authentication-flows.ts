import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import { HttpError, type Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { executionsOf, flowByAlias, flowToExport, isRequirement } from '../../model/authentication.js';
import type { AuthenticationState, FlowModel } from '../../model/authentication-types.js';
import { realmAdminRequest } from '../admin-context.js';
import {
  authenticationRequest,
  deepDeleteFlow,
  executionInfos,
  illegalExecution,
  nextPriority,
  stringField,
} from './authentication-support.js';
import { authenticatorProvider, kindForFlowType } from './authenticator-catalog.js';
import { cannotParseJson, errorMessage, errorResponse } from '../errors.js';
import { readJsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { authenticationOf } from '../../model/authentication.js';

const base = (ctx: RequestContext): string =>
  `${ctx.baseUrl}/admin/realms/${encodeURIComponent(ctx.params['realm'] ?? '')}/authentication`;

const optionalDescription = (description: string | undefined): { description?: string } =>
  description === undefined ? {} : { description };

function flowById(ctx: RequestContext, state: AuthenticationState, message: string): FlowModel {
  const flow = state.flows.get(ctx.params['id'] ?? '');
  if (!flow) throw errorMessage(404, message);
  return flow;
}

// GET /flows: top-level flows except SAML ECP, for view-realm or a client admin (requireViewAuthenticationFlows).
async function listFlows(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm() || perms.canViewClients());
  const state = authenticationOf(realm);
  const flows = [...state.flows.values()].filter((f) => f.topLevel && f.alias !== 'saml ecp');
  return { status: 200, body: flows.map((f) => flowToExport(state, f)) };
}

async function createFlow(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const body = await readJsonObject(ctx);
  const alias = stringField(body, 'alias');
  if (!alias) throw errorResponse(409, 'Failed to create flow with empty alias name');
  if (flowByAlias(state, alias)) throw errorResponse(409, `Flow ${alias} already exists`);
  const flow: FlowModel = {
    id: randomUUID(),
    alias,
    ...optionalDescription(stringField(body, 'description')),
    providerId: stringField(body, 'providerId') ?? 'basic-flow',
    topLevel: body['topLevel'] === true,
    builtIn: body['builtIn'] === true,
  };
  state.flows.set(flow.id, flow);
  return { status: 201, headers: { location: `${base(ctx)}/flows/${flow.id}` } };
}

async function getFlow(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'view');
  return { status: 200, body: flowToExport(state, flowById(ctx, state, 'Could not find flow with id')) };
}

// PUT /flows/{id}: the representation replaces the flow (alias, description, providerId, topLevel, builtIn); 204.
// A body without providerId breaks the store's not-null column, which Keycloak answers as a 409 conflict.
async function updateFlow(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const flow = flowById(ctx, state, 'Could not find flow with id');
  const body = await readJsonObject(ctx);
  const alias = stringField(body, 'alias');
  if (!alias) throw errorResponse(409, 'Failed to update flow with empty alias name');
  if (alias !== flow.alias && flowByAlias(state, alias)) throw errorResponse(409, 'Flow alias name already exists');
  const providerId = stringField(body, 'providerId');
  if (providerId === undefined)
    throw new HttpError({ status: 409, body: { error: 'conflict', error_description: 'Duplicate resource error' } });
  flow.alias = alias;
  const description = stringField(body, 'description');
  if (description === undefined) delete flow.description;
  else flow.description = description;
  flow.providerId = providerId;
  flow.topLevel = body['topLevel'] === true;
  flow.builtIn = body['builtIn'] === true;
  return { status: 204 };
}

async function deleteFlow(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const flow = flowById(ctx, state, 'Flow not found');
  if (flow.builtIn) throw errorMessage(400, "Can't delete built in flow");
  deepDeleteFlow(state, flow);
  return { status: 204 };
}

function copyInto(state: AuthenticationState, from: FlowModel, to: FlowModel, newName: string): void {
  for (const execution of executionsOf(state, from.id)) {
    const copy = { ...execution, id: randomUUID(), parentFlow: to.id };
    const sub = execution.flowId === undefined ? undefined : state.flows.get(execution.flowId);
    if (execution.authenticatorFlow && sub) {
      const subCopy: FlowModel = {
        ...sub,
        id: randomUUID(),
        alias: `${newName} ${sub.alias}`,
        builtIn: false,
        topLevel: false,
      };
      state.flows.set(subCopy.id, subCopy);
      copy.flowId = subCopy.id;
      copyInto(state, sub, subCopy, newName);
    }
    const config =
      execution.authenticatorConfig === undefined ? undefined : state.configs.get(execution.authenticatorConfig);
    if (config) {
      const configCopy = { id: randomUUID(), alias: `${newName} ${config.alias}`, config: { ...config.config } };
      state.configs.set(configCopy.id, configCopy);
      copy.authenticatorConfig = configCopy.id;
    }
    state.executions.push(copy);
  }
}

// POST /flows/{flowAlias}/copy {"newName"}: a deep copy, not built in; 201 with the copy's id appended to the
// request path as Location. A taken name answers 409 before an unknown flow's 404, as Keycloak checks them.
async function copyFlow(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const body = await readJsonObject(ctx);
  const newName = stringField(body, 'newName');
  if (newName !== undefined && flowByAlias(state, newName))
    throw errorResponse(409, 'New flow alias name already exists');
  const flow = flowByAlias(state, ctx.params['flowAlias'] ?? '');
  if (!flow) throw errorMessage(404, 'Flow not found');
  // Keycloak would store a flow without alias here; refusing it keeps every flow addressable.
  if (!newName) throw cannotParseJson();
  const copy: FlowModel = { ...flow, id: randomUUID(), alias: newName, builtIn: false };
  state.flows.set(copy.id, copy);
  copyInto(state, flow, copy, newName);
  return { status: 201, headers: { location: `${ctx.baseUrl}${ctx.url.pathname.replace(/\/$/, '')}/${copy.id}` } };
}

async function listExecutions(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'view');
  const flow = flowByAlias(state, ctx.params['flowAlias'] ?? '');
  if (!flow) throw errorMessage(404, 'Flow not found');
  return { status: 200, body: executionInfos(state, flow) };
}

// PUT /flows/{flowAlias}/executions: a new requirement, or a sub-flow's new name and description; 204.
async function updateExecutions(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const flow = flowByAlias(state, ctx.params['flowAlias'] ?? '');
  if (!flow) throw errorMessage(404, 'flow not found');
  const body = await readJsonObject(ctx);
  const execution = state.executions.find((e) => e.id === body['id']);
  if (!execution) throw illegalExecution();
  const requirement = body['requirement'];
  if (requirement !== undefined && requirement !== execution.requirement) {
    // Keycloak's Requirement.valueOf fails with a 500 on an unknown name; a clear 400 says what is wrong.
    if (!isRequirement(requirement)) throw errorMessage(400, `Unknown requirement: ${String(requirement)}`);
    execution.requirement = requirement;
    return { status: 204 };
  }
  if (body['authenticationFlow'] === undefined || body['authenticationFlow'] === null) return { status: 204 };
  const sub = state.flows.get(String(body['flowId']));
  if (!sub) throw illegalExecution();
  const displayName = stringField(body, 'displayName');
  if (displayName !== undefined && displayName !== sub.alias) {
    if (flowByAlias(state, displayName)) throw errorResponse(409, 'Flow alias name already exists');
    sub.alias = displayName;
  }
  const description = stringField(body, 'description');
  if (description !== undefined) sub.description = description;
  return { status: 204 };
}

function editableParent(state: AuthenticationState, alias: string, what: 'execution' | 'sub-flow'): FlowModel {
  const parent = flowByAlias(state, alias);
  if (!parent)
    throw what === 'execution'
      ? errorMessage(400, "Parent flow doesn't exist")
      : errorResponse(400, "Parent flow doesn't exist");
  if (parent.builtIn) throw errorMessage(400, `It is illegal to add ${what} to a built in flow`);
  return parent;
}

// POST /flows/{flowAlias}/executions/execution {"provider"}: the provider must fit the flow's type.
async function addExecution(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const body = await readJsonObject(ctx);
  const parent = editableParent(state, ctx.params['flowAlias'] ?? '', 'execution');
  const providerId = stringField(body, 'provider');
  const provider = authenticatorProvider(providerId);
  if (!provider || provider.kind !== kindForFlowType(parent.providerId))
    throw errorMessage(400, `No authentication provider found for id: ${providerId}`);
  const execution = {
    id: randomUUID(),
    parentFlow: parent.id,
    authenticator: provider.id,
    authenticatorFlow: false,
    requirement:
      provider.requirementChoices.length === 1 ? (provider.requirementChoices[0] ?? 'DISABLED') : ('DISABLED' as const),
    priority: nextPriority(state, parent),
  };
  state.executions.push(execution);
  return { status: 201, headers: { location: `${base(ctx)}/executions/${execution.id}` } };
}

// POST /flows/{flowAlias}/executions/flow {"alias","type","provider","description"}: a DISABLED sub-flow.
async function addSubFlow(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const body = await readJsonObject(ctx);
  const parent = editableParent(state, ctx.params['flowAlias'] ?? '', 'sub-flow');
  const alias = stringField(body, 'alias');
  const type = stringField(body, 'type') ?? 'basic-flow';
  if (!alias) throw errorResponse(400, 'Flow alias is required');
  if (flowByAlias(state, alias)) throw errorResponse(409, 'New flow alias name already exists');
  const flow: FlowModel = {
    id: randomUUID(),
    alias,
    description: stringField(body, 'description') ?? '',
    providerId: type,
    topLevel: false,
    builtIn: false,
  };
  state.flows.set(flow.id, flow);
  const provider = stringField(body, 'provider');
  state.executions.push({
    id: randomUUID(),
    parentFlow: parent.id,
    flowId: flow.id,
    authenticatorFlow: true,
    requirement: 'DISABLED',
    priority: nextPriority(state, parent),
    ...(type === 'form-flow' && provider !== undefined ? { authenticator: provider } : {}),
  });
  return { status: 201, headers: { location: `${base(ctx)}/flows/${flow.id}` } };
}

/** Authentication flows of the admin API (AuthenticationManagementResource, flow part). */
export const flowRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/authentication/flows', endpoint: 'admin', handler: listFlows },
  { method: 'POST', path: '/admin/realms/{realm}/authentication/flows', endpoint: 'admin', handler: createFlow },
  {
    method: 'POST',
    path: '/admin/realms/{realm}/authentication/flows/{flowAlias}/copy',
    endpoint: 'admin',
    handler: copyFlow,
  },
  {
    method: 'GET',
    path: '/admin/realms/{realm}/authentication/flows/{flowAlias}/executions',
    endpoint: 'admin',
    handler: listExecutions,
  },
  {
    method: 'PUT',
    path: '/admin/realms/{realm}/authentication/flows/{flowAlias}/executions',
    endpoint: 'admin',
    handler: updateExecutions,
  },
  {
    method: 'POST',
    path: '/admin/realms/{realm}/authentication/flows/{flowAlias}/executions/execution',
    endpoint: 'admin',
    handler: addExecution,
  },
  {
    method: 'POST',
    path: '/admin/realms/{realm}/authentication/flows/{flowAlias}/executions/flow',
    endpoint: 'admin',
    handler: addSubFlow,
  },
  { method: 'GET', path: '/admin/realms/{realm}/authentication/flows/{id}', endpoint: 'admin', handler: getFlow },
  { method: 'PUT', path: '/admin/realms/{realm}/authentication/flows/{id}', endpoint: 'admin', handler: updateFlow },
  { method: 'DELETE', path: '/admin/realms/{realm}/authentication/flows/{id}', endpoint: 'admin', handler: deleteFlow },
];
