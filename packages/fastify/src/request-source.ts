import type { RequestSource } from '@keycloak-ts/core';
import type { FastifyRequest } from 'fastify';

/** How the guard reads a Fastify request. */
export const fastifyRequestSource: RequestSource<FastifyRequest> = {
  rawHeaders: (request) => request.raw.rawHeaders,
  query: (request, name) => (request.query as Record<string, unknown> | undefined)?.[name],
};
