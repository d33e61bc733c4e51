/**
 * The one request helper every admin API area stands on. An area declares its endpoints as data
 * ({@link AdminEndpoint}: verb, URL template, expected statuses) and calls {@link AdminRequester}
 * with path values, query, body and call options; the helper fills `{realm}` with the current realm,
 * encodes every path value, sends the call with the admin token, and turns unexpected answers into the
 * verb's error class. No endpoint writes its own HTTP call.
 */
import {
  KeycloakDeleteError,
  KeycloakGetError,
  KeycloakOperationError,
  KeycloakPostError,
  KeycloakPutError,
} from '../errors.js';
import { raiseErrorFromResponse, type KeycloakErrorClass } from '../http/raise-error.js';
import type {
  KeycloakResponse,
  MultipartFields,
  QueryParams,
  RequestBody,
  ResponseExpectation,
} from '../http/types.js';
import { buildPath, type PathParams } from '../http/url.js';
import type { KeycloakOpenIDConnection } from './auth/openid-connection.js';

/** The verbs of Keycloak's admin REST API. */
export type AdminMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One admin endpoint, declared once by its API area. */
export interface AdminEndpoint {
  readonly method: AdminMethod;
  /** Path template relative to the server URL; `{realm}` defaults to the current realm, e.g. `admin/realms/{realm}/users/{id}`. */
  readonly path: string;
  /** Statuses that are success. Default 200, 201, 204 (python-keycloak's default). */
  readonly expectedStatus?: readonly number[];
  /**
   * How a 2xx answer body is read. Default `json` (an empty 201/204 body reads as `undefined`); not
   * `none`, which would also drop the body of an error answer and with it Keycloak's message.
   */
  readonly expect?: ResponseExpectation;
}

/** Options every admin method takes last. */
export interface AdminCallOptions {
  /** Aborts the call (and the wait for a shared token renewal); it then fails with `ERR_ABORTED`. */
  signal?: AbortSignal;
  /** Time limit of this call in ms; default the connection's `timeout`. */
  timeout?: number;
}

/** What one call of an endpoint carries. */
export interface AdminCall extends AdminCallOptions {
  /** Values of the template's placeholders (each percent-encoded as one segment); `realm` defaults to the current realm. */
  readonly params?: PathParams;
  readonly query?: QueryParams;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as `multipart/form-data` instead of `body` (uploads). */
  readonly multipart?: MultipartFields;
  /** A 409 "already exists" answer is returned instead of thrown (python-keycloak's `skip_exists`). */
  readonly skipExists?: boolean;
}

const ERROR_BY_METHOD: Readonly<Record<AdminMethod, KeycloakErrorClass>> = {
  GET: KeycloakGetError,
  POST: KeycloakPostError,
  PUT: KeycloakPutError,
  DELETE: KeycloakDeleteError,
};

/** Sends the calls of the admin API areas through one authenticated connection. */
export class AdminRequester {
  readonly #connection: KeycloakOpenIDConnection;

  constructor(connection: KeycloakOpenIDConnection) {
    this.#connection = connection;
  }

  /** The connection calls go through. */
  get connection(): KeycloakOpenIDConnection {
    return this.#connection;
  }

  /**
   * Calls `endpoint` and returns its body, typed by the caller as the representation Keycloak documents.
   * @throws KeycloakGetError / PostError / PutError / DeleteError (by verb) with the status and redacted
   *   body of an unexpected answer; KeycloakAuthenticationError on a 401 that a renewed token did not cure.
   */
  async call<T>(endpoint: AdminEndpoint, call: AdminCall = {}): Promise<T> {
    return (await this.send<T>(endpoint, call)).body;
  }

  /**
   * Calls a creating endpoint and returns the id Keycloak put at the end of the `Location` header.
   * With `skipExists`, a 409 returns `undefined`.
   */
  async create(endpoint: AdminEndpoint, call: AdminCall = {}): Promise<string | undefined> {
    const response = await this.send(endpoint, call);
    if (response.status === 409) return undefined;
    return idFromLocation(response.headers['location']);
  }

  /** Calls `endpoint` and returns the whole answer once its status was judged expected. */
  async send<T>(endpoint: AdminEndpoint, call: AdminCall = {}): Promise<KeycloakResponse<T>> {
    const params: PathParams = { realm: this.#connection.realmName, ...call.params };
    const response = await this.#connection.request<T>({
      method: endpoint.method,
      path: buildPath(endpoint.path, params),
      query: call.query,
      ...requestBody(call),
      expect: endpoint.expect ?? 'json',
      signal: call.signal,
      timeout: call.timeout,
    });
    raiseErrorFromResponse(response, {
      error: ERROR_BY_METHOD[endpoint.method],
      expectedStatus: endpoint.expectedStatus,
      skipExists: call.skipExists,
    });
    return response;
  }
}

function requestBody(call: AdminCall): { body?: RequestBody } {
  if (call.multipart !== undefined) return { body: { multipart: call.multipart } };
  return call.body === undefined ? {} : { body: { json: call.body } };
}

/** python-keycloak's `_last_slash`: the last segment of a `Location` header, percent-decoded. */
function idFromLocation(location: string | undefined): string {
  const segment = location?.replace(/\/+$/, '').split('/').pop();
  if (segment === undefined || segment === '') {
    throw new KeycloakOperationError('Keycloak created the resource but sent no Location header', {
      code: 'ERR_INVALID_RESPONSE',
    });
  }
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new KeycloakOperationError('The Location header ends in a malformed escape', {
      code: 'ERR_INVALID_RESPONSE',
    });
  }
}
