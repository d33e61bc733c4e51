// Protocol mappers on client scopes and clients.
const mapper = (name, claim) => ({
  name,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-hardcoded-claim-mapper',
  config: {
    'claim.name': claim,
    'claim.value': 'yes',
    'jsonType.label': 'String',
    'access.token.claim': 'true',
    'id.token.claim': 'true',
    'userinfo.token.claim': 'true',
  },
});
export default [
  {
    name: 'add a mapper to the client scope',
    method: 'POST',
    path: '/admin/realms/{realm}/client-scopes/{scopeId}/protocol-mappers/models',
    auth: 'admin',
    json: mapper('fid-claim', 'fid_scope_claim'),
    capture: { scopeMapperId: 'location' },
  },
  {
    name: "the scope's mappers",
    method: 'GET',
    path: '/admin/realms/{realm}/client-scopes/{scopeId}/protocol-mappers/models',
    auth: 'admin',
  },
  {
    name: 'add a mapper to the client',
    method: 'POST',
    path: '/admin/realms/{realm}/clients/{appUuid}/protocol-mappers/models',
    auth: 'admin',
    json: mapper('fid-client-claim', 'fid_client_claim'),
    capture: { clientMapperId: 'location' },
  },
  {
    name: 'read the client mapper',
    method: 'GET',
    path: '/admin/realms/{realm}/clients/{appUuid}/protocol-mappers/models/{clientMapperId}',
    auth: 'admin',
  },
  {
    name: 'the same mapper name conflicts',
    method: 'POST',
    path: '/admin/realms/{realm}/clients/{appUuid}/protocol-mappers/models',
    auth: 'admin',
    json: mapper('fid-client-claim', 'other'),
  },
  {
    name: 'a mapper of an unknown type',
    method: 'POST',
    path: '/admin/realms/{realm}/clients/{appUuid}/protocol-mappers/models',
    auth: 'admin',
    json: { name: 'odd', protocol: 'openid-connect', protocolMapper: 'no-such-mapper', config: {} },
  },
];
