import { genericError, HttpError } from '../http/http-error.js';

/**
 * The admin API's error answers, in the four body shapes Keycloak 26 uses (samples/errors.json):
 * RESTEasy's generic `{"error":"HTTP <code> <reason>"}`, a bare `{"error":"<message>"}` from a thrown
 * WebApplicationException, `{"errorMessage": ...}` from ErrorResponse, and the JSON binding failure.
 */

/** 401 for a missing, malformed, expired or session-less token; no WWW-Authenticate header, as Keycloak. */
export const unauthorized = (): HttpError => genericError(401, 'Unauthorized');

/** 403 when the caller lacks the role the operation needs. */
export const forbidden = (): HttpError => genericError(403, 'Forbidden');

/** `{"error": message}` with a status, as a NotFoundException/BadRequestException with a message answers. */
export function errorMessage(status: number, message: string): HttpError {
  return new HttpError({ status, body: { error: message } });
}

/** ErrorResponse.error/exists: `{"errorMessage": message}`. */
export function errorResponse(status: number, message: string): HttpError {
  return new HttpError({ status, body: { errorMessage: message } });
}

/** The admin side's unknown realm (with its full stop, unlike the protocol side's "Realm does not exist"). */
export const adminRealmNotFound = (): HttpError => errorMessage(404, 'Realm not found.');

/**
 * Bytes that are not JSON at all: Jackson's JsonParseException, which KeycloakErrorHandler maps to
 * `invalid_request`.
 */
export const malformedJson = (): HttpError =>
  new HttpError({ status: 400, body: { error: 'invalid_request', error_description: 'Cannot parse the JSON' } });

/**
 * JSON that does not bind to the representation (an array for an object, a string for a boolean, an object for a
 * list): Jackson's MismatchedInputException, which KeycloakErrorHandler answers as `unknown_error`.
 */
export const cannotParseJson = (): HttpError =>
  new HttpError({ status: 400, body: { error: 'unknown_error', error_description: 'Cannot parse the JSON' } });

/**
 * A RuntimeException inside Keycloak (e.g. RepresentationToModel failing on a reference it cannot resolve), which
 * KeycloakErrorHandler answers 500 with no detail. Answered on purpose, where Keycloak answers it, never by a crash.
 */
export const serverError = (): HttpError =>
  new HttpError({
    status: 500,
    body: { error: 'unknown_error', error_description: 'For more on this error consult the server log.' },
  });
