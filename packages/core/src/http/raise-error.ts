/**
 * python-keycloak's `raise_error_from_response`: the one place an HTTP answer becomes either its body
 * or the matching error, so every API area reports failures the same way.
 */
import {
  KeycloakAuthenticationError,
  type KeycloakError,
  KeycloakOperationError,
  type KeycloakErrorOptions,
} from '../errors.js';
import type { KeycloakResponse } from './types.js';
import { cleanMessage } from './internal/clean-message.js';

/** An error class the caller picks per method (KeycloakGetError for GET, KeycloakPostError for POST...). */
export type KeycloakErrorClass = new (message: string, options?: KeycloakErrorOptions) => KeycloakError;

/** How {@link raiseErrorFromResponse} judges an answer. */
export interface RaiseErrorOptions {
  /**
   * The error to throw: one class (a 401 then throws KeycloakAuthenticationError instead), or a map
   * from status to class, with KeycloakOperationError for statuses it lacks (python-keycloak's dict form).
   */
  error: KeycloakErrorClass | Readonly<Record<number, KeycloakErrorClass>>;
  /** Statuses that are success. Default 200, 201, 204. */
  expectedStatus?: readonly number[];
  /** Return the body of a 409 instead of throwing: "already exists" is fine for the caller. */
  skipExists?: boolean;
}

const DEFAULT_EXPECTED: readonly number[] = [200, 201, 204];

/**
 * Returns `response.body` when the status is expected (or 409 with `skipExists`), else throws the
 * chosen error with Keycloak's message, the status and the redacted body.
 */
export function raiseErrorFromResponse<T>(response: KeycloakResponse<T>, options: RaiseErrorOptions): T {
  const { status } = response;
  if ((options.expectedStatus ?? DEFAULT_EXPECTED).includes(status)) return response.body;
  if (options.skipExists === true && status === 409) return response.body;
  const ErrorClass =
    typeof options.error === 'function'
      ? status === 401
        ? KeycloakAuthenticationError
        : options.error
      : (options.error[status] ?? KeycloakOperationError);
  // KeycloakOperationError defaults to ERR_OPERATION; an unexpected answer is ERR_HTTP unless a 401.
  const code = status === 401 && ErrorClass === KeycloakAuthenticationError ? 'ERR_AUTHENTICATION' : 'ERR_HTTP';
  throw new ErrorClass(errorMessageFromBody(response.body, status), { code, status, body: response.body });
}

/**
 * Keycloak's own words from an error body: `error_description`, then `errorMessage` (admin API),
 * then `error`, then `HTTP <status>`. Tokens are cut out and the length is capped.
 */
export function errorMessageFromBody(body: unknown, status: number): string {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    for (const key of ['error_description', 'errorMessage', 'error']) {
      const value = record[key];
      if (typeof value === 'string' && value.trim() !== '') return cleanMessage(value);
    }
  }
  return `HTTP ${status}`;
}
