// Identity providers and their mappers.
const oidc = {
  alias: 'fid-idp',
  providerId: 'oidc',
  enabled: true,
  config: {
    clientId: 'x',
    clientSecret: 'idp-secret',
    authorizationUrl: 'http://127.0.0.1:1/auth',
    tokenUrl: 'http://127.0.0.1:1/token',
    clientAuthMethod: 'client_secret_post',
  },
};
export default [
  {
    name: 'create an OIDC identity provider',
    method: 'POST',
    path: '/admin/realms/{realm}/identity-provider/instances',
    auth: 'admin',
    json: oidc,
  },
  {
    name: 'the same alias conflicts',
    method: 'POST',
    path: '/admin/realms/{realm}/identity-provider/instances',
    auth: 'admin',
    json: oidc,
  },
  {
    name: 'an unknown providerId is refused',
    method: 'POST',
    path: '/admin/realms/{realm}/identity-provider/instances',
    auth: 'admin',
    json: { alias: 'odd', providerId: 'no-such-provider' },
  },
  {
    name: 'read the identity provider',
    method: 'GET',
    path: '/admin/realms/{realm}/identity-provider/instances/fid-idp',
    auth: 'admin',
  },
  {
    name: 'list identity providers',
    method: 'GET',
    path: '/admin/realms/{realm}/identity-provider/instances',
    auth: 'admin',
  },
  {
    name: 'add a mapper',
    method: 'POST',
    path: '/admin/realms/{realm}/identity-provider/instances/fid-idp/mappers',
    auth: 'admin',
    json: {
      name: 'fid-hardcoded',
      identityProviderAlias: 'fid-idp',
      identityProviderMapper: 'hardcoded-attribute-idp-mapper',
      config: { attribute: 'from', 'attribute.value': 'idp', syncMode: 'INHERIT' },
    },
  },
  {
    name: "the provider's mappers",
    method: 'GET',
    path: '/admin/realms/{realm}/identity-provider/instances/fid-idp/mappers',
    auth: 'admin',
  },
  {
    name: 'an unknown alias answers 404',
    method: 'GET',
    path: '/admin/realms/{realm}/identity-provider/instances/nobody',
    auth: 'admin',
  },
];
