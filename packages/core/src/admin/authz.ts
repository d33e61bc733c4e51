/**
 * The client authorization API area, first half (python-keycloak's `*_client_authz_*` methods on the
 * resource server, its resources and scopes): endpoints declared over the one request helper, and the
 * the area class KeycloakAdmin extends. Policies and permissions are in authz-policies.ts.
 *
 * As python-keycloak, the list methods ask for everything at once (`first=0&max=-1`); their
 * `iterate<Things>` twins page on demand instead. Creating methods resolve to the representation Keycloak
 * answers (with its new id); with `skipExists`, a name already taken resolves to the existing object.
 */
import { KeycloakOperationError } from '../errors.js';
import type { PathParams } from '../http/url.js';
import type { SkipExistsOptions } from './create-options.js';
import { type AdminArea, REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { iteratePages, type PageIterationOptions } from './pagination.js';
import type {
  ResourceRepresentation,
  ResourceServerRepresentation,
  ScopeRepresentation,
} from './representations/authz.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const RS = 'admin/realms/{realm}/clients/{id}/authz/resource-server';

const SETTINGS: AdminEndpoint = { method: 'GET', path: `${RS}/settings` };
const IMPORT: AdminEndpoint = { method: 'POST', path: `${RS}/import`, expectedStatus: [204] };
const RESOURCES: AdminEndpoint = { method: 'GET', path: `${RS}/resource` };
const CREATE_RESOURCE: AdminEndpoint = { method: 'POST', path: `${RS}/resource`, expectedStatus: [201] };
const RESOURCE_SEARCH: AdminEndpoint = { method: 'GET', path: `${RS}/resource/search` };
const RESOURCE: AdminEndpoint = { method: 'GET', path: `${RS}/resource/{resourceId}`, expectedStatus: [200] };
const UPDATE_RESOURCE: AdminEndpoint = { method: 'PUT', path: `${RS}/resource/{resourceId}`, expectedStatus: [204] };
const DELETE_RESOURCE: AdminEndpoint = { method: 'DELETE', path: `${RS}/resource/{resourceId}`, expectedStatus: [204] };
const SCOPES: AdminEndpoint = { method: 'GET', path: `${RS}/scope` };
const CREATE_SCOPE: AdminEndpoint = { method: 'POST', path: `${RS}/scope`, expectedStatus: [201] };

/** python-keycloak's "everything in one answer" (`max=-1`) for the authorization lists. */
export const ALL = { first: 0, max: -1 } as const;

/** Query of `GET .../authz/resource-server/resource` (Keycloak's ResourceSetService.find filters). */
export interface AuthzResourceQuery {
  _id?: string;
  /** Substring of the name, unless `exactName`. */
  name?: string;
  exactName?: boolean;
  uri?: string;
  /** A clientId, username or id. */
  owner?: string;
  type?: string;
  /** Substring of a scope's name. */
  scope?: string;
  matchingUri?: boolean;
  /** Include scopes and attributes. Default `true`. */
  deep?: boolean;
}

/** Query of `GET .../authz/resource-server/scope`. */
export interface AuthzScopeQuery {
  scopeId?: string;
  /** Substring of the name. */
  name?: string;
}

/**
 * Sends a creating call and returns Keycloak's echo of the new object. With `skipExists`, a 409 (the name is
 * taken) resolves to the existing object, which `find` looks up by name after the conflict.
 */
export async function createOrExisting<T>(
  admin: AdminArea,
  endpoint: AdminEndpoint,
  params: PathParams,
  payload: { readonly name?: string },
  options: SkipExistsOptions,
  find: (name: string, call: AdminCallOptions) => Promise<T | undefined>,
): Promise<T> {
  const { skipExists, ...call } = options;
  const response = await admin[REQUESTER].send<T>(endpoint, { ...call, params, body: payload, skipExists });
  if (response.status !== 409) return response.body;
  const existing = typeof payload.name === 'string' ? await find(payload.name, call) : undefined;
  if (existing === undefined)
    throw new KeycloakOperationError('Keycloak reported a conflict but the existing object cannot be found by name', {
      code: 'ERR_INVALID_RESPONSE',
    });
  return existing;
}

/** The resource-server, resource and scope methods of KeycloakAdmin. */
export function AuthzArea<B extends AreaBase>(Base: B) {
  abstract class AuthzArea extends Base {
    /**
     * python-keycloak's `get_client_authz_settings`: the resource server's settings as Keycloak exports them
     * (resources, scopes, policies with references by name). Needs `manage-authorization` or `manage-clients`.
     * @throws KeycloakGetError 404 when the client is unknown or has no Authorization Services.
     */
    async getClientAuthzSettings(
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<ResourceServerRepresentation> {
      return this[REQUESTER].call<ResourceServerRepresentation>(SETTINGS, { ...options, params: { id: clientId } });
    }

    /** python-keycloak's `import_client_authz_config`: merges exported settings into the client's resource server. */
    async importClientAuthzConfig(
      clientId: string,
      payload: ResourceServerRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(IMPORT, { ...options, params: { id: clientId }, body: payload });
    }

    /**
     * python-keycloak's `create_client_authz_resource`: resolves to the created resource (its id in `_id`), or
     * with `skipExists` to the resource server's existing resource of that name.
     * @throws KeycloakPostError 409 when the resource server already has a resource of this name (unless `skipExists`).
     */
    async createClientAuthzResource(
      clientId: string,
      payload: ResourceRepresentation,
      options: SkipExistsOptions = {},
    ): Promise<ResourceRepresentation> {
      return createOrExisting(this, CREATE_RESOURCE, { id: clientId }, payload, options, async (name, call) => {
        // The search answers 204 without a body when the resource server has no resource of that name.
        return this[REQUESTER].call<ResourceRepresentation | undefined>(RESOURCE_SEARCH, {
          ...call,
          params: { id: clientId },
          query: { name },
        });
      });
    }

    /** python-keycloak's `update_client_authz_resource`: replaces the resource (send the whole representation). */
    async updateClientAuthzResource(
      clientId: string,
      resourceId: string,
      payload: ResourceRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_RESOURCE, { ...options, params: { id: clientId, resourceId }, body: payload });
    }

    /** python-keycloak's `delete_client_authz_resource`; the permissions left without a resource go too, as in Keycloak. */
    async deleteClientAuthzResource(
      clientId: string,
      resourceId: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(DELETE_RESOURCE, { ...options, params: { id: clientId, resourceId } });
    }

    /** python-keycloak's `get_client_authz_resources`: every resource, in one answer. */
    async getClientAuthzResources(clientId: string, options: AdminCallOptions = {}): Promise<ResourceRepresentation[]> {
      return this[REQUESTER].call<ResourceRepresentation[]>(RESOURCES, {
        ...options,
        params: { id: clientId },
        query: { ...ALL },
      });
    }

    /**
     * The resources matching `query`, a page at a time as the loop asks.
     * @example for await (const r of admin.iterateClientAuthzResources(id, { type: 'urn:app:album' })) console.log(r.name);
     */
    async *iterateClientAuthzResources(
      clientId: string,
      query: AuthzResourceQuery = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<ResourceRepresentation, void, undefined> {
      yield* iteratePages<ResourceRepresentation>(
        this[REQUESTER],
        RESOURCES,
        { params: { id: clientId }, query: { ...query } },
        options,
      );
    }

    /**
     * python-keycloak's `get_client_authz_resource`.
     * @throws KeycloakGetError 404 (empty body) when there is no such resource.
     */
    async getClientAuthzResource(
      clientId: string,
      resourceId: string,
      options: AdminCallOptions = {},
    ): Promise<ResourceRepresentation> {
      return this[REQUESTER].call<ResourceRepresentation>(RESOURCE, {
        ...options,
        params: { id: clientId, resourceId },
      });
    }

    /** python-keycloak's `get_client_authz_scopes`: every scope, in one answer. */
    async getClientAuthzScopes(clientId: string, options: AdminCallOptions = {}): Promise<ScopeRepresentation[]> {
      return this[REQUESTER].call<ScopeRepresentation[]>(SCOPES, {
        ...options,
        params: { id: clientId },
        query: { ...ALL },
      });
    }

    /** The scopes matching `query`, a page at a time as the loop asks. */
    async *iterateClientAuthzScopes(
      clientId: string,
      query: AuthzScopeQuery = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<ScopeRepresentation, void, undefined> {
      yield* iteratePages<ScopeRepresentation>(
        this[REQUESTER],
        SCOPES,
        { params: { id: clientId }, query: { ...query } },
        options,
      );
    }

    /**
     * python-keycloak's `create_client_authz_scopes` (one scope, despite the name): resolves to the created scope.
     * @throws KeycloakPostError 409 when a scope of this name exists.
     */
    async createClientAuthzScopes(
      clientId: string,
      payload: ScopeRepresentation,
      options: AdminCallOptions = {},
    ): Promise<ScopeRepresentation> {
      return this[REQUESTER].call<ScopeRepresentation>(CREATE_SCOPE, {
        ...options,
        params: { id: clientId },
        body: payload,
      });
    }
  }
  return AuthzArea;
}

/** The resource-server, resource and scope methods KeycloakAdmin has. */
export type AuthzApi = AreaMethods<typeof AuthzArea>;
