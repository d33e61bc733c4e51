// Authorization Services admin: resource server, scopes, resources, policies, permissions.
const base = '/admin/realms/{realm}/clients/{rsUuid}/authz/resource-server';
export default [
  { name: 'create a resource server client', method: 'POST', path: '/admin/realms/{realm}/clients', auth: 'admin', json: { clientId: 'fid-rs', secret: 'fid-rs-secret', serviceAccountsEnabled: true, authorizationServicesEnabled: true, directAccessGrantsEnabled: true }, capture: { rsUuid: 'location' } },
  { name: 'read the resource server', method: 'GET', path: base, auth: 'admin' },
  { name: 'create a scope', method: 'POST', path: `${base}/scope`, auth: 'admin', json: { name: 'view' }, capture: { viewScopeId: 'body.id' } },
  { name: 'create a scope of an existing name', method: 'POST', path: `${base}/scope`, auth: 'admin', json: { name: 'view' } },
  { name: 'create a resource', method: 'POST', path: `${base}/resource`, auth: 'admin', json: { name: 'doc', uris: ['/doc/*'], scopes: [{ name: 'view' }] }, capture: { docId: 'body._id' } },
  { name: 'a resource of an existing name conflicts', method: 'POST', path: `${base}/resource`, auth: 'admin', json: { name: 'doc' } },
  { name: 'list resources', method: 'GET', path: `${base}/resource`, auth: 'admin' },
  { name: 'create a role policy', method: 'POST', path: `${base}/policy/role`, auth: 'admin', json: { name: 'readers', roles: [{ id: '{readerRoleId}' }], logic: 'POSITIVE' }, capture: { policyId: 'body.id' } },
  { name: 'create a scope permission', method: 'POST', path: `${base}/permission/scope`, auth: 'admin', json: { name: 'view-doc', resources: ['{docId}'], scopes: ['{viewScopeId}'], policies: ['{policyId}'], decisionStrategy: 'UNANIMOUS' } },
  { name: 'list policies', method: 'GET', path: `${base}/policy`, auth: 'admin' },
  { name: 'list permissions', method: 'GET', path: `${base}/permission`, auth: 'admin' },
  { name: 'policy providers', method: 'GET', path: `${base}/policy/providers`, auth: 'admin' },
  { name: 'an unknown policy answers 404', method: 'GET', path: `${base}/policy/00000000-0000-0000-0000-000000000000`, auth: 'admin' },
];
