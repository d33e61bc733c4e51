import type { ExpressKeycloakContext } from './keycloak.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by `keycloak.protect()`: the verified token, role helpers and the admin client. */
      keycloak?: ExpressKeycloakContext;
    }
  }
}
