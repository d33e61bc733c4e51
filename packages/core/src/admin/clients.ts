/**
 * The clients API area (python-keycloak's client methods, without client roles and authorization
 * services, which have their own areas): endpoints declared over the one request helper, methods
 * KeycloakAdmin takes on. Client-scope links of a client are here; the scopes themselves are in
 * client-scopes.ts.
 */
import { KeycloakOperationError } from '../errors.js';
import { requesterOf } from './internal/requester-of.js';
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
const INSTALLATION: AdminEndpoint = { method: 'GET', path: `${CLIENT}/installation/providers/{provider}`, expectedStatus: [200], expect: 'text' };
const GET_MAPPERS: AdminEndpoint = { method: 'GET', path: MAPPERS, expectedStatus: [200] };
const ADD_MAPPER: AdminEndpoint = { method: 'POST', path: MAPPERS, expectedStatus: [201] };
const UPDATE_MAPPER: AdminEndpoint = { method: 'PUT', path: `${MAPPERS}/{mapper}`, expectedStatus: [204] };
const REMOVE_MAPPER: AdminEndpoint = { method: 'DELETE', path: `${MAPPERS}/{mapper}`, expectedStatus: [204] };
const GET_SECRET: AdminEndpoint = { method: 'GET', path: `${CLIENT}/client-secret` };
const NEW_SECRET: AdminEndpoint = { method: 'POST', path: `${CLIENT}/client-secret` };
const USER_SESSIONS: AdminEndpoint = { method: 'GET', path: `${CLIENT}/user-sessions` };
const SESSION_STATS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/client-session-stats' };
const GET_MANAGEMENT: AdminEndpoint = { method: 'GET', path: `${CLIENT}/management/permissions` };
const SET_MANAGEMENT: AdminEndpoint = { method: 'PUT', path: `${CLIENT}/management/permissions`, expectedStatus: [200] };
const KEY_INFO: AdminEndpoint = { method: 'GET', path: `${CLIENT}/certificates/{attr}` };
const INITIAL_ACCESS: AdminEndpoint = { method: 'POST', path: 'admin/realms/{realm}/clients-initial-access', expectedStatus: [200] };

/** The endpoints of one kind of client-scope link of a client (`default` or `optional`). */
function scopeLinks(kind: 'default' | 'optional'): { list: AdminEndpoint; add: AdminEndpoint; remove: AdminEndpoint } {
  const path = `${CLIENT}/${kind}-client-scopes`;
  return { list: { method: 'GET', path }, add: { method: 'PUT', path: `${path}/{scope}` }, remove: { method: 'DELETE', path: `${path}/{scope}` } };
}
const DEFAULT_SCOPES = scopeLinks('default');
const OPTIONAL_SCOPES = scopeLinks('optional');

/** Query of `GET /admin/realms/{realm}/clients` for {@link clientsApi.iterateClients}. */
export interface ClientQuery {
  /** Exact clientId, or a case-insensitive substring with `search`. */
  clientId?: string;
  search?: boolean;
  /** Attributes to match, `key1:value1 key2:value2`. */
  q?: string;
  /** Only clients the caller may view. */
  viewableOnly?: boolean;
}

/** Query of {@link clientsApi.getClientAllSessions}. */
export interface ClientSessionQuery {
  /** With `first` or `max`, one request is made instead of fetching every page. */
  first?: number;
  max?: number;
}

