import type { RequestSource } from '@keycloak-ts/core';
import type { FastifyRequest } from 'fastify';

/** How the guard reads a Fastify request. */
export const fastifyRequestSource: RequestSource<FastifyRequest> = {
  rawHeaders: (request) => request.raw.rawHeaders,
  // The guard's lines for a request go with the request's own (its reqId), as Fastify's do.
  log: (request) => request.log,
  query: (request, name) => (request.query as Record<string, unknown> | undefined)?.[name],
  // The raw URL (with its query, parsed by the enforcer) is the app's path, whatever plugin prefix routed it.
  enforcerRequest: (request) => ({
    method: request.method,
    path: request.url,
    headers: request.headers,
    body: request.body,
    remoteAddress: request.ip,
    secure: request.protocol === 'https',
  }),
  // A DPoP proof's htu is the URL the client used: Fastify's protocol and host (with port) honour its
  // `trustProxy` option, so X-Forwarded-* counts only from a trusted proxy; the raw URL holds the whole path.
  requestTarget: (request) => ({
    method: request.method,
    origin: request.host ? `${request.protocol}://${request.host}` : undefined,
    path: request.url,
  }),
};
