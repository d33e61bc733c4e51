import type { FastifyKeycloak, FastifyKeycloakContext } from './plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Added by keycloakPlugin. */
    keycloak: FastifyKeycloak;
  }
  interface FastifyRequest {
    /** Set by `app.keycloak.protect()`; null on routes it does not guard. */
    keycloak: FastifyKeycloakContext | null;
  }
}
