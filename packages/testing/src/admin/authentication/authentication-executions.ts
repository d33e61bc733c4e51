import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { executionsOf, isRequirement } from '../../model/authentication.js';
import type {
  AuthenticationState,
  AuthenticatorConfigModel,
  ExecutionModel,
} from '../../model/authentication-types.js';
import {
  authenticationRequest,
  deepDeleteExecution,
  executionModelBody,
  executionOf,
  nextPriority,
  parentFlowOf,
  stringField,
} from './authentication-support.js';
import {
  authenticatorProvider,
  kindForFlowType,
  providersOf,
  type AuthenticatorKind,
} from './authenticator-catalog.js';
import { cannotParseJson, errorMessage, errorResponse } from '../errors.js';
import { readJsonObject, type JsonObject } from '../json-body.js';

const prefix = '/admin/realms/{realm}/authentication';

async function getExecution(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  return { status: 200, body: executionModelBody(executionOf(ctx, state)) };
}

// POST /executions (AuthenticationExecutionRepresentation): the generic way to add an execution or sub-flow.
async function addExecution(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const body = await readJsonObject(ctx);
  const parentId = stringField(body, 'parentFlow');
  if (parentId === undefined) throw errorMessage(400, 'parent flow not set on new execution');
  const parent = state.flows.get(parentId);
  if (!parent) throw errorMessage(400, 'execution parent flow does not exist');
  if (parent.builtIn) throw errorMessage(400, 'It is illegal to add execution to a built in flow');
  const requirement = body['requirement'] ?? 'DISABLED';
  if (!isRequirement(requirement)) throw errorMessage(400, `Unknown requirement: ${String(requirement)}`);
  const authenticatorFlow = body['authenticatorFlow'] === true;
  const authenticator = stringField(body, 'authenticator');
  const flowId = stringField(body, 'flowId');
  if (!authenticatorFlow && authenticatorProvider(authenticator)?.kind !== kindForFlowType(parent.providerId)) {
    throw errorMessage(400, `No authentication provider found for id: ${authenticator}`);
  }
  if (authenticatorFlow && (flowId === undefined || !state.flows.has(flowId)))
    throw errorMessage(400, 'execution flow does not exist');
  const execution: ExecutionModel = {
    id: randomUUID(),
    parentFlow: parent.id,
    authenticatorFlow,
    requirement,
    priority: nextPriority(state, parent),
    ...(authenticator !== undefined ? { authenticator } : {}),
    ...(flowId !== undefined ? { flowId } : {}),
  };
  state.executions.push(execution);
  return { status: 201, headers: { location: `${ctx.baseUrl}${ctx.url.pathname.replace(/\/$/, '')}/${execution.id}` } };
}

async function deleteExecution(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const execution = executionOf(ctx, state);
  if (parentFlowOf(state, execution).builtIn)
    throw errorMessage(400, 'It is illegal to remove execution from a built in flow');
  deepDeleteExecution(state, execution);
  return { status: 204 };
}

// raise-priority / lower-priority: swaps priorities with the neighbour; the first (last) one stays put.
function movePriority(direction: -1 | 1) {
  return async (ctx: RequestContext): Promise<Reply> => {
    const { state } = await authenticationRequest(ctx, 'manage');
    const execution = executionOf(ctx, state);
    const parent = parentFlowOf(state, execution);
    if (parent.builtIn) throw errorMessage(400, 'It is illegal to modify execution in a built in flow');
    const siblings = executionsOf(state, parent.id);
    const neighbour = siblings[siblings.indexOf(execution) + direction];
    if (neighbour) [execution.priority, neighbour.priority] = [neighbour.priority, execution.priority];
    return { status: 204 };
  };
}

function configFromBody(body: JsonObject, id: string): AuthenticatorConfigModel {
  const config = body['config'] ?? {};
  if (typeof config !== 'object' || Array.isArray(config)) throw cannotParseJson();
  // RepresentationToModel.removeEmptyString: empty values are not stored.
  const entries = Object.entries(config as JsonObject)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => [k, String(v)]);
  return { id, alias: stringField(body, 'alias') ?? '', config: Object.fromEntries(entries) as Record<string, string> };
}

