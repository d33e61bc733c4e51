import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ExpressKeycloakContext } from './keycloak.js';

/**
 * The request of a handler behind {@link Keycloak.protected}: `req.keycloak` is set (the verified token,
 * role and scope helpers, the admin client), so no `req.keycloak!` is needed. The type parameters are
 * Express's own (route params, response body, request body, query, locals).
 */
export type ProtectedRequest<
  P = Request['params'],
  ResBody = unknown,
  ReqBody = unknown,
  ReqQuery = Request['query'],
  Locals extends Record<string, unknown> = Record<string, unknown>,
> = Request<P, ResBody, ReqBody, ReqQuery, Locals> & { keycloak: ExpressKeycloakContext };

/** A route handler that runs only after the guard let the request through; it may return a promise. */
export type ProtectedHandler<
  P = Request['params'],
  ResBody = unknown,
  ReqBody = unknown,
  ReqQuery = Request['query'],
  Locals extends Record<string, unknown> = Record<string, unknown>,
> = (
  req: ProtectedRequest<P, ResBody, ReqBody, ReqQuery, Locals>,
  res: Response<ResBody, Locals>,
  next: NextFunction,
) => unknown;

/**
 * Chains the guard's middleware and the handler into one RequestHandler: the handler runs only when the
 * guard called `next()` with no error (the request was let through, `req.keycloak` set); a refusal is
 * answered (or passed on) by the guard as usual. A handler's thrown error or rejected promise goes to
 * `next(err)` on Express 4 too, which, unlike Express 5, does not catch them.
 */
export function protectedHandler<P, ResBody, ReqBody, ReqQuery, Locals extends Record<string, unknown>>(
  guard: RequestHandler,
  handler: ProtectedHandler<P, ResBody, ReqBody, ReqQuery, Locals>,
): RequestHandler<P, ResBody, ReqBody, ReqQuery, Locals> {
  if (typeof handler !== 'function') throw new TypeError('"handler" must be a function');
  const run = handler as unknown as (req: Request, res: Response, next: NextFunction) => unknown;
  return ((request: Request, response: Response, next: NextFunction) => {
    guard(request, response, (error?: unknown) => {
      if (error !== undefined) {
        next(error);
        return;
      }
      let result: unknown;
      try {
        result = run(request, response, next);
      } catch (thrown) {
        next(thrown);
        return;
      }
      if (result instanceof Promise) result.catch(next);
    });
  }) as unknown as RequestHandler<P, ResBody, ReqBody, ReqQuery, Locals>;
}
