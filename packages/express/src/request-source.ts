import type { RequestSource } from '@keycloak-ts/core';
import type { Request } from 'express';

/** How the guard reads an Express request (4 and 5 alike). */
export const expressRequestSource: RequestSource<Request> = {
  rawHeaders: (request) => request.rawHeaders,
  query: (request, name) => (request.query as Record<string, unknown> | undefined)?.[name],
  // originalUrl keeps the mount path of routers, as the policy enforcer's paths are the app's paths;
  // the query stays in it and is parsed by the enforcer, which does not read Express's nested objects.
  enforcerRequest: (request) => ({
    method: request.method,
    path: request.originalUrl,
    headers: request.headers,
    body: request.body as unknown,
    remoteAddress: request.socket.remoteAddress,
    secure: request.secure,
  }),
};
