/**
 * The realm maintenance area (python-keycloak's import/export, server info, cache clears and user profile
 * methods): its endpoints declared over the one request helper, and the area class KeycloakAdmin extends.
 */
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import type { RealmRepresentation } from './representations/realm.js';
import type { ServerInfoRepresentation, UPConfig } from './representations/user-profile.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const IMPORT_REALM: AdminEndpoint = { method: 'POST', path: 'admin/realms', expectedStatus: [201] };
const PARTIAL_IMPORT: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/partialImport',
  expectedStatus: [200],
};
const PARTIAL_EXPORT: AdminEndpoint = { method: 'POST', path: 'admin/realms/{realm}/partial-export' };
const SERVER_INFO: AdminEndpoint = { method: 'GET', path: 'admin/serverinfo' };
const CLEAR_KEYS_CACHE: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/clear-keys-cache',
  expectedStatus: [204],
};
const CLEAR_REALM_CACHE: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/clear-realm-cache',
  expectedStatus: [204],
};
const CLEAR_USER_CACHE: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/clear-user-cache',
  expectedStatus: [204],
};
const USERS_PROFILE: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/users/profile',
  expectedStatus: [200],
};
const UPDATE_USERS_PROFILE: AdminEndpoint = {
  method: 'PUT',
  path: 'admin/realms/{realm}/users/profile',
  expectedStatus: [200],
};

/** What `partialImportRealm` sends: the parts to import and what to do with existing ones. */
export interface PartialImportRepresentation extends RealmRepresentation {
  /** `FAIL` (default), `SKIP` or `OVERWRITE`. */
  ifResourceExists?: 'FAIL' | 'SKIP' | 'OVERWRITE';
}

/** What `partialImportRealm` answers. */
export interface PartialImportResult {
  overwritten?: number;
  added?: number;
  skipped?: number;
  results?: { action?: string; resourceType?: string; resourceName?: string; id?: string }[];
}

/** The realm maintenance methods of KeycloakAdmin. */
export function RealmMaintenanceArea<B extends AreaBase>(Base: B) {
  abstract class RealmMaintenanceArea extends Base {
    /** python-keycloak's `import_realm`: creates a realm from a full representation; resolves to its name. */
    async importRealm(payload: RealmRepresentation, options: AdminCallOptions = {}): Promise<string> {
      return (await this[REQUESTER].create(IMPORT_REALM, { ...options, body: payload })) ?? String(payload.realm);
    }

    /** python-keycloak's `partial_import_realm`: imports parts into `realmName` (not the current realm). */
    async partialImportRealm(
      realmName: string,
      payload: PartialImportRepresentation,
      options: AdminCallOptions = {},
    ): Promise<PartialImportResult> {
      return this[REQUESTER].call(PARTIAL_IMPORT, { ...options, params: { realm: realmName }, body: payload });
    }

    /** python-keycloak's `export_realm`: the current realm without users; clients, groups and roles on request. */
    async exportRealm(
      exportClients = false,
      exportGroupsAndRoles = false,
      options: AdminCallOptions = {},
    ): Promise<RealmRepresentation> {
      return this[REQUESTER].call(PARTIAL_EXPORT, { ...options, query: { exportClients, exportGroupsAndRoles } });
    }

    /** python-keycloak's `get_server_info`. */
    async getServerInfo(options: AdminCallOptions = {}): Promise<ServerInfoRepresentation> {
      return this[REQUESTER].call(SERVER_INFO, options);
    }

    /** python-keycloak's `clear_keys_cache`. */
    async clearKeysCache(options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(CLEAR_KEYS_CACHE, options);
    }

    /** python-keycloak's `clear_realm_cache`. */
    async clearRealmCache(options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(CLEAR_REALM_CACHE, options);
    }

    /** python-keycloak's `clear_user_cache`. */
    async clearUserCache(options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(CLEAR_USER_CACHE, options);
    }

    /** python-keycloak's `get_realm_users_profile`: the realm's user profile configuration. */
    async getRealmUsersProfile(options: AdminCallOptions = {}): Promise<UPConfig> {
      return this[REQUESTER].call(USERS_PROFILE, options);
    }

    /** python-keycloak's `update_realm_users_profile`: replaces the configuration; resolves to it as stored. */
    async updateRealmUsersProfile(payload: UPConfig, options: AdminCallOptions = {}): Promise<UPConfig> {
      return this[REQUESTER].call(UPDATE_USERS_PROFILE, { ...options, body: payload });
    }
  }
  return RealmMaintenanceArea;
}

/** The realm maintenance methods KeycloakAdmin has. */
export type RealmMaintenanceApi = AreaMethods<typeof RealmMaintenanceArea>;
