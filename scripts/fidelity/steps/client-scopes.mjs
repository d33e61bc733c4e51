// Client scopes: create, read, attach to a client, conflicts.
export default [
  {
    name: 'create a client scope',
    method: 'POST',
    path: '/admin/realms/{realm}/client-scopes',
    auth: 'admin',
    json: { name: 'fid-scope', protocol: 'openid-connect', attributes: { 'include.in.token.scope': 'true' } },
    capture: { scopeId: 'location' },
  },
  {
    name: 'the same scope name conflicts',
    method: 'POST',
    path: '/admin/realms/{realm}/client-scopes',
    auth: 'admin',
    json: { name: 'fid-scope', protocol: 'openid-connect' },
  },
  {
    name: 'read the client scope',
    method: 'GET',
    path: '/admin/realms/{realm}/client-scopes/{scopeId}',
    auth: 'admin',
  },
  {
    name: 'attach it to the client as optional',
    method: 'PUT',
    path: '/admin/realms/{realm}/clients/{appUuid}/optional-client-scopes/{scopeId}',
    auth: 'admin',
  },
  {
    name: "the client's optional scopes",
    method: 'GET',
    path: '/admin/realms/{realm}/clients/{appUuid}/optional-client-scopes',
    auth: 'admin',
  },
  {
    name: 'realm default client scopes',
    method: 'GET',
    path: '/admin/realms/{realm}/default-default-client-scopes',
    auth: 'admin',
  },
  {
    name: 'an unknown client scope answers 404',
    method: 'GET',
    path: '/admin/realms/{realm}/client-scopes/00000000-0000-0000-0000-000000000000',
    auth: 'admin',
  },
];
