/**
 * KeycloakUMA: python-keycloak's UMA 2.0 client, method for method, over the Protection API of one
 * resource server. Every endpoint comes from the realm's `uma2-configuration` (fetched once, shared by
 * concurrent callers); calls carry a PAT that the {@link KeycloakOpenIDConnection} obtains with the
 * client's credentials and renews before it expires.
 */
import { KeycloakDeleteError, KeycloakGetError, KeycloakPostError, KeycloakPutError } from '../errors.js';
import type { KeycloakOpenIDConnection } from '../admin/auth/openid-connection.js';
import { raiseErrorFromResponse, type RaiseErrorOptions } from '../http/raise-error.js';
import type { HttpMethod, QueryParams, RequestBody } from '../http/types.js';
import { buildPath } from '../http/url.js';
import { SharedFetch } from '../shared/shared-fetch.js';
import type { KeycloakPermission } from '../token/claims.js';
import { endpointWithId, formatUrl } from './internal/endpoint-url.js';
import { ticketPayload } from './internal/ticket-payload.js';
import type { UMAPermission } from '../permissions/uma-permission.js';
import { PermissionSet } from '../permissions/permission-set.js';
import type {
  PermissionTicketQuery,
  PermissionTicketRequest,
  PermissionTicketRepresentation,
  PermissionTicketResponse,
  ResourceSetQuery,
  UmaCallOptions,
  UmaConfiguration,
  UmaPolicyQuery,
  UmaPolicyRepresentation,
  UmaResourceRepresentation,
} from './types.js';

/** Options of {@link KeycloakUMA}. */
export interface KeycloakUMAOptions {
  /**
   * The connection of the resource server: a confidential client with `clientSecretKey` (its service
   * account holds `uma_protection`), so its token is a PAT. `realmName` picks the realm.
   */
  connection: KeycloakOpenIDConnection;
}

type Endpoint = 'resource_registration_endpoint' | 'permission_endpoint' | 'policy_endpoint' | 'token_endpoint';

/** One Protection API call as the private helper takes it. */
interface UmaCall {
  method: HttpMethod;
  endpoint: Endpoint;
  /** Appended to the endpoint, already encoded. */
  suffix?: (base: string) => string;
  query?: QueryParams;
  body?: RequestBody;
  judge: RaiseErrorOptions;
}

const UMA_GRANT = 'urn:ietf:params:oauth:grant-type:uma-ticket';

/**
 * A UMA client of one realm's resource server.
 *
 * @example
 * ```ts
 * const connection = new KeycloakOpenIDConnection({ serverUrl, realmName: 'acme', clientId: 'api', clientSecretKey });
 * const uma = new KeycloakUMA({ connection });
 * const created = await uma.resourceSetCreate({ name: 'invoice-42', resource_scopes: ['view'] });
 * const allowed = await uma.permissionsCheck(userToken, [new Resource('invoice-42').with(new Scope('view'))]);
 * ```
 */
export class KeycloakUMA {
  readonly #connection: KeycloakOpenIDConnection;
  readonly #wellKnown: SharedFetch<UmaConfiguration>;

  /** @throws TypeError when `connection` is missing. */
  constructor(options: KeycloakUMAOptions) {
    if (
      options === null ||
      typeof options !== 'object' ||
      options.connection === null ||
      typeof options.connection !== 'object'
    ) {
      throw new TypeError('KeycloakUMA: "connection" must be a KeycloakOpenIDConnection');
    }
    this.#connection = options.connection;
    this.#wellKnown = new SharedFetch(() => this.#fetchWellKnown());
  }

  /** The connection the PAT comes from. */
  get connection(): KeycloakOpenIDConnection {
    return this.#connection;
  }

  /** python-keycloak's `format_url`: fills `{name}` placeholders with `quote_plus`-encoded values. */
  static formatUrl(url: string, params: Readonly<Record<string, string>>): string {
    return formatUrl(url, params);
  }

  /** python-keycloak's `uma_well_known`: the discovery document, fetched on first use and cached per instance. */
  umaWellKnown(options: UmaCallOptions = {}): Promise<UmaConfiguration> {
    return this.#wellKnown.get(options.signal);
  }

