/**
 * The realms API area (python-keycloak's realm methods): its endpoints declared over the one request
 * helper, and the area class KeycloakAdmin extends.
 */
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import type { RealmRepresentation } from './representations/realm.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const REALMS: AdminEndpoint = { method: 'GET', path: 'admin/realms' };
const REALM: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}', expectedStatus: [200] };
const CREATE_REALM: AdminEndpoint = { method: 'POST', path: 'admin/realms', expectedStatus: [201] };
const UPDATE_REALM: AdminEndpoint = { method: 'PUT', path: 'admin/realms/{realm}', expectedStatus: [204] };
const DELETE_REALM: AdminEndpoint = { method: 'DELETE', path: 'admin/realms/{realm}', expectedStatus: [204] };

/** Options of {@link KeycloakAdmin.createRealm}. */
export interface CreateRealmOptions extends AdminCallOptions {
  /** A realm of that name already existing (409) is not an error. Default `false`. */
  skipExists?: boolean;
}

/** The realm methods of KeycloakAdmin. */
export function RealmsArea<B extends AreaBase>(Base: B) {
  abstract class RealmsArea extends Base {
    /** python-keycloak's `get_realms`: every realm the admin may see. */
    async getRealms(options: AdminCallOptions = {}): Promise<RealmRepresentation[]> {
      return this[REQUESTER].call<RealmRepresentation[]>(REALMS, options);
    }

    /**
     * python-keycloak's `get_realm`.
     * @throws KeycloakGetError with status 404 when there is no such realm.
     */
    async getRealm(realmName: string, options: AdminCallOptions = {}): Promise<RealmRepresentation> {
      return this[REQUESTER].call<RealmRepresentation>(REALM, { ...options, params: { realm: realmName } });
    }

    /**
     * python-keycloak's `create_realm`. Resolves to the realm's name (from the `Location` header; with
     * `skipExists`, the payload's name when it already existed).
     * @throws KeycloakPostError with status 409 when the realm exists and `skipExists` is not set.
     */
    async createRealm(payload: RealmRepresentation, options: CreateRealmOptions = {}): Promise<string> {
      const { skipExists, ...call } = options;
      const name = await this[REQUESTER].create(CREATE_REALM, { ...call, body: payload, skipExists });
      return name ?? String(payload.realm);
    }

    /** python-keycloak's `update_realm` (a partial representation changes only the fields it has). */
    async updateRealm(realmName: string, payload: RealmRepresentation, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(UPDATE_REALM, { ...options, params: { realm: realmName }, body: payload });
    }

    /** python-keycloak's `delete_realm`. */
    async deleteRealm(realmName: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_REALM, { ...options, params: { realm: realmName } });
    }
  }
  return RealmsArea;
}

/** The realm methods KeycloakAdmin has. */
export type RealmsApi = AreaMethods<typeof RealmsArea>;
