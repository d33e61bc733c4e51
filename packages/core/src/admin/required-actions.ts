/** The required-actions API area (python-keycloak's required action methods). */
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import type { RequiredActionProviderRepresentation } from './representations/authentication.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const ACTIONS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/authentication/required-actions' };
const UPDATE_ACTION: AdminEndpoint = {
  method: 'PUT',
  path: 'admin/realms/{realm}/authentication/required-actions/{alias}',
};

/** The required-action methods of KeycloakAdmin. */
export function RequiredActionsArea<B extends AreaBase>(Base: B) {
  abstract class RequiredActionsArea extends Base {
    /** python-keycloak's `get_required_actions`: the realm's registered required actions in priority order. */
    async getRequiredActions(options: AdminCallOptions = {}): Promise<RequiredActionProviderRepresentation[]> {
      return this[REQUESTER].call(ACTIONS, options);
    }

    /** python-keycloak's `get_required_action_by_alias`: picked from the list, `undefined` when none has the alias. */
    async getRequiredActionByAlias(
      actionAlias: string,
      options: AdminCallOptions = {},
    ): Promise<RequiredActionProviderRepresentation | undefined> {
      const actions = await this[REQUESTER].call<RequiredActionProviderRepresentation[]>(ACTIONS, options);
      return actions.find((action) => action.alias === actionAlias);
    }

    /** python-keycloak's `update_required_action`: Keycloak sets every field from `payload` (send the whole action). */
    async updateRequiredAction(
      actionAlias: string,
      payload: RequiredActionProviderRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_ACTION, { ...options, params: { alias: actionAlias }, body: payload });
    }
  }
  return RequiredActionsArea;
}

/** The required-action methods KeycloakAdmin has. */
export type RequiredActionsApi = AreaMethods<typeof RequiredActionsArea>;
