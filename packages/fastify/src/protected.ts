import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerHookHandler,
  RouteGenericInterface,
  RouteShorthandOptionsWithHandler,
} from 'fastify';
import type { FastifyKeycloakContext } from './plugin.js';

/**
 * The request of a handler behind `app.keycloak.protected()`: `request.keycloak` is set (the verified
 * token, role and scope helpers, the admin client), so no `request.keycloak!` is needed. `RouteGeneric`
 * is Fastify's own (`Params`, `Querystring`, `Body`, `Headers`, `Reply`).
 */
export type FastifyProtectedRequest<RouteGeneric extends RouteGenericInterface = RouteGenericInterface> =
  FastifyRequest<RouteGeneric> & { keycloak: FastifyKeycloakContext };

/** A route handler that runs only after the guard's preHandler let the request through. */
export type FastifyProtectedHandler<RouteGeneric extends RouteGenericInterface = RouteGenericInterface> = (
  this: FastifyInstance,
  request: FastifyProtectedRequest<RouteGeneric>,
  reply: FastifyReply<RouteGeneric>,
) => unknown;

/**
 * Route options whose `preHandler` is the guard and whose `handler` sees `request.keycloak` as set:
 * Fastify runs a route's preHandler hooks before its handler, and a refusal never reaches the handler.
 */
export function protectedRoute<RouteGeneric extends RouteGenericInterface>(
  preHandler: preHandlerHookHandler,
  handler: FastifyProtectedHandler<RouteGeneric>,
): RouteShorthandOptionsWithHandler<
  FastifyInstance['server'],
  FastifyRequest['raw'],
  FastifyReply['raw'],
  RouteGeneric
> {
  if (typeof handler !== 'function') throw new TypeError('"handler" must be a function');
  return { preHandler, handler: handler as never };
}
