import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { authenticationOf, sortRequiredActions } from '../../model/authentication.js';
import type { AuthenticationState, RequiredActionModel } from '../../model/authentication-types.js';
import { realmAdminRequest } from '../admin-context.js';
import { authenticationRequest } from './authentication-support.js';
import { errorMessage } from '../errors.js';
import { expectTypes, readJsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';

const prefix = '/admin/realms/{realm}/authentication/required-actions';

function actionOf(
  ctx: RequestContext,
  state: AuthenticationState,
  message = 'Failed to find required action',
): RequiredActionModel {
  const action = state.requiredActions.find((a) => a.alias === ctx.params['alias']);
  if (!action) throw errorMessage(404, message);
  return action;
}

const toRepresentation = (a: RequiredActionModel): object => ({ ...a, config: { ...a.config } });

// GET: view-realm, or a users admin who assigns required actions (requireViewRequiredActions).
async function listActions(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm() || perms.canQueryUsers());
  return { status: 200, body: authenticationOf(realm).requiredActions.map(toRepresentation) };
}

async function getAction(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'view');
  return { status: 200, body: toRepresentation(actionOf(ctx, state)) };
}

// PUT: every field from the body (missing booleans become false, as Jackson's primitives); the provider stays.
async function updateAction(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const action = actionOf(ctx, state);
  const body = await readJsonObject(ctx);
  expectTypes(body, {
    alias: 'string',
    name: 'string',
    enabled: 'boolean',
    defaultAction: 'boolean',
    priority: 'number',
    config: 'object',
  });
  action.alias = typeof body['alias'] === 'string' ? body['alias'] : action.alias;
  action.name = typeof body['name'] === 'string' ? body['name'] : action.name;
  action.enabled = body['enabled'] === true;
  action.defaultAction = body['defaultAction'] === true;
  action.priority = typeof body['priority'] === 'number' ? body['priority'] : 0;
  action.config = Object.fromEntries(
    Object.entries((body['config'] as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => [k, String(v)]),
  );
  sortRequiredActions(state);
  return { status: 204 };
}

async function deleteAction(ctx: RequestContext): Promise<Reply> {
  const { state } = await authenticationRequest(ctx, 'manage');
  const action = actionOf(ctx, state, 'Failed to find required action.');
  state.requiredActions = state.requiredActions.filter((a) => a !== action);
  return { status: 204 };
}

/** Required actions of the admin API. */
export const requiredActionRoutes: Route[] = [
  { method: 'GET', path: prefix, endpoint: 'admin', handler: listActions },
  { method: 'GET', path: `${prefix}/{alias}`, endpoint: 'admin', handler: getAction },
  { method: 'PUT', path: `${prefix}/{alias}`, endpoint: 'admin', handler: updateAction },
  { method: 'DELETE', path: `${prefix}/{alias}`, endpoint: 'admin', handler: deleteAction },
];