  /** python-keycloak's `resource_set_create`: registers a resource (201) and returns it with its `_id`. */
  resourceSetCreate(
    payload: UmaResourceRepresentation,
    options: UmaCallOptions = {},
  ): Promise<UmaResourceRepresentation> {
    const judge = { error: KeycloakPostError, expectedStatus: [201] };
    return this.#call(
      { method: 'POST', endpoint: 'resource_registration_endpoint', body: { json: payload }, judge },
      options,
    );
  }

  /** python-keycloak's `resource_set_update` (204). */
  async resourceSetUpdate(
    resourceId: string,
    payload: UmaResourceRepresentation,
    options: UmaCallOptions = {},
  ): Promise<void> {
    const judge = { error: KeycloakPutError, expectedStatus: [204] };
    await this.#call(
      {
        method: 'PUT',
        endpoint: 'resource_registration_endpoint',
        suffix: byId(resourceId, 'resourceId'),
        body: { json: payload },
        judge,
      },
      options,
    );
  }

  /** python-keycloak's `resource_set_read`. */
  resourceSetRead(resourceId: string, options: UmaCallOptions = {}): Promise<UmaResourceRepresentation> {
    const judge = { error: KeycloakGetError, expectedStatus: [200] };
    return this.#call(
      { method: 'GET', endpoint: 'resource_registration_endpoint', suffix: byId(resourceId, 'resourceId'), judge },
      options,
    );
  }

  /** python-keycloak's `resource_set_delete` (204; Keycloak refuses it unless remote resource management is allowed). */
  async resourceSetDelete(resourceId: string, options: UmaCallOptions = {}): Promise<void> {
    const judge = { error: KeycloakDeleteError, expectedStatus: [204] };
    await this.#call(
      { method: 'DELETE', endpoint: 'resource_registration_endpoint', suffix: byId(resourceId, 'resourceId'), judge },
      options,
    );
  }

  /** python-keycloak's `resource_set_list_ids`: the ids of the resources matching the query. */
  resourceSetListIds(query: ResourceSetQuery = {}, options: UmaCallOptions = {}): Promise<string[]> {
    const params: QueryParams = {
      name: query.name || undefined,
      exactName: query.name && query.exactName ? 'true' : undefined,
      uri: query.uri || undefined,
      matchingUri: query.uri && query.matchingUri ? 'true' : undefined,
      owner: query.owner || undefined,
      type: query.type || undefined,
      scope: query.scope || undefined,
      ...paging(query),
    };
    const judge = { error: KeycloakGetError, expectedStatus: [200] };
    return this.#call({ method: 'GET', endpoint: 'resource_registration_endpoint', query: params, judge }, options);
  }

  /** python-keycloak's `resource_set_list`: every matching resource, read one by one as the iteration reaches it. */
  async *resourceSetList(
    query: ResourceSetQuery = {},
    options: UmaCallOptions = {},
  ): AsyncGenerator<UmaResourceRepresentation> {
    for (const id of await this.resourceSetListIds(query, options)) yield await this.resourceSetRead(id, options);
  }

  /**
   * python-keycloak's `permission_ticket_create`: asks for a permission ticket. A permission without
   * `resourceId` is resolved by exact resource name first.
   * @throws KeycloakPostError "Invalid resource specified" when a name matches no resource.
   */
  async permissionTicketCreate(
    permissions: Iterable<UMAPermission>,
    options: UmaCallOptions = {},
  ): Promise<PermissionTicketResponse> {
    const entries: { resourceId: string; scope: string }[] = [];
    for (const permission of permissions) {
      let resourceId = permission.resourceId;
      if (resourceId === undefined) {
        [resourceId] = await this.resourceSetListIds(
          { name: permission.resource, exactName: true, first: 0, max: 1 },
          options,
        );
        if (resourceId === undefined) throw new KeycloakPostError('Invalid resource specified');
      }
      entries.push({ resourceId, scope: permission.scope });
    }
    const judge = { error: KeycloakPostError, expectedStatus: [200, 201] };
    return this.#call(
      { method: 'POST', endpoint: 'permission_endpoint', body: { json: ticketPayload(entries) }, judge },
      options,
    );
  }

  /**
   * Asks for a permission ticket with Keycloak's own request body (`resource_id`, `resource_scopes`,
   * `claims`), as keycloak-client's PermissionResource.create sends it: the policy enforcer's
   * `user-managed-access` challenge.
   */
  permissionTicketRequest(
    requests: readonly PermissionTicketRequest[],
    options: UmaCallOptions = {},
  ): Promise<PermissionTicketResponse> {
    const judge = { error: KeycloakPostError, expectedStatus: [200, 201] };
    return this.#call({ method: 'POST', endpoint: 'permission_endpoint', body: { json: requests }, judge }, options);
  }

  /**
   * python-keycloak's `permissions_check`: whether the user's `token` holds every one of these
   * permissions. An empty list is always allowed. Unlike python-keycloak this is exact: Keycloak's
   * `response_mode=decision` says true as soon as any one permission is granted, so the granted list
   * (`response_mode=permissions`) is matched instead, as the guards match it. A refusal (4xx) is
   * `false`; an outage (5xx, no answer) throws, so it is not mistaken for a denial.
   */
  async permissionsCheck(
    token: string,
    permissions: Iterable<UMAPermission | string>,
    options: UmaCallOptions = {},
  ): Promise<boolean> {
    const values = [...permissions].map(String).filter((value) => value !== '');
    if (values.length === 0) return true;
    const needs = PermissionSet.from(values);
    const form = {
      grant_type: UMA_GRANT,
      permission: [...needs.params],
      response_mode: 'permissions',
      audience: this.#connection.clientId,
    };
    const { token_endpoint: endpoint } = await this.umaWellKnown(options);
    const response = await this.#connection.http.request<KeycloakPermission[]>({
      method: 'POST',
      path: endpoint,
      body: { form },
      headers: { authorization: `Bearer ${token}` },
      signal: options.signal,
      timeout: options.timeout,
    });
    if (response.status >= 400 && response.status < 500) return false;
    const granted = raiseErrorFromResponse(response, { error: KeycloakPostError, expectedStatus: [200] });
    return Array.isArray(granted) && needs.match(granted).allowed;
  }

  /** python-keycloak's `policy_resource_create`: a user-managed permission on a resource (the token must be its owner's). */
  policyResourceCreate(
    resourceId: string,
    payload: UmaPolicyRepresentation,
    options: UmaCallOptions = {},
  ): Promise<UmaPolicyRepresentation> {
    const judge = { error: KeycloakPostError, expectedStatus: [200, 201] };
    return this.#call(
      {
        method: 'POST',
        endpoint: 'policy_endpoint',
        suffix: byId(resourceId, 'resourceId'),
        body: { json: payload },
        judge,
      },
      options,
    );
  }

  /** python-keycloak's `policy_update`. Keycloak answers 201 Created, without a body. */
  async policyUpdate(policyId: string, payload: UmaPolicyRepresentation, options: UmaCallOptions = {}): Promise<void> {
    const judge = { error: KeycloakPutError, expectedStatus: [200, 201, 204] };
    await this.#call(
      {
        method: 'PUT',
        endpoint: 'policy_endpoint',
        suffix: byId(policyId, 'policyId'),
        body: { json: payload },
        judge,
      },
      options,
    );
  }

  /** python-keycloak's `policy_delete`. */
  async policyDelete(policyId: string, options: UmaCallOptions = {}): Promise<void> {
    const judge = { error: KeycloakDeleteError, expectedStatus: [200, 204] };
    await this.#call(
      { method: 'DELETE', endpoint: 'policy_endpoint', suffix: byId(policyId, 'policyId'), judge },
      options,
    );
  }

  /** python-keycloak's `policy_query`: the caller's user-managed permissions matching the query. */
  async policyQuery(query: UmaPolicyQuery = {}, options: UmaCallOptions = {}): Promise<UmaPolicyRepresentation[]> {
    const params: QueryParams = {
      name: query.name || undefined,
      resource: query.resource || undefined,
      scope: query.scope || undefined,
      ...paging(query),
    };
    const found = await this.#call<UmaPolicyRepresentation[] | Record<string, never>>(
      { method: 'GET', endpoint: 'policy_endpoint', query: params, judge: { error: KeycloakGetError } },
      options,
    );
    // Keycloak answers {} rather than [] when nothing matches.
    return Array.isArray(found) ? found : [];
  }

  /** Creates a permission ticket record (`POST {permission_endpoint}/ticket`): the resource owner grants or requests access. */
  permissionTicketRecordCreate(
    ticket: PermissionTicketRepresentation,
    options: UmaCallOptions = {},
  ): Promise<PermissionTicketRepresentation> {
    const judge = { error: KeycloakPostError, expectedStatus: [200, 201] };
    return this.#call(
      { method: 'POST', endpoint: 'permission_endpoint', suffix: ticketPath(), body: { json: ticket }, judge },
      options,
    );
  }

  /** Lists permission ticket records (`GET {permission_endpoint}/ticket`). */
  permissionTicketRecordFind(
    query: PermissionTicketQuery = {},
    options: UmaCallOptions = {},
  ): Promise<PermissionTicketRepresentation[]> {
    const judge = { error: KeycloakGetError, expectedStatus: [200] };
    return this.#call(
      { method: 'GET', endpoint: 'permission_endpoint', suffix: ticketPath(), query: ticketQuery(query), judge },
      options,
    );
  }

  /** Counts permission ticket records (`GET {permission_endpoint}/ticket/count`). */
  permissionTicketRecordCount(
    query: Omit<PermissionTicketQuery, 'first' | 'max' | 'returnNames'> = {},
    options: UmaCallOptions = {},
  ): Promise<number> {
    const judge = { error: KeycloakGetError, expectedStatus: [200] };
    return this.#call(
      { method: 'GET', endpoint: 'permission_endpoint', suffix: ticketPath('count'), query: ticketQuery(query), judge },
      options,
    );
  }

  /** Updates a permission ticket record (`PUT {permission_endpoint}/ticket`, the body names its `id`), e.g. to grant it. */
  async permissionTicketRecordUpdate(
    ticket: PermissionTicketRepresentation,
    options: UmaCallOptions = {},
  ): Promise<void> {
    const judge = { error: KeycloakPutError, expectedStatus: [200, 204] };
    await this.#call(
      { method: 'PUT', endpoint: 'permission_endpoint', suffix: ticketPath(), body: { json: ticket }, judge },
      options,
    );
  }

  /** Deletes a permission ticket record (`DELETE {permission_endpoint}/ticket/{id}`). */
  async permissionTicketRecordDelete(ticketId: string, options: UmaCallOptions = {}): Promise<void> {
    const judge = { error: KeycloakDeleteError, expectedStatus: [200, 204] };
    const suffix = (base: string): string => endpointWithId(ticketPath()(base), ticketId, 'ticketId');
    await this.#call({ method: 'DELETE', endpoint: 'permission_endpoint', suffix, judge }, options);
  }

  async #fetchWellKnown(): Promise<UmaConfiguration> {
    const path = buildPath('realms/{realm}/.well-known/uma2-configuration', { realm: this.#connection.realmName });
    const response = await this.#connection.http.request<UmaConfiguration>({ method: 'GET', path });
    const document = raiseErrorFromResponse(response, { error: KeycloakGetError, expectedStatus: [200] });
    const endpoints: Endpoint[] = [
      'resource_registration_endpoint',
      'permission_endpoint',
      'policy_endpoint',
      'token_endpoint',
    ];
    if (
      document === null ||
      typeof document !== 'object' ||
      endpoints.some((name) => typeof document[name] !== 'string')
    ) {
      throw new KeycloakGetError('The uma2-configuration document lacks the UMA endpoints', {
        code: 'ERR_INVALID_RESPONSE',
      });
    }
    return document;
  }

  async #call<T>(call: UmaCall, options: UmaCallOptions): Promise<T> {
    const document = await this.umaWellKnown(options);
    const base = document[call.endpoint];
    const path = call.suffix === undefined ? base : call.suffix(base);
    const response = await this.#connection.request<T>({
      method: call.method,
      path,
      query: call.query,
      body: call.body,
      signal: options.signal,
      timeout: options.timeout,
    });
    return raiseErrorFromResponse(response, call.judge);
  }
}

function byId(id: string, what: string): (base: string) => string {
  return (base) => endpointWithId(base, id, what);
}

function ticketPath(...rest: string[]): (base: string) => string {
  return (base) => [base.replace(/\/+$/, ''), 'ticket', ...rest].join('/');
}

/** python-keycloak's paging: `first` only when positive, `max` only when not negative. */
function paging(query: { first?: number; max?: number }): QueryParams {
  return {
    first: query.first !== undefined && query.first > 0 ? query.first : undefined,
    max: query.max !== undefined && query.max >= 0 ? query.max : undefined,
  };
}

function ticketQuery(query: PermissionTicketQuery): QueryParams {
  const { scopeId, resourceId, owner, requester, granted, returnNames } = query;
  return { scopeId, resourceId, owner, requester, granted, returnNames, ...paging(query) };
}
