// Authentication flows, executions and required actions.
export default [
  { name: 'list flows', method: 'GET', path: '/admin/realms/{realm}/authentication/flows', auth: 'admin' },
  { name: 'copy the browser flow', method: 'POST', path: '/admin/realms/{realm}/authentication/flows/browser/copy', auth: 'admin', json: { newName: 'fid-browser' } },
  { name: 'copying an unknown flow answers 404', method: 'POST', path: '/admin/realms/{realm}/authentication/flows/nobody/copy', auth: 'admin', json: { newName: 'x' } },
  { name: 'executions of the copy', method: 'GET', path: '/admin/realms/{realm}/authentication/flows/fid-browser/executions', auth: 'admin' },
  { name: 'create a top-level flow', method: 'POST', path: '/admin/realms/{realm}/authentication/flows', auth: 'admin', json: { alias: 'fid-flow', providerId: 'basic-flow', topLevel: true, builtIn: false } },
  { name: 'the same flow alias conflicts', method: 'POST', path: '/admin/realms/{realm}/authentication/flows', auth: 'admin', json: { alias: 'fid-flow', providerId: 'basic-flow', topLevel: true, builtIn: false } },
  { name: 'add an execution', method: 'POST', path: '/admin/realms/{realm}/authentication/flows/fid-flow/executions/execution', auth: 'admin', json: { provider: 'auth-cookie' } },
  { name: 'list required actions', method: 'GET', path: '/admin/realms/{realm}/authentication/required-actions', auth: 'admin' },
  { name: 'read a required action', method: 'GET', path: '/admin/realms/{realm}/authentication/required-actions/CONFIGURE_TOTP', auth: 'admin' },
  { name: 'update a required action', method: 'PUT', path: '/admin/realms/{realm}/authentication/required-actions/CONFIGURE_TOTP', auth: 'admin', json: { alias: 'CONFIGURE_TOTP', name: 'Configure OTP', providerId: 'CONFIGURE_TOTP', enabled: true, defaultAction: false, priority: 10, config: {} } },
  { name: 'authenticator providers', method: 'GET', path: '/admin/realms/{realm}/authentication/authenticator-providers', auth: 'admin' },
  { name: 'config description of a provider without properties', method: 'GET', path: '/admin/realms/{realm}/authentication/config-description/auth-cookie', auth: 'admin' },
];
