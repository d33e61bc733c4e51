import { randomUUID } from 'node:crypto';
import type {
  AuthenticationFlowExport,
  AuthenticationState,
  AuthenticatorConfigExport,
  ExecutionExport,
  ExecutionModel,
  FlowModel,
  Requirement,
  RequiredActionExport,
} from './authentication-types.js';
import { DEFAULT_AUTHENTICATOR_CONFIGS, DEFAULT_FLOWS, DEFAULT_REQUIRED_ACTIONS } from './default-authentication.js';
import type { RealmModel } from './types.js';

const KEY = 'authentication';
const REQUIREMENTS = new Set<string>(['REQUIRED', 'CONDITIONAL', 'ALTERNATIVE', 'DISABLED']);

/** Whether a string is one of Keycloak's four requirements. */
export function isRequirement(value: unknown): value is Requirement {
  return typeof value === 'string' && REQUIREMENTS.has(value);
}

/** Parts of a realm representation that hold authentication; absent parts take the built-in defaults. */
export interface AuthenticationImport {
  authenticationFlows?: readonly AuthenticationFlowExport[];
  authenticatorConfig?: readonly AuthenticatorConfigExport[];
  requiredActions?: readonly RequiredActionExport[];
}

/**
 * Builds a realm's flows, configs and required actions from a representation's export form, as
 * RepresentationToModel.importAuthenticationFlows does: flows first, then executions resolving sub-flows and
 * configs by alias (an unknown alias is dropped rather than failing the import).
 */
export function importAuthentication(realm: RealmModel, rep: AuthenticationImport): AuthenticationState {
  const state: AuthenticationState = { flows: new Map(), executions: [], configs: new Map(), requiredActions: [] };
  for (const c of rep.authenticatorConfig ?? DEFAULT_AUTHENTICATOR_CONFIGS) {
    const id = c.id ?? randomUUID();
    state.configs.set(id, { id, alias: c.alias, config: { ...c.config } });
  }
  const flowReps = rep.authenticationFlows ?? DEFAULT_FLOWS;
  const byAlias = new Map<string, FlowModel>();
  for (const f of flowReps) {
    const flow: FlowModel = {
      id: f.id ?? randomUUID(),
      alias: f.alias,
      ...(f.description !== undefined ? { description: f.description } : {}),
      providerId: f.providerId ?? 'basic-flow',
      topLevel: f.topLevel ?? false,
      builtIn: f.builtIn ?? false,
    };
    state.flows.set(flow.id, flow);
    byAlias.set(flow.alias, flow);
  }
  const configId = (alias: string | undefined): string | undefined =>
    alias === undefined ? undefined : [...state.configs.values()].find((c) => c.alias === alias)?.id;
  for (const f of flowReps) {
    const parent = byAlias.get(f.alias);
    if (!parent) continue;
    for (const e of f.authenticationExecutions ?? [])
      state.executions.push(executionFromExport(parent.id, e, byAlias, configId));
  }
  for (const a of rep.requiredActions ?? DEFAULT_REQUIRED_ACTIONS) {
    state.requiredActions.push({
      alias: a.alias,
      name: a.name ?? a.alias,
      providerId: a.providerId ?? a.alias,
      enabled: a.enabled ?? true,
      defaultAction: a.defaultAction ?? false,
      priority: a.priority ?? 0,
      config: { ...a.config },
    });
  }
  sortRequiredActions(state);
  realm.extensions[KEY] = state;
  return state;
}

function executionFromExport(
  parentFlow: string,
  e: ExecutionExport,
  byAlias: Map<string, FlowModel>,
  configId: (alias: string | undefined) => string | undefined,
): ExecutionModel {
  const execution: ExecutionModel = {
    id: randomUUID(),
    parentFlow,
    authenticatorFlow: e.authenticatorFlow ?? e.autheticatorFlow ?? false,
    requirement: isRequirement(e.requirement) ? e.requirement : 'DISABLED',
    priority: e.priority ?? 0,
  };
  if (e.authenticator !== undefined) execution.authenticator = e.authenticator;
  const sub = e.flowAlias === undefined ? undefined : byAlias.get(e.flowAlias);
  if (sub) execution.flowId = sub.id;
  const config = configId(e.authenticatorConfig);
  if (config) execution.authenticatorConfig = config;
  return execution;
}

/** The realm's authentication state; a realm made before this module knew it gets the defaults. */
export function authenticationOf(realm: RealmModel): AuthenticationState {
  const existing = realm.extensions[KEY] as AuthenticationState | undefined;
  return existing ?? importAuthentication(realm, {});
}

/** A flow's executions in priority order (getAuthenticationExecutionsStream). */
export function executionsOf(state: AuthenticationState, flowId: string): ExecutionModel[] {
  return state.executions.filter((e) => e.parentFlow === flowId).sort((a, b) => a.priority - b.priority);
}

/** The flow with this alias. */
export function flowByAlias(state: AuthenticationState, alias: string): FlowModel | undefined {
  return [...state.flows.values()].find((f) => f.alias === alias);
}

/** Required actions in Keycloak's order: priority, then name. */
export function sortRequiredActions(state: AuthenticationState): void {
  state.requiredActions.sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
}

/** One flow in export form (AuthenticationFlowRepresentation), as `GET .../flows` and realm exports write it. */
export function flowToExport(state: AuthenticationState, flow: FlowModel): AuthenticationFlowExport {
  return {
    id: flow.id,
    alias: flow.alias,
    ...(flow.description !== undefined ? { description: flow.description } : {}),
    providerId: flow.providerId,
    topLevel: flow.topLevel,
    builtIn: flow.builtIn,
    authenticationExecutions: executionsOf(state, flow.id).map((e) => {
      const out: ExecutionExport = {};
      const config = e.authenticatorConfig === undefined ? undefined : state.configs.get(e.authenticatorConfig);
      if (config) out.authenticatorConfig = config.alias;
      if (e.authenticator !== undefined) out.authenticator = e.authenticator;
      out.authenticatorFlow = e.authenticatorFlow;
      out.requirement = e.requirement;
      out.priority = e.priority;
      out.autheticatorFlow = e.authenticatorFlow;
      const sub = e.flowId === undefined ? undefined : state.flows.get(e.flowId);
      if (sub) out.flowAlias = sub.alias;
      out.userSetupAllowed = false;
      return out;
    }),
  };
}

/** The realm representation's authentication parts, for `kc.sh export` and partial export. */
export function authenticationExport(realm: RealmModel): Required<AuthenticationImport> {
  const state = authenticationOf(realm);
  return {
    authenticationFlows: [...state.flows.values()]
      .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0))
      .map((f) => flowToExport(state, f)),
    authenticatorConfig: [...state.configs.values()].map((c) => ({
      id: c.id,
      alias: c.alias,
      config: { ...c.config },
    })),
    requiredActions: state.requiredActions.map((a) => ({ ...a, config: { ...a.config } })),
  };
}
