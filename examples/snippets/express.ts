import { Keycloak } from '@keycloak-ts/express';
import express from 'express';

const keycloak = new Keycloak({ serverUrl: 'http://localhost:8080', realm: 'demo', clientId: 'demo-api' });
const app = express();

app.get('/me', keycloak.protect(), (req, res) => {
  res.json({ user: req.keycloak!.token.preferred_username });
});
app.get('/reports', keycloak.protect({ roles: ['realm:admin', 'demo-api:auditor'], mode: 'any' }), (_req, res) => {
  res.json([]);
});
app.use(keycloak.errorHandler()); // 400/401/403/503 with RFC 6750 WWW-Authenticate headers
app.listen(3000);
