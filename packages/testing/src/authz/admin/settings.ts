import { cannotParseJson } from '../../admin/errors.js';
import { expectTypes, readJsonObject } from '../../admin/json-body.js';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { ResourceServerRepresentation } from '../representations.js';
import { exportAuthorizationSettings } from '../settings-export.js';
import { importAuthorizationSettings } from '../settings-import.js';
import { DECISION_STRATEGIES, ENFORCEMENT_MODES, type DecisionStrategy, type PolicyEnforcementMode } from '../types.js';
import { authzAdminRequest, missingNameConflict } from './context.js';
import { resourceServerView } from './views.js';

const RS = '/admin/realms/{realm}/clients/{client}/authz/resource-server';

async function getServer(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'view');
  return { status: 200, body: resourceServerView(server) };
}

function enumValue<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (!(allowed as readonly unknown[]).includes(value)) throw cannotParseJson();
  return value as T;
}

// ResourceServerService.update copies all three settings from the bound representation, whose Java defaults
// (false, ENFORCING, UNANIMOUS) stand in for fields left out.
async function updateServer(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'manage');
  const rep = await readJsonObject(ctx);
  expectTypes(rep, { allowRemoteResourceManagement: 'boolean' });
  // A representation without policyEnforcementMode breaks the store's not-null column: 409 conflict.
  if (rep['policyEnforcementMode'] === undefined || rep['policyEnforcementMode'] === null) missingNameConflict();
  const mode = enumValue<PolicyEnforcementMode>(rep['policyEnforcementMode'], ENFORCEMENT_MODES, 'ENFORCING');
  const strategy = enumValue<DecisionStrategy>(rep['decisionStrategy'], DECISION_STRATEGIES, 'UNANIMOUS');
  server.allowRemoteResourceManagement = rep['allowRemoteResourceManagement'] === true;
  server.policyEnforcementMode = mode;
  server.decisionStrategy = strategy;
  return { status: 204 };
}

async function importSettings(ctx: RequestContext): Promise<Reply> {
  const { realm, client } = await authzAdminRequest(ctx, 'manage');
  const rep = await readJsonObject(ctx);
  expectTypes(rep, { resources: 'array', policies: 'array', scopes: 'array' });
  importAuthorizationSettings(realm, client, rep as ResourceServerRepresentation, ctx.kernel.clock.now());
  return { status: 204 };
}

// The export needs manage rights, not just view (ResourceServerService.exportSettings). Keycloak 26.7.3 writes it
// without the ids of resources, policies and scopes, so it imports into any client.
async function exportSettings(ctx: RequestContext): Promise<Reply> {
  const { realm, server } = await authzAdminRequest(ctx, 'manage');
  const settings = exportAuthorizationSettings(realm, server);
  return {
    status: 200,
    body: {
      ...settings,
      resources: settings.resources?.map(({ _id: _ignored, ...r }) => r),
      policies: settings.policies?.map(({ id: _ignored, ...p }) => p),
      scopes: settings.scopes?.map(({ id: _ignored, ...s }) => s),
    },
  };
}

/** Resource-server settings, import and export. */
export const settingsAdminRoutes: Route[] = [
  { method: 'GET', path: RS, endpoint: 'admin', handler: getServer },
  { method: 'PUT', path: RS, endpoint: 'admin', handler: updateServer },
  { method: 'POST', path: `${RS}/import`, endpoint: 'admin', handler: importSettings },
  { method: 'GET', path: `${RS}/settings`, endpoint: 'admin', handler: exportSettings },
];
