import { Keycloak } from '@keycloak-ts/express';
import express from 'express';

// The client secret gets a PAT, which finds the resources of enforcer paths that have no "name".
const keycloak = new Keycloak({
  serverUrl: 'http://localhost:8080',
  realm: 'demo',
  clientId: 'demo-api',
  clientSecret: process.env.DEMO_API_SECRET,
});
const app = express();

app.get('/documents', keycloak.protect('documents:read'), (req, res) => {
  res.json({ granted: req.keycloak!.permissions }); // [{ rsid, rsname: 'documents', scopes: ['read'] }]
});

const config = {
  'enforcement-mode': 'ENFORCING',
  paths: [
    {
      path: '/documents/{id}',
      methods: [
        { method: 'GET', scopes: ['read'] },
        { method: 'DELETE', scopes: ['delete'] },
      ],
    },
    { path: '/health', 'enforcement-mode': 'DISABLED' },
  ],
};
// /health is DISABLED: it needs no token, and then req.keycloak is undefined.
app.all(['/documents/:id', '/health'], keycloak.protect({ config }), (req, res) => {
  res.json({ path: req.path, granted: req.keycloak?.permissions });
});
app.use(keycloak.errorHandler()); // 403 insufficient_scope naming what is missing, 503 when Keycloak cannot be asked
app.listen(3000);
