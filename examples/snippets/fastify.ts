import { keycloakPlugin } from '@keycloak-ts/fastify';
import Fastify from 'fastify';

const app = Fastify({ logger: true });
await app.register(keycloakPlugin, { serverUrl: 'http://localhost:8080', realm: 'demo', clientId: 'demo-api' });

// protected(spec?, handler): route options { preHandler, handler }; the handler sees request.keycloak as set.
app.get(
  '/me',
  app.keycloak.protected(async (request) => ({ user: request.keycloak.token.sub })),
);
app.get(
  '/orders',
  app.keycloak.protected({ scopes: ['orders:read'] }, async (request) => ({ by: request.keycloak.token.sub })),
);
app.get('/admin', { preHandler: app.keycloak.protect({ roles: ['realm:admin'] }) }, async () => ({ ok: true }));
await app.listen({ port: 3000 });
