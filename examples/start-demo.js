// Starts the in-memory Keycloak with the demo realm and both example APIs; used by demo.js and the
// examples' smoke test. Plain JavaScript over the built packages, so `node examples/demo.js` needs
// nothing but `pnpm build`.
import { demoRealm as loadDemoRealm, startKeycloak } from '@keycloak-ts/testing';
import { createApp } from './express-api/dist/app.js';
import { buildApp } from './fastify-api/dist/app.js';

/** The demo realm, shipped by @keycloak-ts/testing (users alice/alice and bob/bob; resource server demo-api). */
export const demoRealm = loadDemoRealm();

/**
 * @param {{ keycloakPort?: number, expressPort?: number, fastifyPort?: number, host?: string }} [ports]
 * @returns {Promise<{ keycloakUrl: string, expressUrl: string, fastifyUrl: string, close(): Promise<void> }>}
 */
export async function startDemo({ keycloakPort = 0, expressPort = 0, fastifyPort = 0, host = '127.0.0.1' } = {}) {
  const keycloak = await startKeycloak({ realms: [demoRealm], port: keycloakPort, host });
  const options = { serverUrl: keycloak.url, realm: 'demo', clientId: 'demo-api', clientSecret: 'demo-api-secret' };
  const express = createApp(options);
  const expressServer = await new Promise((resolve, reject) => {
    const server = express.app.listen(expressPort, host, () => resolve(server));
    server.once('error', reject);
  });
  const fastifyApp = await buildApp(options);
  const fastifyUrl = await fastifyApp.listen({ port: fastifyPort, host });
  return {
    keycloakUrl: keycloak.url,
    expressUrl: `http://${host}:${expressServer.address().port}`,
    fastifyUrl,
    async close() {
      await fastifyApp.close();
      expressServer.closeAllConnections();
      await new Promise((resolve) => expressServer.close(resolve));
      // The Express app's guard holds pooled connections to Keycloak (JWKS, UMA, admin); Fastify's closes in onClose.
      await express.keycloak.close();
      await keycloak.close();
    },
  };
}

/** The commands printed by the demo, with the answer each should get. */
export function demoCommands({ keycloakUrl, expressUrl, fastifyUrl }) {
  const token = (user) =>
    `export ${user.toUpperCase()}=$(curl -s -d grant_type=password -d client_id=demo-web -d username=${user} -d password=${user} ` +
    `${keycloakUrl}/realms/demo/protocol/openid-connect/token | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')`;
  const calls = (api) => [
    [`curl -i ${api}/public`, '200: public, no token needed'],
    [`curl -i ${api}/me`, '401: no token; WWW-Authenticate: Bearer realm="demo"'],
    [`curl -i -H "Authorization: Bearer $ALICE" ${api}/me`, "200: alice's username and realm roles"],
    [`curl -i -H "Authorization: Bearer not-a-token" ${api}/me`, '401: error="invalid_token"'],
    [`curl -i -H "Authorization: Bearer $ALICE" ${api}/admin`, '200: alice has the realm role admin'],
    [`curl -i -H "Authorization: Bearer $BOB" ${api}/admin`, '403: bob lacks admin; error="insufficient_scope"'],
    [
      `curl -i -H "Authorization: Bearer $ALICE" ${api}/admin/users`,
      "200: the realm's users, listed by the API's service account",
    ],
    [
      `curl -i -H "Authorization: Bearer $ALICE" ${api}/documents`,
      '200: Keycloak grants documents#read (alice has demo-api/reader)',
    ],
    [
      `curl -i -H "Authorization: Bearer $BOB" ${api}/documents`,
      '403: error_description="Missing permissions: documents#read"',
    ],
    [`curl -i -H "Authorization: Bearer $ALICE" ${api}/reports`, '200: a user policy grants reports to alice only'],
    [`curl -i -H "Authorization: Bearer $BOB" ${api}/reports`, '403: error_description="Missing permissions: reports"'],
    [
      `curl -i -X POST -H "Authorization: Bearer $ALICE" ${api}/enforced/documents`,
      '201: the policy enforcer needs documents#write for POST; alice is admin',
    ],
    [
      `curl -i -H "Authorization: Bearer $BOB" ${api}/enforced/documents`,
      '403: the policy enforcer needs documents#read for GET',
    ],
    [
      `curl -i -H "Authorization: Bearer $BOB" ${api}/enforced/status`,
      '200: enforcement is DISABLED on this path; a valid token suffices',
    ],
  ];
  return { tokens: [token('alice'), token('bob')], express: calls(expressUrl), fastify: calls(fastifyUrl) };
}
