// Role mappings of users and groups, realm and client level; wrong bodies.
export default [
  { name: 'map a realm role to the user', method: 'POST', path: '/admin/realms/{realm}/users/{userId}/role-mappings/realm', auth: 'admin', json: ['{readerRole}'] },
  { name: "the user's realm role mappings", method: 'GET', path: '/admin/realms/{realm}/users/{userId}/role-mappings/realm', auth: 'admin' },
  { name: "the user's effective realm roles", method: 'GET', path: '/admin/realms/{realm}/users/{userId}/role-mappings/realm/composite', auth: 'admin' },
  { name: 'map a client role to the user', method: 'POST', path: '/admin/realms/{realm}/users/{userId}/role-mappings/clients/{appUuid}', auth: 'admin', json: ['{appAdminRole}'] },
  { name: "all the user's role mappings", method: 'GET', path: '/admin/realms/{realm}/users/{userId}/role-mappings', auth: 'admin' },
  { name: 'map a realm role to the group', method: 'POST', path: '/admin/realms/{realm}/groups/{groupId}/role-mappings/realm', auth: 'admin', json: ['{readerRole}'] },
  { name: "the group's role mappings", method: 'GET', path: '/admin/realms/{realm}/groups/{groupId}/role-mappings', auth: 'admin' },
  { name: 'a role mapping body of the wrong shape', method: 'POST', path: '/admin/realms/{realm}/users/{userId}/role-mappings/realm', auth: 'admin', json: ['bad'] },
  { name: 'a role mapping naming an unknown role', method: 'POST', path: '/admin/realms/{realm}/users/{userId}/role-mappings/realm', auth: 'admin', json: [{ name: 'nobody', id: '00000000-0000-0000-0000-000000000000' }] },
  { name: 'map a realm role to the service account', method: 'POST', path: '/admin/realms/{realm}/users/{serviceAccountId}/role-mappings/realm', auth: 'admin', json: ['{readerRole}'] },
  { name: 'remove the client role mapping', method: 'DELETE', path: '/admin/realms/{realm}/users/{userId}/role-mappings/clients/{appUuid}', auth: 'admin', json: ['{appAdminRole}'] },
];