// POST /executions/{executionId}/config: a new config for the execution; Location ends with the config id.
async function addExecutionConfig(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const execution = executionOf(ctx, state);
  const body = await readJsonObject(ctx);
  if (!stringField(body, 'alias'))
    throw errorResponse(409, 'Failed to create authentication execution configuration with empty alias name');
  const config = configFromBody(body, randomUUID());
  state.configs.set(config.id, config);
  execution.authenticatorConfig = config.id;
  return { status: 201, headers: { location: `${ctx.baseUrl}${ctx.url.pathname.replace(/\/$/, '')}/${config.id}` } };
}

function configOf(ctx: RequestContext, state: AuthenticationState): AuthenticatorConfigModel {
  const config = state.configs.get(ctx.params['id'] ?? '');
  if (!config) throw errorMessage(404, 'Could not find authenticator config');
  return config;
}

async function getConfig(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'view');
  const config = configOf(ctx, state);
  return { status: 200, body: { id: config.id, alias: config.alias, config: { ...config.config } } };
}

async function updateConfig(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const existing = configOf(ctx, state);
  const updated = configFromBody(await readJsonObject(ctx), existing.id);
  existing.alias = updated.alias;
  existing.config = updated.config;
  return { status: 204 };
}

async function deleteConfig(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const config = configOf(ctx, state);
  for (const execution of state.executions)
    if (execution.authenticatorConfig === config.id) delete execution.authenticatorConfig;
  state.configs.delete(config.id);
  return { status: 204 };
}

// GET config-description/{providerId}: every factory but a form's describes itself, an empty property list included.
async function configDescription(ctx: RequestContext): Promise<Reply> {
  await authenticationRequest(ctx, 'view');
  const provider = authenticatorProvider(ctx.params['providerId']);
  if (!provider?.properties) throw errorMessage(404, 'Could not find authenticator provider');
  return {
    status: 200,
    body: {
      name: provider.displayName,
      providerId: provider.id,
      helpText: provider.description,
      properties: provider.properties.map((p) => ({ ...p })),
    },
  };
}

function listProviders(kind: AuthenticatorKind) {
  return async (ctx: RequestContext): Promise<Reply> => {
    await authenticationRequest(ctx, 'view');
    const rows = providersOf(kind).map((p) => ({
      id: p.id,
      displayName: p.displayName,
      description: p.description,
      ...(p.supportsSecret !== undefined ? { supportsSecret: p.supportsSecret } : {}),
    }));
    return { status: 200, body: rows };
  };
}

/** Executions, authenticator configs and provider lists (AuthenticationManagementResource, the rest). */
export const executionRoutes: Route[] = [
  { method: 'POST', path: `${prefix}/executions`, endpoint: 'admin', handler: addExecution },
  { method: 'GET', path: `${prefix}/executions/{executionId}`, endpoint: 'admin', handler: getExecution },
  { method: 'DELETE', path: `${prefix}/executions/{executionId}`, endpoint: 'admin', handler: deleteExecution },
  {
    method: 'POST',
    path: `${prefix}/executions/{executionId}/raise-priority`,
    endpoint: 'admin',
    handler: movePriority(-1),
  },
  {
    method: 'POST',
    path: `${prefix}/executions/{executionId}/lower-priority`,
    endpoint: 'admin',
    handler: movePriority(1),
  },
  { method: 'POST', path: `${prefix}/executions/{executionId}/config`, endpoint: 'admin', handler: addExecutionConfig },
  { method: 'GET', path: `${prefix}/config/{id}`, endpoint: 'admin', handler: getConfig },
  { method: 'PUT', path: `${prefix}/config/{id}`, endpoint: 'admin', handler: updateConfig },
  { method: 'DELETE', path: `${prefix}/config/{id}`, endpoint: 'admin', handler: deleteConfig },
  { method: 'GET', path: `${prefix}/config-description/{providerId}`, endpoint: 'admin', handler: configDescription },
  {
    method: 'GET',
    path: `${prefix}/authenticator-providers`,
    endpoint: 'admin',
    handler: listProviders('authenticator'),
  },
  {
    method: 'GET',
    path: `${prefix}/client-authenticator-providers`,
    endpoint: 'admin',
    handler: listProviders('client'),
  },
  { method: 'GET', path: `${prefix}/form-action-providers`, endpoint: 'admin', handler: listProviders('form-action') },
  { method: 'GET', path: `${prefix}/form-providers`, endpoint: 'admin', handler: listProviders('form') },
];
