/**
 * The client-scopes API area (python-keycloak's client-scope methods): the realm's client scopes,
 * their protocol mappers, and the realm's default and optional scopes for new clients. A client's own
 * scope links are in clients.ts.
 */
import { KeycloakOperationError } from '../errors.js';
import type { SkipExistsOptions } from './create-options.js';
import { createOrFind } from './internal/create-or-find.js';
import { type AdminArea, REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import type { ClientScopeRepresentation, ProtocolMapperRepresentation } from './representations/client-scope.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const SCOPES = 'admin/realms/{realm}/client-scopes';
const SCOPE = `${SCOPES}/{scope}`;
const MAPPERS = `${SCOPE}/protocol-mappers/models`;

const GET_SCOPES: AdminEndpoint = { method: 'GET', path: SCOPES };
const CREATE_SCOPE: AdminEndpoint = { method: 'POST', path: SCOPES, expectedStatus: [201] };
const GET_SCOPE: AdminEndpoint = { method: 'GET', path: SCOPE };
const UPDATE_SCOPE: AdminEndpoint = { method: 'PUT', path: SCOPE, expectedStatus: [204] };
const DELETE_SCOPE: AdminEndpoint = { method: 'DELETE', path: SCOPE, expectedStatus: [204] };
const GET_MAPPERS: AdminEndpoint = { method: 'GET', path: MAPPERS, expectedStatus: [200] };
const ADD_MAPPER: AdminEndpoint = { method: 'POST', path: MAPPERS, expectedStatus: [201] };
const UPDATE_MAPPER: AdminEndpoint = { method: 'PUT', path: `${MAPPERS}/{mapper}`, expectedStatus: [204] };
const DELETE_MAPPER: AdminEndpoint = { method: 'DELETE', path: `${MAPPERS}/{mapper}`, expectedStatus: [204] };

/** The endpoints of the realm's `default` or `optional` scopes for new clients. */
function realmDefaults(kind: 'default' | 'optional'): {
  list: AdminEndpoint;
  add: AdminEndpoint;
  remove: AdminEndpoint;
} {
  const path = `admin/realms/{realm}/default-${kind}-client-scopes`;
  return {
    list: { method: 'GET', path },
    add: { method: 'PUT', path: `${path}/{scope}`, expectedStatus: [204] },
    remove: { method: 'DELETE', path: `${path}/{scope}`, expectedStatus: [204] },
  };
}
const DEFAULT_DEFAULT = realmDefaults('default');
const DEFAULT_OPTIONAL = realmDefaults('optional');

/** The client-scope methods of KeycloakAdmin. */
export function ClientScopesArea<B extends AreaBase>(Base: B) {
  abstract class ClientScopesArea extends Base {
    /** python-keycloak's `get_client_scopes`. */
    async getClientScopes(options: AdminCallOptions = {}): Promise<ClientScopeRepresentation[]> {
      return this[REQUESTER].call<ClientScopeRepresentation[]>(GET_SCOPES, options);
    }

    /**
     * python-keycloak's `get_client_scope`.
     * @throws KeycloakGetError with status 404 when there is no such scope.
     */
    async getClientScope(clientScopeId: string, options: AdminCallOptions = {}): Promise<ClientScopeRepresentation> {
      return this[REQUESTER].call<ClientScopeRepresentation>(GET_SCOPE, {
        ...options,
        params: { scope: clientScopeId },
      });
    }

    /** python-keycloak's `get_client_scope_by_name`: the scope named exactly `clientScopeName`, or `undefined`. */
    async getClientScopeByName(
      clientScopeName: string,
      options: AdminCallOptions = {},
    ): Promise<ClientScopeRepresentation | undefined> {
      if (typeof clientScopeName !== 'string' || clientScopeName === '')
        throw new KeycloakOperationError('clientScopeName must be a non-empty string');
      const scopes = await this.getClientScopes(options);
      return scopes.find((scope) => scope.name === clientScopeName);
    }

    /**
     * python-keycloak's `create_client_scope`: resolves to the new scope's id (from `Location`). With
     * `skipExists`, an existing scope of the same name resolves to its id instead of failing.
     * @throws KeycloakPostError with status 409 when the name is taken (without `skipExists`).
     */
    async createClientScope(payload: ClientScopeRepresentation, options: SkipExistsOptions = {}): Promise<string> {
      const find = async (call: AdminCallOptions): Promise<string | undefined> =>
        typeof payload.name === 'string' && payload.name !== ''
          ? (await this.getClientScopeByName(payload.name, call))?.id
          : undefined;
      return createOrFind(this[REQUESTER], CREATE_SCOPE, payload, options, find);
    }

    /** python-keycloak's `update_client_scope`. */
    async updateClientScope(
      clientScopeId: string,
      payload: ClientScopeRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_SCOPE, { ...options, params: { scope: clientScopeId }, body: payload });
    }

    /** python-keycloak's `delete_client_scope`; clients and realm defaults that linked it lose the link. */
    async deleteClientScope(clientScopeId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_SCOPE, { ...options, params: { scope: clientScopeId } });
    }

    /** python-keycloak's `get_mappers_from_client_scope`. */
    async getMappersFromClientScope(
      clientScopeId: string,
      options: AdminCallOptions = {},
    ): Promise<ProtocolMapperRepresentation[]> {
      return this[REQUESTER].call<ProtocolMapperRepresentation[]>(GET_MAPPERS, {
        ...options,
        params: { scope: clientScopeId },
      });
    }

    /** python-keycloak's `add_mapper_to_client_scope`: resolves to the new mapper's id, read from `Location`. */
    async addMapperToClientScope(
      clientScopeId: string,
      payload: ProtocolMapperRepresentation,
      options: AdminCallOptions = {},
    ): Promise<string> {
      const id = await this[REQUESTER].create(ADD_MAPPER, {
        ...options,
        params: { scope: clientScopeId },
        body: payload,
      });
      if (id === undefined)
        throw new KeycloakOperationError('Keycloak answered a creation without an id', {
          code: 'ERR_INVALID_RESPONSE',
        });
      return id;
    }

    /** python-keycloak's `delete_mapper_from_client_scope`. */
    async deleteMapperFromClientScope(
      clientScopeId: string,
      protocolMapperId: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(DELETE_MAPPER, {
        ...options,
        params: { scope: clientScopeId, mapper: protocolMapperId },
      });
    }

    /** python-keycloak's `update_mapper_in_client_scope`. */
    async updateMapperInClientScope(
      clientScopeId: string,
      protocolMapperId: string,
      payload: ProtocolMapperRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_MAPPER, {
        ...options,
        params: { scope: clientScopeId, mapper: protocolMapperId },
        body: payload,
      });
    }

    /** python-keycloak's `get_default_default_client_scopes`: id, name and protocol of the scopes new clients get as default. */
    async getDefaultDefaultClientScopes(options: AdminCallOptions = {}): Promise<ClientScopeRepresentation[]> {
      return this[REQUESTER].call<ClientScopeRepresentation[]>(DEFAULT_DEFAULT.list, options);
    }

    /** python-keycloak's `add_default_default_client_scope`. */
    async addDefaultDefaultClientScope(scopeId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DEFAULT_DEFAULT.add, {
        ...options,
        params: { scope: scopeId },
        body: realmScopePayload(this, scopeId),
      });
    }

    /** python-keycloak's `delete_default_default_client_scope`. */
    async deleteDefaultDefaultClientScope(scopeId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DEFAULT_DEFAULT.remove, { ...options, params: { scope: scopeId } });
    }

    /** python-keycloak's `get_default_optional_client_scopes`: id and name of the scopes new clients get as optional. */
    async getDefaultOptionalClientScopes(options: AdminCallOptions = {}): Promise<ClientScopeRepresentation[]> {
      return this[REQUESTER].call<ClientScopeRepresentation[]>(DEFAULT_OPTIONAL.list, options);
    }

    /** python-keycloak's `add_default_optional_client_scope`. */
    async addDefaultOptionalClientScope(scopeId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DEFAULT_OPTIONAL.add, {
        ...options,
        params: { scope: scopeId },
        body: realmScopePayload(this, scopeId),
      });
    }

    /** python-keycloak's `delete_default_optional_client_scope`. */
    async deleteDefaultOptionalClientScope(scopeId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DEFAULT_OPTIONAL.remove, { ...options, params: { scope: scopeId } });
    }
  }
  return ClientScopesArea;
}

// The body python-keycloak sends with these PUTs; Keycloak ignores it, some proxies want a body on PUT.
function realmScopePayload(admin: AdminArea, scopeId: string): Record<string, string> {
  return { realm: admin[REQUESTER].connection.realmName, clientScopeId: scopeId };
}

/** The client-scope methods KeycloakAdmin has. */
export type ClientScopesApi = AreaMethods<typeof ClientScopesArea>;
