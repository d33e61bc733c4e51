import { KeycloakGuardError } from '@keycloak-ts/core';
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';

/**
 * Express error middleware answering a {@link KeycloakGuardError} with its status, its headers
 * (`WWW-Authenticate`, `Retry-After`) and the JSON body `{ error, error_description }`; any other error
 * goes on to the next error handler. Mount it after your routes, or write your own from the error's fields.
 */
export function keycloakErrorHandler(): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => answerRefusal(error, response, next);
}

/**
 * Answers a {@link KeycloakGuardError} as RFC 6750 says (status, `WWW-Authenticate` and the other headers it
 * carries, `{ error, error_description }`); anything else, or an answer already started, goes to `next`. No stack
 * trace ever reaches the client.
 */
export function answerRefusal(error: unknown, response: Response, next: NextFunction): void {
  if (!(error instanceof KeycloakGuardError) || response.headersSent) {
    next(error);
    return;
  }
  response.status(error.status).set(error.headers).json(error.toJSON());
}

/** `runInlineCheck`'s refusal callback for the middleware: Express puts the response on `req.res`. */
export function respondToRefusal(request: Request, error: unknown, next: NextFunction): void {
  const response = request.res;
  if (response === undefined) next(error);
  else answerRefusal(error, response, next);
}
