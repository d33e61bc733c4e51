import { Keycloak } from '@keycloak-ts/express';
import express from 'express';

const keycloak = new Keycloak({ serverUrl: 'http://localhost:8080', realm: 'demo', clientId: 'demo-api' });
const app = express();

// protected(spec?, handler): the guard, then a handler that sees req.keycloak as set.
app.get(
  '/me',
  keycloak.protected((req, res) => res.json({ user: req.keycloak.token.preferred_username })),
);
app.get(
  '/orders',
  keycloak.protected({ scopes: ['orders:read'] }, (req, res) => res.json({ by: req.keycloak.token.sub })),
);
app.get('/reports', keycloak.protect({ roles: ['realm:admin', 'demo-api:auditor'], mode: 'any' }), (_req, res) => {
  res.json([]);
});
app.listen(3000); // refusals: 400/401/403/503 as JSON with RFC 6750 WWW-Authenticate headers
