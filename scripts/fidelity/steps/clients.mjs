// Clients: confidential and public clients, secrets, client roles, service accounts, conflicts.
export default [
  { name: 'create a confidential client', method: 'POST', path: '/admin/realms/{realm}/clients', auth: 'admin', json: { clientId: 'fid-app', secret: 'fid-app-secret', serviceAccountsEnabled: true, directAccessGrantsEnabled: true, redirectUris: ['http://localhost:3000/*'], attributes: { 'standard.token.exchange.enabled': 'true' } }, capture: { appUuid: 'location' } },
  { name: 'create a public client', method: 'POST', path: '/admin/realms/{realm}/clients', auth: 'admin', json: { clientId: 'fid-web', publicClient: true, directAccessGrantsEnabled: true, redirectUris: ['http://localhost:3000/*'], attributes: { 'oauth2.device.authorization.grant.enabled': 'true' } }, capture: { webUuid: 'location' } },
  { name: 'the same clientId conflicts', method: 'POST', path: '/admin/realms/{realm}/clients', auth: 'admin', json: { clientId: 'fid-app' } },
  { name: 'a client with only a clientId gets the defaults', method: 'POST', path: '/admin/realms/{realm}/clients', auth: 'admin', json: { clientId: 'fid-bare' }, capture: { bareUuid: 'location' } },
  { name: 'read the defaulted client', method: 'GET', path: '/admin/realms/{realm}/clients/{bareUuid}', auth: 'admin' },
  { name: 'find a client by clientId', method: 'GET', path: '/admin/realms/{realm}/clients?clientId=fid-app', auth: 'admin' },
  { name: "read the client's secret", method: 'GET', path: '/admin/realms/{realm}/clients/{appUuid}/client-secret', auth: 'admin' },
  { name: 'update the client', method: 'PUT', path: '/admin/realms/{realm}/clients/{appUuid}', auth: 'admin', json: { clientId: 'fid-app', description: 'fidelity', secret: 'fid-app-secret', serviceAccountsEnabled: true, directAccessGrantsEnabled: true, redirectUris: ['http://localhost:3000/*'], attributes: { 'standard.token.exchange.enabled': 'true' } } },
  { name: 'create a client role', method: 'POST', path: '/admin/realms/{realm}/clients/{appUuid}/roles', auth: 'admin', json: { name: 'app-admin' } },
  { name: 'read the client role', method: 'GET', path: '/admin/realms/{realm}/clients/{appUuid}/roles/app-admin', auth: 'admin', capture: { appAdminRole: 'body' } },
  { name: 'list client roles', method: 'GET', path: '/admin/realms/{realm}/clients/{appUuid}/roles', auth: 'admin' },
  { name: 'the service-account user', method: 'GET', path: '/admin/realms/{realm}/clients/{appUuid}/service-account-user', auth: 'admin', capture: { serviceAccountId: 'body.id' } },
  { name: 'service account of a client without one', method: 'GET', path: '/admin/realms/{realm}/clients/{webUuid}/service-account-user', auth: 'admin' },
  { name: 'an unknown client answers 404', method: 'GET', path: '/admin/realms/{realm}/clients/00000000-0000-0000-0000-000000000000', auth: 'admin' },
  { name: "the client's default client scopes", method: 'GET', path: '/admin/realms/{realm}/clients/{appUuid}/default-client-scopes', auth: 'admin' },
  { name: 'delete the bare client', method: 'DELETE', path: '/admin/realms/{realm}/clients/{bareUuid}', auth: 'admin' },
];
