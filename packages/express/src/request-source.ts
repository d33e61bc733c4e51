import type { RequestSource } from '@keycloak-ts/core';
import type { Request } from 'express';

/** How the guard reads an Express request (4 and 5 alike). */
export const expressRequestSource: RequestSource<Request> = {
  rawHeaders: (request) => request.rawHeaders,
  query: (request, name) => (request.query as Record<string, unknown> | undefined)?.[name],
};
