import { KeycloakGuardError } from '@keycloak-ts/core';
import type { ErrorRequestHandler } from 'express';

/**
 * Express error middleware answering a {@link KeycloakGuardError} with its status, its headers
 * (`WWW-Authenticate`, `Retry-After`) and the JSON body `{ error, error_description }`; any other error
 * goes on to the next error handler. Mount it after your routes, or write your own from the error's fields.
 */
export function keycloakErrorHandler(): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (!(error instanceof KeycloakGuardError) || response.headersSent) return next(error);
    response.status(error.status).set(error.headers).json(error.toJSON());
  };
}
