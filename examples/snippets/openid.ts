import { KeycloakAuthenticationError, KeycloakOpenID } from '@keycloak-ts/core';

const openid = new KeycloakOpenID({
  serverUrl: 'http://localhost:8080',
  realmName: 'demo',
  clientId: 'demo-api',
  clientSecretKey: process.env.CLIENT_SECRET,
});

try {
  const tokens = await openid.token('alice', 'alice'); // python-keycloak's token(username, password)
  const claims = await openid.decodeToken(tokens.access_token); // verified locally, JWKS cached
  const profile = await openid.userinfo(tokens.access_token);
  console.log(claims.preferred_username, profile);
  await openid.logout(tokens.refresh_token!);
} catch (error) {
  if (error instanceof KeycloakAuthenticationError)
    console.error(error.status, error.body); // 400 invalid_grant
  else throw error;
}
