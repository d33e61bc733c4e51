import { keycloakPlugin, type KeycloakPluginOptions } from '@keycloak-ts/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';

/** The demo's policy-enforcer config (keycloak.json's `policy-enforcer` section), shared with the Express example. */
const policyEnforcer: unknown = JSON.parse(
  readFileSync(new URL('../../demo-policy-enforcer.json', import.meta.url), 'utf8'),
);

/**
 * The example API: one public route, one for any signed-in user, one for the realm role `admin`, one
 * that lists the realm's users through the shared admin client (the API's service account), and routes
 * whose access Keycloak's Authorization Services decide: by UMA permission, and by a policy-enforcer config.
 */
export async function buildApp(options: KeycloakPluginOptions): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(keycloakPlugin, options);

  app.get('/public', async () => ({ message: 'Anyone may read this' }));

  app.get('/me', { preHandler: app.keycloak.protect() }, async (request) => {
    const { token } = request.keycloak!;
    return { username: token.preferred_username, roles: token.realm_access?.roles ?? [] };
  });

  // Every route of this encapsulated context needs the realm role admin.
  await app.register(async (admin) => {
    admin.addHook('preHandler', admin.keycloak.protect({ roles: ['realm:admin'] }));
    admin.get('/admin', async (request) => ({
      message: `Welcome, administrator ${request.keycloak!.token.preferred_username}`,
    }));
    admin.get('/admin/users', async (request) => {
      const users = await request.keycloak!.admin.getUsers({ briefRepresentation: true });
      return users.map((user) => user.username);
    });
  });

  // Keycloak decides with the demo-api resource server's policies; request.keycloak.permissions holds the grant.
  app.get('/documents', { preHandler: app.keycloak.protect('documents:read') }, async (request) => ({
    documents: ['roadmap.md', 'budget.xlsx'],
    granted: request.keycloak!.permissions,
  }));
  app.get('/reports', { preHandler: app.keycloak.protect('reports') }, async () => ({ reports: ['q1.pdf'] }));

  // The policy enforcer maps each path and method of this context to the permission it needs.
  await app.register(async (enforced) => {
    enforced.addHook('preHandler', enforced.keycloak.protect({ config: policyEnforcer }));
    enforced.get('/enforced/documents', async () => ({ documents: ['roadmap.md', 'budget.xlsx'] }));
    enforced.post('/enforced/documents', async (_request, reply) => reply.code(201).send({ created: true }));
    enforced.get('/enforced/status', async () => ({ status: 'ok' }));
  });

  await app.ready();
  return app;
}
