/** The required-actions API area (python-keycloak's required action methods). */
import { requesterOf } from './internal/requester-of.js';
import type { RequiredActionProviderRepresentation } from './representations/authentication.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const ACTIONS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/authentication/required-actions' };
const UPDATE_ACTION: AdminEndpoint = { method: 'PUT', path: 'admin/realms/{realm}/authentication/required-actions/{alias}' };

/** The required-action methods of KeycloakAdmin. */
export const requiredActionsApi = {
  /** python-keycloak's `get_required_actions`: the realm's registered required actions in priority order. */
  async getRequiredActions(this: object, options: AdminCallOptions = {}): Promise<RequiredActionProviderRepresentation[]> {
    return requesterOf(this).call(ACTIONS, options);
  },

  /** python-keycloak's `get_required_action_by_alias`: picked from the list, `undefined` when none has the alias. */
  async getRequiredActionByAlias(this: object, actionAlias: string, options: AdminCallOptions = {}): Promise<RequiredActionProviderRepresentation | undefined> {
    const actions = await requesterOf(this).call<RequiredActionProviderRepresentation[]>(ACTIONS, options);
    return actions.find((action) => action.alias === actionAlias);
  },

  /** python-keycloak's `update_required_action`: Keycloak sets every field from `payload` (send the whole action). */
  async updateRequiredAction(this: object, actionAlias: string, payload: RequiredActionProviderRepresentation, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(UPDATE_ACTION, { ...options, params: { alias: actionAlias }, body: payload });
  },
};

/** The required-action methods KeycloakAdmin has. */
export type RequiredActionsApi = typeof requiredActionsApi;
