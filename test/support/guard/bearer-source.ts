import type { RequestSource } from '@keycloak-ts/core';

/** A framework-free request of the core guard tests: a bearer token, and the realm a resolver may read. */
export interface BearerRequest {
  token?: string;
  realm?: string;
}

/** Reads {@link BearerRequest}s: the token as `Authorization: Bearer`, no query. */
export const bearerSource: RequestSource<BearerRequest> = {
  rawHeaders: (request) => (request.token === undefined ? [] : ['Authorization', `Bearer ${request.token}`]),
  query: () => undefined,
};
