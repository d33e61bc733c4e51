import { Keycloak, type KeycloakExpressOptions } from '@keycloak-ts/express';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/**
 * The example API: one public route, one for any signed-in user, one for the realm role `admin`, and
 * one that lists the realm's users through the shared admin client (the API's service account).
 */
export function createApp(options: KeycloakExpressOptions): Express {
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

  app.get('/admin/users', keycloak.protect({ roles: ['realm:admin'] }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const users = await req.keycloak!.admin.getUsers({ briefRepresentation: true });
      res.json(users.map((user) => user.username));
    } catch (error) {
      next(error);
    }
  });

  // 401/403/400/503 answers: RFC 6750 headers and a JSON { error, error_description } body.
  app.use(keycloak.errorHandler());
  return app;
}
