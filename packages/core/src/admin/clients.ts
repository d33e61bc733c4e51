/**
 * The clients API area (python-keycloak's client methods, without client roles and authorization
 * services, which have their own areas): endpoints declared over the one request helper, methods
 * KeycloakAdmin extends (its area class). Client-scope links of a client are here; the scopes themselves are in
 * client-scopes.ts.
 */
import { KeycloakOperationError } from '../errors.js';
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { fetchAll, iteratePages, type PageIterationOptions } from './pagination.js';
import type {
  CertificateRepresentation,
  ClientInitialAccessPresentation,
  ClientRepresentation,
  ClientSecretRepresentation,
  ClientSessionStats,
  ManagementPermissionReference,
  UserSessionRepresentation,
} from './representations/client.js';
import type { ClientScopeRepresentation, ProtocolMapperRepresentation } from './representations/client-scope.js';
import type { UserRepresentation } from './representations/user.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';
import type { SkipExistsOptions } from './create-options.js';
import { createOrFind } from './internal/create-or-find.js';

const CLIENTS = 'admin/realms/{realm}/clients';
const CLIENT = `${CLIENTS}/{id}`;
const MAPPERS = `${CLIENT}/protocol-mappers/models`;

const GET_CLIENTS: AdminEndpoint = { method: 'GET', path: CLIENTS };
const CREATE_CLIENT: AdminEndpoint = { method: 'POST', path: CLIENTS, expectedStatus: [201] };
const GET_CLIENT: AdminEndpoint = { method: 'GET', path: CLIENT };
const UPDATE_CLIENT: AdminEndpoint = { method: 'PUT', path: CLIENT, expectedStatus: [204] };
const DELETE_CLIENT: AdminEndpoint = { method: 'DELETE', path: CLIENT, expectedStatus: [204] };
const SERVICE_ACCOUNT_USER: AdminEndpoint = { method: 'GET', path: `${CLIENT}/service-account-user` };
// Keycloak answers every installation as text/plain (the keycloak.json one included), so it is read as text.
const INSTALLATION: AdminEndpoint = {
  method: 'GET',
  path: `${CLIENT}/installation/providers/{provider}`,
  expectedStatus: [200],
  expect: 'text',
};
const GET_MAPPERS: AdminEndpoint = { method: 'GET', path: MAPPERS, expectedStatus: [200] };
const ADD_MAPPER: AdminEndpoint = { method: 'POST', path: MAPPERS, expectedStatus: [201] };
const UPDATE_MAPPER: AdminEndpoint = { method: 'PUT', path: `${MAPPERS}/{mapper}`, expectedStatus: [204] };
const REMOVE_MAPPER: AdminEndpoint = { method: 'DELETE', path: `${MAPPERS}/{mapper}`, expectedStatus: [204] };
const GET_SECRET: AdminEndpoint = { method: 'GET', path: `${CLIENT}/client-secret` };
const NEW_SECRET: AdminEndpoint = { method: 'POST', path: `${CLIENT}/client-secret` };
const USER_SESSIONS: AdminEndpoint = { method: 'GET', path: `${CLIENT}/user-sessions` };
const SESSION_STATS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/client-session-stats' };
const GET_MANAGEMENT: AdminEndpoint = { method: 'GET', path: `${CLIENT}/management/permissions` };
const SET_MANAGEMENT: AdminEndpoint = {
  method: 'PUT',
  path: `${CLIENT}/management/permissions`,
  expectedStatus: [200],
};
const KEY_INFO: AdminEndpoint = { method: 'GET', path: `${CLIENT}/certificates/{attr}` };
// Keycloak 26 answers 201 Created (python-keycloak expects 200 or 201).
const INITIAL_ACCESS: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/clients-initial-access',
  expectedStatus: [200, 201],
};

/** The endpoints of one kind of client-scope link of a client (`default` or `optional`). */
function scopeLinks(kind: 'default' | 'optional'): { list: AdminEndpoint; add: AdminEndpoint; remove: AdminEndpoint } {
  const path = `${CLIENT}/${kind}-client-scopes`;
  return {
    list: { method: 'GET', path },
    add: { method: 'PUT', path: `${path}/{scope}` },
    remove: { method: 'DELETE', path: `${path}/{scope}` },
  };
}
const DEFAULT_SCOPES = scopeLinks('default');
const OPTIONAL_SCOPES = scopeLinks('optional');

