/**
 * The components API area (python-keycloak's component, key and user-storage sync methods): its endpoints
 * declared over the one request helper, and the methods KeycloakAdmin takes on.
 */
import { KeycloakOperationError } from '../errors.js';
import { requesterOf } from './internal/requester-of.js';
import type { ComponentRepresentation, KeysMetadataRepresentation, SynchronizationResultRepresentation } from './representations/component.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const COMPONENTS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/components' };
const CREATE_COMPONENT: AdminEndpoint = { method: 'POST', path: 'admin/realms/{realm}/components', expectedStatus: [201] };
const COMPONENT: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/components/{id}' };
const UPDATE_COMPONENT: AdminEndpoint = { method: 'PUT', path: 'admin/realms/{realm}/components/{id}', expectedStatus: [204] };
const DELETE_COMPONENT: AdminEndpoint = { method: 'DELETE', path: 'admin/realms/{realm}/components/{id}', expectedStatus: [204] };
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
export const componentsApi = {
  /** python-keycloak's `get_components`, filtered by `query`. */
  async getComponents(this: object, query: ComponentQuery = {}, options: AdminCallOptions = {}): Promise<ComponentRepresentation[]> {
    return requesterOf(this).call(COMPONENTS, { ...options, query: { ...query } });
  },

  /**
   * python-keycloak's `create_component`: resolves to the new component's id. A key provider component
   * changes the realm's keys (a higher priority signs new tokens).
   */
  async createComponent(this: object, payload: ComponentRepresentation, options: AdminCallOptions = {}): Promise<string> {
    const id = await requesterOf(this).create(CREATE_COMPONENT, { ...options, body: payload });
    if (id === undefined) throw new KeycloakOperationError('Keycloak answered a creation without a Location', { code: 'ERR_INVALID_RESPONSE' });
    return id;
  },

  /** python-keycloak's `get_component` (secret config values come back as `**********`). */
  async getComponent(this: object, componentId: string, options: AdminCallOptions = {}): Promise<ComponentRepresentation> {
    return requesterOf(this).call(COMPONENT, { ...options, params: { id: componentId } });
  },

  /** python-keycloak's `update_component`; a `**********` secret sent back keeps the stored one. */
  async updateComponent(this: object, componentId: string, payload: ComponentRepresentation, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(UPDATE_COMPONENT, { ...options, params: { id: componentId }, body: payload });
  },

  /** python-keycloak's `delete_component`. */
  async deleteComponent(this: object, componentId: string, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(DELETE_COMPONENT, { ...options, params: { id: componentId } });
  },

  /** python-keycloak's `get_keys`: the realm's keys and the active kid per algorithm. */
  async getKeys(this: object, options: AdminCallOptions = {}): Promise<KeysMetadataRepresentation> {
    return requesterOf(this).call(KEYS, options);
  },

  /** python-keycloak's `sync_users`: runs a user storage provider's sync (`action` as query and body, as python-keycloak sends it). */
  async syncUsers(this: object, storageId: string, action: SyncAction, options: AdminCallOptions = {}): Promise<SynchronizationResultRepresentation> {
    return requesterOf(this).call(SYNC_USERS, { ...options, params: { id: storageId }, query: { action }, body: { action } });
  },
};

/** The component methods KeycloakAdmin has. */
export type ComponentsApi = typeof componentsApi;
