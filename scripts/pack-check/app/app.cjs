// The same packages from CommonJS: require() of ESM packages without top-level await (Node 20.19+).
const { KeycloakOpenID } = require('@keycloak-ts/core');
const { Keycloak } = require('@keycloak-ts/express');
const { keycloakPlugin } = require('@keycloak-ts/fastify');
const { demoRealm, startKeycloak } = require('@keycloak-ts/testing');

(async () => {
  const kc = await startKeycloak({ realms: [demoRealm()] });
  try {
    const openid = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'demo-web' });
    const tokens = await openid.token('bob', 'bob');
    const claims = await openid.decodeToken(tokens.access_token, { tokenType: 'Bearer' });
    if (claims.preferred_username !== 'bob') throw new Error('decodeToken did not give bob');
    if (typeof Keycloak !== 'function' || typeof keycloakPlugin !== 'function')
      throw new Error('an adapter is missing');
    console.log('cjs: ok');
  } finally {
    await kc.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
