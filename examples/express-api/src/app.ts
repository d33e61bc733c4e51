import { Keycloak, type KeycloakExpressOptions } from '@keycloak-ts/express';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { readFileSync } from 'node:fs';

/** The demo's policy-enforcer config (keycloak.json's `policy-enforcer` section), shared with the Fastify example. */
const policyEnforcer: unknown = JSON.parse(
  readFileSync(new URL('../../demo-policy-enforcer.json', import.meta.url), 'utf8'),
);

/** The example's app, and the Keycloak that protects it: close it on shutdown to end its connections to Keycloak. */
export interface ExampleApp {
  readonly app: Express;
  readonly keycloak: Keycloak;
}

/**
 * The example API: one public route, one for any signed-in user, one for the realm role `admin`, one
 * that lists the realm's users through the shared admin client (the API's service account), and routes
 * whose access Keycloak's Authorization Services decide: by UMA permission, and by a policy-enforcer config.
 *
 * @example
 * const { app, keycloak } = createApp(options);
 * const server = app.listen(3000);
 * process.once('SIGTERM', () => server.close(() => void keycloak.close()));
 */
export function createApp(options: KeycloakExpressOptions): ExampleApp {
  const keycloak = new Keycloak(options);
  const app = express();

  app.get('/public', (_req, res) => {
    res.json({ message: 'Anyone may read this' });
  });

  app.get('/me', keycloak.protect(), (req, res) => {
    const { token } = req.keycloak!;
    res.json({ username: token.preferred_username, roles: token.realm_access?.roles ?? [] });
  });

  app.get('/admin', keycloak.protect({ roles: ['realm:admin'] }), (req, res) => {
    res.json({ message: `Welcome, administrator ${req.keycloak!.token.preferred_username}` });
  });

  app.get(
    '/admin/users',
    keycloak.protect({ roles: ['realm:admin'] }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const users = await req.keycloak!.admin.getUsers({ briefRepresentation: true });
        res.json(users.map((user) => user.username));
      } catch (error) {
        next(error);
      }
    },
  );

  // Keycloak decides with the demo-api resource server's policies; req.keycloak.permissions holds the grant.
  app.get('/documents', keycloak.protect('documents:read'), (req, res) => {
    res.json({ documents: ['roadmap.md', 'budget.xlsx'], granted: req.keycloak!.permissions });
  });

  app.get('/reports', keycloak.protect('reports'), (_req, res) => {
    res.json({ reports: ['q1.pdf'] });
  });

  // The policy enforcer maps each path and method under /enforced to the permission it needs.
  app.use('/enforced', keycloak.protect({ config: policyEnforcer }));
  app.get('/enforced/documents', (_req, res) => void res.json({ documents: ['roadmap.md', 'budget.xlsx'] }));
  app.post('/enforced/documents', (_req, res) => void res.status(201).json({ created: true }));
  app.get('/enforced/status', (_req, res) => void res.json({ status: 'ok' }));

  // 401/403/400/503 answers: RFC 6750 headers and a JSON { error, error_description } body.
  app.use(keycloak.errorHandler());
  return { app, keycloak };
}
