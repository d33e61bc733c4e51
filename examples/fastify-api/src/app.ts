import { keycloakPlugin, type KeycloakPluginOptions } from '@keycloak-ts/fastify';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The example API: one public route, one for any signed-in user, one for the realm role `admin`, and
 * one that lists the realm's users through the shared admin client (the API's service account).
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
    admin.get('/admin', async (request) => ({ message: `Welcome, administrator ${request.keycloak!.token.preferred_username}` }));
    admin.get('/admin/users', async (request) => {
      const users = await request.keycloak!.admin.getUsers({ briefRepresentation: true });
      return users.map((user) => user.username);
    });
  });

  await app.ready();
  return app;
}
