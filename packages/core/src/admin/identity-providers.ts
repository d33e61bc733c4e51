/**
 * The identity-providers API area (python-keycloak's `*_idp*` methods): endpoints declared over the one
 * request helper, and the area class KeycloakAdmin extends. Creating methods resolve to the last segment
 * of the `Location` header (the provider's alias, the mapper's id) where python-keycloak returns the
 * empty body.
 */
import { KeycloakOperationError } from '../errors.js';
import { type AdminArea, REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { iteratePages, type PageIterationOptions } from './pagination.js';
import type {
  IdentityProviderMapperRepresentation,
  IdentityProviderRepresentation,
} from './representations/identity-provider.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const IDPS = 'admin/realms/{realm}/identity-provider/instances';

const LIST: AdminEndpoint = { method: 'GET', path: IDPS };
const CREATE: AdminEndpoint = { method: 'POST', path: IDPS, expectedStatus: [201] };
const ONE: AdminEndpoint = { method: 'GET', path: `${IDPS}/{alias}` };
const UPDATE: AdminEndpoint = { method: 'PUT', path: `${IDPS}/{alias}`, expectedStatus: [204] };
const DELETE: AdminEndpoint = { method: 'DELETE', path: `${IDPS}/{alias}`, expectedStatus: [204] };
const MAPPERS: AdminEndpoint = { method: 'GET', path: `${IDPS}/{alias}/mappers` };
const ADD_MAPPER: AdminEndpoint = { method: 'POST', path: `${IDPS}/{alias}/mappers`, expectedStatus: [201] };
const UPDATE_MAPPER: AdminEndpoint = {
  method: 'PUT',
  path: `${IDPS}/{alias}/mappers/{mapperId}`,
  expectedStatus: [204],
};

/** Query of `GET .../identity-provider/instances` (Keycloak 26's parameters). */
export interface IdentityProviderQuery {
  /** By alias: `prefix` (default), `*infix*` or `"exact"`. */
  search?: string;
  briefRepresentation?: boolean;
  /** Only providers not linked to an organization. */
  realmOnly?: boolean;
  first?: number;
  /** Keycloak answers at most 100 providers when `max` is unset. */
  max?: number;
}

async function created(
  admin: AdminArea,
  endpoint: AdminEndpoint,
  alias: string | undefined,
  payload: object,
  options: AdminCallOptions,
): Promise<string> {
  const id = await admin[REQUESTER].create(endpoint, {
    ...options,
    ...(alias === undefined ? {} : { params: { alias } }),
    body: payload,
  });
  if (id === undefined)
    throw new KeycloakOperationError('Keycloak answered a creation without a Location', {
      code: 'ERR_INVALID_RESPONSE',
    });
  return id;
}

/** The identity-provider methods of KeycloakAdmin. */
export function IdentityProvidersArea<B extends AreaBase>(Base: B) {
  abstract class IdentityProvidersArea extends Base {
    /**
     * python-keycloak's `create_idp`: resolves to the new provider's alias (from `Location`).
     * @throws KeycloakPostError 409 when the alias is taken, 400 for a representation Keycloak refuses.
     */
    async createIdp(payload: IdentityProviderRepresentation, options: AdminCallOptions = {}): Promise<string> {
      return created(this, CREATE, undefined, payload, options);
    }

    /** python-keycloak's `update_idp`: replaces the provider; a masked `clientSecret` (`**********`) keeps the stored one. */
    async updateIdp(
      idpAlias: string,
      payload: IdentityProviderRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE, { ...options, params: { alias: idpAlias }, body: payload });
    }

    /** python-keycloak's `get_idps`, with Keycloak's optional query (one request; `iterateIdps` pages through all). */
    async getIdps(
      query: IdentityProviderQuery = {},
      options: AdminCallOptions = {},
    ): Promise<IdentityProviderRepresentation[]> {
      return this[REQUESTER].call<IdentityProviderRepresentation[]>(LIST, { ...options, query: { ...query } });
    }

    /** Every provider matching `query`, a page at a time as the loop asks. */
    async *iterateIdps(
      query: Omit<IdentityProviderQuery, 'first' | 'max'> = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<IdentityProviderRepresentation, void, undefined> {
      yield* iteratePages<IdentityProviderRepresentation>(this[REQUESTER], LIST, { query: { ...query } }, options);
    }

    /**
     * python-keycloak's `get_idp` (by alias or internal id); secrets come back masked.
     * @throws KeycloakGetError 404 when there is no such provider.
     */
    async getIdp(idpAlias: string, options: AdminCallOptions = {}): Promise<IdentityProviderRepresentation> {
      return this[REQUESTER].call<IdentityProviderRepresentation>(ONE, { ...options, params: { alias: idpAlias } });
    }

    /** python-keycloak's `delete_idp`: the provider, its mappers and the users' links to it. */
    async deleteIdp(idpAlias: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE, { ...options, params: { alias: idpAlias } });
    }

    /** python-keycloak's `add_mapper_to_idp`: resolves to the new mapper's id (from `Location`). */
    async addMapperToIdp(
      idpAlias: string,
      payload: IdentityProviderMapperRepresentation,
      options: AdminCallOptions = {},
    ): Promise<string> {
      // Keycloak stores the mapper under the representation's identityProviderAlias, not the path's: without it the
      // insert fails (409 "Duplicate resource error"), so the path's alias fills it in.
      return created(this, ADD_MAPPER, idpAlias, { identityProviderAlias: idpAlias, ...payload }, options);
    }

    /** python-keycloak's `update_mapper_in_idp`: replaces the mapper by `payload`. */
    async updateMapperInIdp(
      idpAlias: string,
      mapperId: string,
      payload: IdentityProviderMapperRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_MAPPER, { ...options, params: { alias: idpAlias, mapperId }, body: payload });
    }

    /** python-keycloak's `get_idp_mappers`. */
    async getIdpMappers(
      idpAlias: string,
      options: AdminCallOptions = {},
    ): Promise<IdentityProviderMapperRepresentation[]> {
      return this[REQUESTER].call<IdentityProviderMapperRepresentation[]>(MAPPERS, {
        ...options,
        params: { alias: idpAlias },
      });
    }
  }
  return IdentityProvidersArea;
}

/** The identity-provider methods KeycloakAdmin has. */
export type IdentityProvidersApi = AreaMethods<typeof IdentityProvidersArea>;
