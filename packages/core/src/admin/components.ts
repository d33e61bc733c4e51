/**
 * The components API area (python-keycloak's component, key and user-storage sync methods): its endpoints
 * declared over the one request helper, and the area class KeycloakAdmin extends.
 */
import { KeycloakOperationError } from '../errors.js';
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import type {
  ComponentRepresentation,
  KeysMetadataRepresentation,
  SynchronizationResultRepresentation,
} from './representations/component.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const COMPONENTS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/components' };
const CREATE_COMPONENT: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/components',
  expectedStatus: [201],
};
const COMPONENT: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/components/{id}' };
const UPDATE_COMPONENT: AdminEndpoint = {
  method: 'PUT',
  path: 'admin/realms/{realm}/components/{id}',
  expectedStatus: [204],
};
const DELETE_COMPONENT: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/components/{id}',
  expectedStatus: [204],
};
const KEYS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/keys' };
const SYNC_USERS: AdminEndpoint = { method: 'POST', path: 'admin/realms/{realm}/user-storage/{id}/sync' };

/** Filters of `getComponents` (Keycloak's query parameters). */
export interface ComponentQuery {
  /** Id of the parent (the realm's id for realm components). */
  parent?: string;
  /** Provider type, e.g. `org.keycloak.keys.KeyProvider`. */
  type?: string;
  name?: string;
}

/** The user storage sync actions Keycloak knows. */
export type SyncAction = 'triggerFullSync' | 'triggerChangedUsersSync';

/** The component methods of KeycloakAdmin. */
export function ComponentsArea<B extends AreaBase>(Base: B) {
  abstract class ComponentsArea extends Base {
    /** python-keycloak's `get_components`, filtered by `query`. */
    async getComponents(
      query: ComponentQuery = {},
      options: AdminCallOptions = {},
    ): Promise<ComponentRepresentation[]> {
      return this[REQUESTER].call(COMPONENTS, { ...options, query: { ...query } });
    }

    /**
     * python-keycloak's `create_component`: resolves to the new component's id. A key provider component
     * changes the realm's keys (a higher priority signs new tokens).
     */
    async createComponent(payload: ComponentRepresentation, options: AdminCallOptions = {}): Promise<string> {
      const id = await this[REQUESTER].create(CREATE_COMPONENT, { ...options, body: payload });
      if (id === undefined)
        throw new KeycloakOperationError('Keycloak answered a creation without a Location', {
          code: 'ERR_INVALID_RESPONSE',
        });
      return id;
    }

    /** python-keycloak's `get_component` (secret config values come back as `**********`). */
    async getComponent(componentId: string, options: AdminCallOptions = {}): Promise<ComponentRepresentation> {
      return this[REQUESTER].call(COMPONENT, { ...options, params: { id: componentId } });
    }

    /** python-keycloak's `update_component`; a `**********` secret sent back keeps the stored one. */
    async updateComponent(
      componentId: string,
      payload: ComponentRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_COMPONENT, { ...options, params: { id: componentId }, body: payload });
    }

    /** python-keycloak's `delete_component`. */
    async deleteComponent(componentId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_COMPONENT, { ...options, params: { id: componentId } });
    }

    /** python-keycloak's `get_keys`: the realm's keys and the active kid per algorithm. */
    async getKeys(options: AdminCallOptions = {}): Promise<KeysMetadataRepresentation> {
      return this[REQUESTER].call(KEYS, options);
    }

    /** python-keycloak's `sync_users`: runs a user storage provider's sync (`action` as query and body, as python-keycloak sends it). */
    async syncUsers(
      storageId: string,
      action: SyncAction,
      options: AdminCallOptions = {},
    ): Promise<SynchronizationResultRepresentation> {
      return this[REQUESTER].call(SYNC_USERS, {
        ...options,
        params: { id: storageId },
        query: { action },
        body: { action },
      });
    }
  }
  return ComponentsArea;
}

/** The component methods KeycloakAdmin has. */
export type ComponentsApi = AreaMethods<typeof ComponentsArea>;