/** Query of `GET /admin/realms/{realm}/clients` for {@link KeycloakAdmin.iterateClients}. */
export interface ClientQuery {
  /** Exact clientId, or a case-insensitive substring with `search`. */
  clientId?: string;
  search?: boolean;
  /** Attributes to match, `key1:value1 key2:value2`. */
  q?: string;
  /** Only clients the caller may view. */
  viewableOnly?: boolean;
}

/** Query of {@link KeycloakAdmin.getClientAllSessions}. */
export interface ClientSessionQuery {
  /** With `first` or `max`, one request is made instead of fetching every page. */
  first?: number;
  max?: number;
}

/** The client methods of KeycloakAdmin; `clientId` parameters are the internal id (UUID), as in python-keycloak. */
export function ClientsArea<B extends AreaBase>(Base: B) {
  abstract class ClientsArea extends Base {
    /** python-keycloak's `get_clients`: every client of the realm, in one request. */
    async getClients(options: AdminCallOptions = {}): Promise<ClientRepresentation[]> {
      return this[REQUESTER].call<ClientRepresentation[]>(GET_CLIENTS, options);
    }

    /**
     * The clients matching `query`, fetched a page at a time as the loop asks.
     * @example for await (const client of admin.iterateClients({ clientId: 'app', search: true })) console.log(client.clientId);
     */
    async *iterateClients(
      query: ClientQuery = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<ClientRepresentation, void, undefined> {
      yield* iteratePages<ClientRepresentation>(this[REQUESTER], GET_CLIENTS, { query: { ...query } }, options);
    }

    /**
     * python-keycloak's `get_client`.
     * @throws KeycloakGetError with status 404 when there is no such client.
     */
    async getClient(clientId: string, options: AdminCallOptions = {}): Promise<ClientRepresentation> {
      return this[REQUESTER].call<ClientRepresentation>(GET_CLIENT, { ...options, params: { id: clientId } });
    }

    /** python-keycloak's `get_client_id`: the internal id of the client whose `clientId` is exactly `clientId`, or `undefined`. */
    async getClientId(clientId: string, options: AdminCallOptions = {}): Promise<string | undefined> {
      if (typeof clientId !== 'string' || clientId === '')
        throw new KeycloakOperationError('clientId must be a non-empty string');
      const clients = await this[REQUESTER].call<ClientRepresentation[]>(GET_CLIENTS, {
        ...options,
        query: { clientId },
      });
      return clients.find((client) => client.clientId === clientId)?.id;
    }

    /**
     * python-keycloak's `create_client`: resolves to the new client's id (from `Location`). With `skipExists`,
     * an existing client with the same `clientId` resolves to its id instead of failing.
     * @throws KeycloakPostError with status 409 when the clientId is taken (without `skipExists`).
     */
    async createClient(payload: ClientRepresentation, options: SkipExistsOptions = {}): Promise<string> {
      const find = (call: AdminCallOptions): Promise<string | undefined> =>
        typeof payload.clientId === 'string' && payload.clientId !== ''
          ? this.getClientId(payload.clientId, call)
          : Promise.resolve(undefined);
      return createOrFind(this[REQUESTER], CREATE_CLIENT, payload, options, find);
    }

    /** python-keycloak's `update_client` (a partial representation changes only the fields it has). */
    async updateClient(clientId: string, payload: ClientRepresentation, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(UPDATE_CLIENT, { ...options, params: { id: clientId }, body: payload });
    }

    /** python-keycloak's `delete_client`. */
    async deleteClient(clientId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_CLIENT, { ...options, params: { id: clientId } });
    }

    /**
     * python-keycloak's `get_client_service_account_user`.
     * @throws KeycloakGetError with status 400 when the client has no service account.
     */
    async getClientServiceAccountUser(clientId: string, options: AdminCallOptions = {}): Promise<UserRepresentation> {
      return this[REQUESTER].call<UserRepresentation>(SERVICE_ACCOUNT_USER, { ...options, params: { id: clientId } });
    }

    /**
     * python-keycloak's `get_client_installation_provider`: the parsed object of a JSON format (e.g.
     * `keycloak-oidc-keycloak-json`), or the text of another one (`keycloak-oidc-jboss-subsystem` XML, `-cli`), as
     * python-keycloak answers a dict or the raw content.
     */
    async getClientInstallationProvider(
      clientId: string,
      providerId: string,
      options: AdminCallOptions = {},
    ): Promise<Record<string, unknown> | string> {
      const text = await this[REQUESTER].call<string>(INSTALLATION, {
        ...options,
        params: { id: clientId, provider: providerId },
      });
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
          return parsed as Record<string, unknown>;
      } catch {
        // not JSON: an XML or CLI installation
      }
      return text;
    }

    /** python-keycloak's `get_client_default_client_scopes`: id and name of each default scope. */
    async getClientDefaultClientScopes(
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<ClientScopeRepresentation[]> {
      return this[REQUESTER].call<ClientScopeRepresentation[]>(DEFAULT_SCOPES.list, {
        ...options,
        params: { id: clientId },
      });
    }

    /** python-keycloak's `add_client_default_client_scope`; `payload` is sent as python-keycloak sends it (Keycloak ignores it). */
    async addClientDefaultClientScope(
      clientId: string,
      clientScopeId: string,
      payload: Record<string, unknown> = {},
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(DEFAULT_SCOPES.add, {
        ...options,
        params: { id: clientId, scope: clientScopeId },
        body: payload,
      });
    }

    /** python-keycloak's `delete_client_default_client_scope`. */
    async deleteClientDefaultClientScope(
      clientId: string,
      clientScopeId: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(DEFAULT_SCOPES.remove, { ...options, params: { id: clientId, scope: clientScopeId } });
    }

    /** python-keycloak's `get_client_optional_client_scopes`: id and name of each optional scope. */
    async getClientOptionalClientScopes(
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<ClientScopeRepresentation[]> {
      return this[REQUESTER].call<ClientScopeRepresentation[]>(OPTIONAL_SCOPES.list, {
        ...options,
        params: { id: clientId },
      });
    }

    /** python-keycloak's `add_client_optional_client_scope`; `payload` is sent as python-keycloak sends it (Keycloak ignores it). */
    async addClientOptionalClientScope(
      clientId: string,
      clientScopeId: string,
      payload: Record<string, unknown> = {},
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(OPTIONAL_SCOPES.add, {
        ...options,
        params: { id: clientId, scope: clientScopeId },
        body: payload,
      });
    }

    /** python-keycloak's `delete_client_optional_client_scope`. */
    async deleteClientOptionalClientScope(
      clientId: string,
      clientScopeId: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(OPTIONAL_SCOPES.remove, {
        ...options,
        params: { id: clientId, scope: clientScopeId },
      });
    }

    /**
     * python-keycloak's `get_mappers_from_client`. (python-keycloak raises KeycloakPostError here; this
     * raises KeycloakGetError, as for every GET.)
     */
    async getMappersFromClient(
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<ProtocolMapperRepresentation[]> {
      return this[REQUESTER].call<ProtocolMapperRepresentation[]>(GET_MAPPERS, {
        ...options,
        params: { id: clientId },
      });
    }

    /** python-keycloak's `add_mapper_to_client`: resolves to the new mapper's id, read from `Location`. */
    async addMapperToClient(
      clientId: string,
      payload: ProtocolMapperRepresentation,
      options: AdminCallOptions = {},
    ): Promise<string> {
      return createdId(
        await this[REQUESTER].create(ADD_MAPPER, { ...options, params: { id: clientId }, body: payload }),
      );
    }

    /** python-keycloak's `update_client_mapper`. */
    async updateClientMapper(
      clientId: string,
      mapperId: string,
      payload: ProtocolMapperRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_MAPPER, {
        ...options,
        params: { id: clientId, mapper: mapperId },
        body: payload,
      });
    }

    /** python-keycloak's `remove_client_mapper`. */
    async removeClientMapper(clientId: string, clientMapperId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(REMOVE_MAPPER, { ...options, params: { id: clientId, mapper: clientMapperId } });
    }

    /** python-keycloak's `generate_client_secrets`: a new secret; the old one stops working. */
    async generateClientSecrets(clientId: string, options: AdminCallOptions = {}): Promise<ClientSecretRepresentation> {
      return this[REQUESTER].call<ClientSecretRepresentation>(NEW_SECRET, { ...options, params: { id: clientId } });
    }

    /** python-keycloak's `get_client_secrets`. */
    async getClientSecrets(clientId: string, options: AdminCallOptions = {}): Promise<ClientSecretRepresentation> {
      return this[REQUESTER].call<ClientSecretRepresentation>(GET_SECRET, { ...options, params: { id: clientId } });
    }

    /** python-keycloak's `get_client_all_sessions`: one request when `query` has `first` or `max`, else every page of 100. */
    async getClientAllSessions(
      clientId: string,
      query: ClientSessionQuery = {},
      options: AdminCallOptions = {},
    ): Promise<UserSessionRepresentation[]> {
      return fetchAll<UserSessionRepresentation>(this[REQUESTER], USER_SESSIONS, {
        ...options,
        params: { id: clientId },
        query: { ...query },
      });
    }

    /** The user sessions of a client, fetched a page at a time as the loop asks. */
    async *iterateClientAllSessions(
      clientId: string,
      options: PageIterationOptions = {},
    ): AsyncGenerator<UserSessionRepresentation, void, undefined> {
      yield* iteratePages<UserSessionRepresentation>(
        this[REQUESTER],
        USER_SESSIONS,
        { params: { id: clientId } },
        options,
      );
    }

    /** python-keycloak's `get_client_sessions_stats`: the clients that have sessions, with their counts (as strings). */
    async getClientSessionsStats(options: AdminCallOptions = {}): Promise<ClientSessionStats[]> {
      return this[REQUESTER].call<ClientSessionStats[]>(SESSION_STATS, options);
    }

    /** python-keycloak's `get_client_management_permissions`. */
    async getClientManagementPermissions(
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<ManagementPermissionReference> {
      return this[REQUESTER].call<ManagementPermissionReference>(GET_MANAGEMENT, {
        ...options,
        params: { id: clientId },
      });
    }

    /**
     * python-keycloak's `update_client_management_permissions` (payload first, as there).
     * @throws KeycloakPutError with status 501 when Keycloak runs without fine-grained admin permissions.
     */
    async updateClientManagementPermissions(
      payload: ManagementPermissionReference,
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<ManagementPermissionReference> {
      return this[REQUESTER].call<ManagementPermissionReference>(SET_MANAGEMENT, {
        ...options,
        params: { id: clientId },
        body: payload,
      });
    }

    /** python-keycloak's `get_client_certificate_key_info`: the key info stored under the attribute prefix `attr`. */
    async getClientCertificateKeyInfo(
      clientId: string,
      attr = 'jwt.credential',
      options: AdminCallOptions = {},
    ): Promise<CertificateRepresentation> {
      return this[REQUESTER].call<CertificateRepresentation>(KEY_INFO, { ...options, params: { id: clientId, attr } });
    }

    /**
     * python-keycloak's `create_initial_access_token`: a token for dynamic client registration.
     * @param count how many clients it may register (0 = unlimited). Default 1.
     * @param expiration its lifetime in seconds (0 = never). Default 1, as python-keycloak.
     */
    async createInitialAccessToken(
      count = 1,
      expiration = 1,
      options: AdminCallOptions = {},
    ): Promise<ClientInitialAccessPresentation> {
      return this[REQUESTER].call<ClientInitialAccessPresentation>(INITIAL_ACCESS, {
        ...options,
        body: { count, expiration },
      });
    }
  }
  return ClientsArea;
}

function createdId(id: string | undefined): string {
  if (id === undefined)
    throw new KeycloakOperationError('Keycloak answered a creation without an id', { code: 'ERR_INVALID_RESPONSE' });
  return id;
}

/** The client methods KeycloakAdmin has. */
export type ClientsApi = AreaMethods<typeof ClientsArea>;
