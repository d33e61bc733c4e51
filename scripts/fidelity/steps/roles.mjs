// Realm roles: create, read, composites, conflicts, unknown role.
export default [
  {
    name: 'create a realm role',
    method: 'POST',
    path: '/admin/realms/{realm}/roles',
    auth: 'admin',
    json: { name: 'reader', description: 'reads' },
  },
  {
    name: 'create a second realm role',
    method: 'POST',
    path: '/admin/realms/{realm}/roles',
    auth: 'admin',
    json: { name: 'editor' },
  },
  {
    name: 'the same role name conflicts',
    method: 'POST',
    path: '/admin/realms/{realm}/roles',
    auth: 'admin',
    json: { name: 'reader' },
  },
  {
    name: 'read a role by name',
    method: 'GET',
    path: '/admin/realms/{realm}/roles/reader',
    auth: 'admin',
    capture: { readerRole: 'body', readerRoleId: 'body.id' },
  },
  { name: 'read a role by id', method: 'GET', path: '/admin/realms/{realm}/roles-by-id/{readerRoleId}', auth: 'admin' },
  {
    name: 'make editor a composite of reader',
    method: 'POST',
    path: '/admin/realms/{realm}/roles/editor/composites',
    auth: 'admin',
    json: ['{readerRole}'],
  },
  { name: "editor's composites", method: 'GET', path: '/admin/realms/{realm}/roles/editor/composites', auth: 'admin' },
  { name: 'list realm roles', method: 'GET', path: '/admin/realms/{realm}/roles', auth: 'admin' },
  { name: 'an unknown role answers 404', method: 'GET', path: '/admin/realms/{realm}/roles/nobody', auth: 'admin' },
  { name: 'users in a role', method: 'GET', path: '/admin/realms/{realm}/roles/reader/users', auth: 'admin' },
];
