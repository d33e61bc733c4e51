/** What a handler answers: status, headers and a JSON object, a text body, bytes (a Buffer), or nothing. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: object | string;
  /**
   * What the admin event of this write records as its representation, when not the request body (a resource that
   * calls `adminEvent.representation(...)` with what it made, e.g. a generated certificate). Never sent.
   */
  eventRepresentation?: object;
}

/**
 * Thrown by handlers to answer with an error. The router catches it and sends `reply` as is, so handlers stop
 * at the first failure the way Keycloak's ErrorResponseException does.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly reply: Reply;

  constructor(reply: Reply) {
    super(`HTTP ${reply.status}`);
    this.reply = reply;
  }
}

/** Keycloak's OAuth error body `{"error", "error_description"}`. */
export function oauthError(
  status: number,
  error: string,
  description?: string,
  headers?: Record<string, string>,
): HttpError {
  const body = description === undefined ? { error } : { error, error_description: description };
  return new HttpError({ status, body, ...(headers ? { headers } : {}) });
}

/** The protocol side's answer for an unknown realm. */
export function realmNotFound(): HttpError {
  return new HttpError({ status: 404, body: { error: 'Realm does not exist' } });
}

/** RESTEasy's generic error body, e.g. `{"error":"HTTP 404 Not Found"}`. */
export function genericError(status: number, reason: string): HttpError {
  return new HttpError({ status, body: { error: `HTTP ${status} ${reason}` } });
}
