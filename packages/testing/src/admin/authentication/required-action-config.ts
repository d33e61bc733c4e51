import type { RequestContext } from '../../http/context.js';
import { HttpError, type Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { sortRequiredActions } from '../../model/authentication.js';
import type { AuthenticationState, RequiredActionModel } from '../../model/authentication-types.js';
import { DEFAULT_REQUIRED_ACTIONS } from '../../model/default-authentication.js';
import { authenticationRequest, stringField } from './authentication-support.js';
import { REQUIRED_ACTION_CONFIG_PROPERTIES } from './required-action-providers.js';
import { errorMessage } from '../errors.js';
import { readJsonObject } from '../json-body.js';

/**
 * Required-action providers beyond the registered list (AuthenticationManagementResource): which providers are not
 * registered, registering one, moving one up or down, and the config of a configurable one.
 */

const base = '/admin/realms/{realm}/authentication';

function registered(state: AuthenticationState, alias: string | undefined): RequiredActionModel | undefined {
  return state.requiredActions.find((a) => a.alias === alias);
}

// GET unregistered-required-actions: the deployed providers no registered action uses, as {providerId, name}.
async function unregistered(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'view');
  const used = new Set(state.requiredActions.map((a) => a.providerId));
  const free = DEFAULT_REQUIRED_ACTIONS.filter((a) => !used.has(a.providerId ?? a.alias));
  return { status: 200, body: free.map((a) => ({ providerId: a.providerId ?? a.alias, name: a.name ?? a.alias })) };
}

// POST register-required-action {providerId, name}: enabled, after the last one (priority = last + 1).
async function register(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const body = await readJsonObject(ctx);
  const providerId = stringField(body, 'providerId');
  const provider = DEFAULT_REQUIRED_ACTIONS.find((a) => (a.providerId ?? a.alias) === providerId);
  if (providerId === undefined || !provider)
    throw errorMessage(400, 'Required Action Provider with given providerId not found');
  if (registered(state, providerId)) {
    throw new HttpError({
      status: 409,
      body: { error: 'conflict', error_description: 'A Required Action Provider with given alias already exists.' },
    });
  }
  const last = state.requiredActions.reduce((max, a) => Math.max(max, a.priority), 0);
  state.requiredActions.push({
    alias: providerId,
    name: stringField(body, 'name') ?? provider.name ?? providerId,
    providerId,
    enabled: true,
    defaultAction: false,
    priority: last + 1,
    config: {},
  });
  sortRequiredActions(state);
  return { status: 204 };
}

// raise-priority / lower-priority: swaps priorities with the neighbour in the sorted list.
function movePriority(direction: -1 | 1) {
  return async (ctx: RequestContext): Promise<Reply> => {
    const { state } = await authenticationRequest(ctx, 'manage');
    const action = registered(state, ctx.params['alias']);
    if (!action) throw errorMessage(404, 'Failed to find required action.');
    const neighbour = state.requiredActions[state.requiredActions.indexOf(action) + direction];
    if (neighbour) [action.priority, neighbour.priority] = [neighbour.priority, action.priority];
    sortRequiredActions(state);
    return { status: 204 };
  };
}

// GET required-actions/{alias}/config-description: the provider's properties; 404 for a provider without them.
async function configDescription(ctx: RequestContext): Promise<Reply> {
  await authenticationRequest(ctx, 'view');
  const properties = REQUIRED_ACTION_CONFIG_PROPERTIES[ctx.params['alias'] ?? ''];
  if (!properties) throw errorMessage(404, 'Could not find configurable RequiredAction provider');
  return { status: 200, body: { properties: properties.map((p) => ({ ...p })) } };
}

/** The registered, configurable action the path names; anything else is "not configurable" (400). */
function configurableAction(
  ctx: RequestContext,
  state: AuthenticationState,
): { action: RequiredActionModel; names: Set<string> } {
  const action = registered(state, ctx.params['alias']);
  const properties = action ? REQUIRED_ACTION_CONFIG_PROPERTIES[action.providerId] : undefined;
  if (!action || !properties) throw errorMessage(400, 'RequiredAction is not configurable');
  return { action, names: new Set(properties.map((p) => p.name)) };
}

async function getConfig(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'view');
  return { status: 200, body: { config: { ...configurableAction(ctx, state).action.config } } };
}

// PUT {config}: replaces the config with the provider's known keys; max_auth_age must be a number of seconds
// (RequiredActionFactory.validateConfig answers the field in error).
async function updateConfig(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const { action, names } = configurableAction(ctx, state);
  const body = await readJsonObject(ctx);
  const raw = body['config'] ?? {};
  const config: Record<string, string> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw)) if (names.has(key) && value !== null) config[key] = String(value);
  }
  const maxAge = config['max_auth_age'];
  if (maxAge !== undefined && !/^\d+$/.test(maxAge)) {
    throw new HttpError({
      status: 400,
      body: { field: 'max_auth_age', errorMessage: 'error-invalid-value', params: ['max_auth_age'] },
    });
  }
  action.config = config;
  return { status: 204 };
}

async function deleteConfig(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  configurableAction(ctx, state).action.config = {};
  return { status: 204 };
}

/** Required-action providers: registration, order and config. */
export const requiredActionConfigRoutes: Route[] = [
  { method: 'GET', path: `${base}/unregistered-required-actions`, endpoint: 'admin', handler: unregistered },
  { method: 'POST', path: `${base}/register-required-action`, endpoint: 'admin', handler: register },
  {
    method: 'POST',
    path: `${base}/required-actions/{alias}/raise-priority`,
    endpoint: 'admin',
    handler: movePriority(-1),
  },
  {
    method: 'POST',
    path: `${base}/required-actions/{alias}/lower-priority`,
    endpoint: 'admin',
    handler: movePriority(1),
  },
  {
    method: 'GET',
    path: `${base}/required-actions/{alias}/config-description`,
    endpoint: 'admin',
    handler: configDescription,
  },
  { method: 'GET', path: `${base}/required-actions/{alias}/config`, endpoint: 'admin', handler: getConfig },
  { method: 'PUT', path: `${base}/required-actions/{alias}/config`, endpoint: 'admin', handler: updateConfig },
  { method: 'DELETE', path: `${base}/required-actions/{alias}/config`, endpoint: 'admin', handler: deleteConfig },
];