/** The client methods of KeycloakAdmin; `clientId` parameters are the internal id (UUID), as in python-keycloak. */
export const clientsApi = {
  /** python-keycloak's `get_clients`: every client of the realm, in one request. */
  async getClients(this: object, options: AdminCallOptions = {}): Promise<ClientRepresentation[]> {
    return requesterOf(this).call<ClientRepresentation[]>(GET_CLIENTS, options);
  },

  /**
   * The clients matching `query`, fetched a page at a time as the loop asks.
   * @example for await (const client of admin.iterateClients({ clientId: 'app', search: true })) console.log(client.clientId);
   */
  async *iterateClients(this: object, query: ClientQuery = {}, options: PageIterationOptions = {}): AsyncGenerator<ClientRepresentation, void, undefined> {
    yield* iteratePages<ClientRepresentation>(requesterOf(this), GET_CLIENTS, { query: { ...query } }, options);
  },

  /**
   * python-keycloak's `get_client`.
   * @throws KeycloakGetError with status 404 when there is no such client.
   */
  async getClient(this: object, clientId: string, options: AdminCallOptions = {}): Promise<ClientRepresentation> {
    return requesterOf(this).call<ClientRepresentation>(GET_CLIENT, { ...options, params: { id: clientId } });
  },

  /** python-keycloak's `get_client_id`: the internal id of the client whose `clientId` is exactly `clientId`, or `undefined`. */
  async getClientId(this: object, clientId: string, options: AdminCallOptions = {}): Promise<string | undefined> {
    if (typeof clientId !== 'string' || clientId === '') throw new KeycloakOperationError('clientId must be a non-empty string');
    const clients = await requesterOf(this).call<ClientRepresentation[]>(GET_CLIENTS, { ...options, query: { clientId } });
    return clients.find((client) => client.clientId === clientId)?.id;
  },

  /**
   * python-keycloak's `create_client`: resolves to the new client's id (from `Location`). With `skipExists`,
   * an existing client with the same `clientId` resolves to its id instead of failing.
   * @throws KeycloakPostError with status 409 when the clientId is taken (without `skipExists`).
   */
  async createClient(this: object, payload: ClientRepresentation, options: SkipExistsOptions = {}): Promise<string> {
    const find = (call: AdminCallOptions): Promise<string | undefined> =>
      typeof payload.clientId === 'string' && payload.clientId !== '' ? clientsApi.getClientId.call(this, payload.clientId, call) : Promise.resolve(undefined);
    return createOrFind(requesterOf(this), CREATE_CLIENT, payload, options, find);
  },

  /** python-keycloak's `update_client` (a partial representation changes only the fields it has). */
  async updateClient(this: object, clientId: string, payload: ClientRepresentation, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(UPDATE_CLIENT, { ...options, params: { id: clientId }, body: payload });
  },

  /** python-keycloak's `delete_client`. */
  async deleteClient(this: object, clientId: string, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(DELETE_CLIENT, { ...options, params: { id: clientId } });
  },

  /**
   * python-keycloak's `get_client_service_account_user`.
   * @throws KeycloakGetError with status 400 when the client has no service account.
   */
  async getClientServiceAccountUser(this: object, clientId: string, options: AdminCallOptions = {}): Promise<UserRepresentation> {
    return requesterOf(this).call<UserRepresentation>(SERVICE_ACCOUNT_USER, { ...options, params: { id: clientId } });
  },

  /**
   * python-keycloak's `get_client_installation_provider`: the parsed object of a JSON format (e.g.
   * `keycloak-oidc-keycloak-json`), or the text of another one (`keycloak-oidc-jboss-subsystem` XML, `-cli`), as
   * python-keycloak answers a dict or the raw content.
   */
  async getClientInstallationProvider(this: object, clientId: string, providerId: string, options: AdminCallOptions = {}): Promise<Record<string, unknown> | string> {
    const text = await requesterOf(this).call<string>(INSTALLATION, { ...options, params: { id: clientId, provider: providerId } });
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // not JSON: an XML or CLI installation
    }
    return text;
  },

  /** python-keycloak's `get_client_default_client_scopes`: id and name of each default scope. */
  async getClientDefaultClientScopes(this: object, clientId: string, options: AdminCallOptions = {}): Promise<ClientScopeRepresentation[]> {
    return requesterOf(this).call<ClientScopeRepresentation[]>(DEFAULT_SCOPES.list, { ...options, params: { id: clientId } });
  },

  /** python-keycloak's `add_client_default_client_scope`; `payload` is sent as python-keycloak sends it (Keycloak ignores it). */
  async addClientDefaultClientScope(this: object, clientId: string, clientScopeId: string, payload: Record<string, unknown> = {}, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(DEFAULT_SCOPES.add, { ...options, params: { id: clientId, scope: clientScopeId }, body: payload });
  },

  /** python-keycloak's `delete_client_default_client_scope`. */
  async deleteClientDefaultClientScope(this: object, clientId: string, clientScopeId: string, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(DEFAULT_SCOPES.remove, { ...options, params: { id: clientId, scope: clientScopeId } });
  },

  /** python-keycloak's `get_client_optional_client_scopes`: id and name of each optional scope. */
  async getClientOptionalClientScopes(this: object, clientId: string, options: AdminCallOptions = {}): Promise<ClientScopeRepresentation[]> {
    return requesterOf(this).call<ClientScopeRepresentation[]>(OPTIONAL_SCOPES.list, { ...options, params: { id: clientId } });
  },

  /** python-keycloak's `add_client_optional_client_scope`; `payload` is sent as python-keycloak sends it (Keycloak ignores it). */
  async addClientOptionalClientScope(this: object, clientId: string, clientScopeId: string, payload: Record<string, unknown> = {}, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(OPTIONAL_SCOPES.add, { ...options, params: { id: clientId, scope: clientScopeId }, body: payload });
  },

  /** python-keycloak's `delete_client_optional_client_scope`. */
  async deleteClientOptionalClientScope(this: object, clientId: string, clientScopeId: string, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(OPTIONAL_SCOPES.remove, { ...options, params: { id: clientId, scope: clientScopeId } });
  },

  /**
   * python-keycloak's `get_mappers_from_client`. (python-keycloak raises KeycloakPostError here; this
   * raises KeycloakGetError, as for every GET.)
   */
  async getMappersFromClient(this: object, clientId: string, options: AdminCallOptions = {}): Promise<ProtocolMapperRepresentation[]> {
    return requesterOf(this).call<ProtocolMapperRepresentation[]>(GET_MAPPERS, { ...options, params: { id: clientId } });
  },

  /** python-keycloak's `add_mapper_to_client`: resolves to the new mapper's id, read from `Location`. */
  async addMapperToClient(this: object, clientId: string, payload: ProtocolMapperRepresentation, options: AdminCallOptions = {}): Promise<string> {
    return createdId(await requesterOf(this).create(ADD_MAPPER, { ...options, params: { id: clientId }, body: payload }));
  },

  /** python-keycloak's `update_client_mapper`. */
  async updateClientMapper(this: object, clientId: string, mapperId: string, payload: ProtocolMapperRepresentation, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(UPDATE_MAPPER, { ...options, params: { id: clientId, mapper: mapperId }, body: payload });
  },

  /** python-keycloak's `remove_client_mapper`. */
  async removeClientMapper(this: object, clientId: string, clientMapperId: string, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(REMOVE_MAPPER, { ...options, params: { id: clientId, mapper: clientMapperId } });
  },

  /** python-keycloak's `generate_client_secrets`: a new secret; the old one stops working. */
  async generateClientSecrets(this: object, clientId: string, options: AdminCallOptions = {}): Promise<ClientSecretRepresentation> {
    return requesterOf(this).call<ClientSecretRepresentation>(NEW_SECRET, { ...options, params: { id: clientId } });
  },

  /** python-keycloak's `get_client_secrets`. */
  async getClientSecrets(this: object, clientId: string, options: AdminCallOptions = {}): Promise<ClientSecretRepresentation> {
    return requesterOf(this).call<ClientSecretRepresentation>(GET_SECRET, { ...options, params: { id: clientId } });
  },

  /** python-keycloak's `get_client_all_sessions`: one request when `query` has `first` or `max`, else every page of 100. */
  async getClientAllSessions(this: object, clientId: string, query: ClientSessionQuery = {}, options: AdminCallOptions = {}): Promise<UserSessionRepresentation[]> {
    return fetchAll<UserSessionRepresentation>(requesterOf(this), USER_SESSIONS, { ...options, params: { id: clientId }, query: { ...query } });
  },

  /** The user sessions of a client, fetched a page at a time as the loop asks. */
  async *iterateClientAllSessions(this: object, clientId: string, options: PageIterationOptions = {}): AsyncGenerator<UserSessionRepresentation, void, undefined> {
    yield* iteratePages<UserSessionRepresentation>(requesterOf(this), USER_SESSIONS, { params: { id: clientId } }, options);
  },

  /** python-keycloak's `get_client_sessions_stats`: the clients that have sessions, with their counts (as strings). */
  async getClientSessionsStats(this: object, options: AdminCallOptions = {}): Promise<ClientSessionStats[]> {
    return requesterOf(this).call<ClientSessionStats[]>(SESSION_STATS, options);
  },

  /** python-keycloak's `get_client_management_permissions`. */
  async getClientManagementPermissions(this: object, clientId: string, options: AdminCallOptions = {}): Promise<ManagementPermissionReference> {
    return requesterOf(this).call<ManagementPermissionReference>(GET_MANAGEMENT, { ...options, params: { id: clientId } });
  },

  /**
   * python-keycloak's `update_client_management_permissions` (payload first, as there).
   * @throws KeycloakPutError with status 501 when Keycloak runs without fine-grained admin permissions.
   */
  async updateClientManagementPermissions(this: object, payload: ManagementPermissionReference, clientId: string, options: AdminCallOptions = {}): Promise<ManagementPermissionReference> {
    return requesterOf(this).call<ManagementPermissionReference>(SET_MANAGEMENT, { ...options, params: { id: clientId }, body: payload });
  },

  /** python-keycloak's `get_client_certificate_key_info`: the key info stored under the attribute prefix `attr`. */
  async getClientCertificateKeyInfo(this: object, clientId: string, attr = 'jwt.credential', options: AdminCallOptions = {}): Promise<CertificateRepresentation> {
    return requesterOf(this).call<CertificateRepresentation>(KEY_INFO, { ...options, params: { id: clientId, attr } });
  },

  /**
   * python-keycloak's `create_initial_access_token`: a token for dynamic client registration.
   * @param count how many clients it may register (0 = unlimited). Default 1.
   * @param expiration its lifetime in seconds (0 = never). Default 1, as python-keycloak.
   */
  async createInitialAccessToken(this: object, count = 1, expiration = 1, options: AdminCallOptions = {}): Promise<ClientInitialAccessPresentation> {
    return requesterOf(this).call<ClientInitialAccessPresentation>(INITIAL_ACCESS, { ...options, body: { count, expiration } });
  },
};

function createdId(id: string | undefined): string {
  if (id === undefined) throw new KeycloakOperationError('Keycloak answered a creation without an id', { code: 'ERR_INVALID_RESPONSE' });
  return id;
}

/** The client methods KeycloakAdmin has. */
export type ClientsApi = typeof clientsApi;
