// Realms: create (the realm every later step uses), read, update, conflicts and unknown realms.
export default [
  {
    name: 'create the realm',
    method: 'POST',
    path: '/admin/realms',
    auth: 'admin',
    json: { realm: '{realm}', enabled: true, displayName: 'Fidelity' },
  },
  {
    name: 'a second realm of the same name conflicts',
    method: 'POST',
    path: '/admin/realms',
    auth: 'admin',
    json: { realm: '{realm}', enabled: true },
  },
  {
    name: 'a realm without a name is refused',
    method: 'POST',
    path: '/admin/realms',
    auth: 'admin',
    json: { enabled: true },
  },
  {
    name: 'read the realm',
    method: 'GET',
    path: '/admin/realms/{realm}',
    auth: 'admin',
    capture: { realmId: 'body.id' },
  },
  {
    name: 'update the realm',
    method: 'PUT',
    path: '/admin/realms/{realm}',
    auth: 'admin',
    json: { displayName: 'Fidelity report', registrationAllowed: false },
  },
  { name: 'an unknown realm answers 404', method: 'GET', path: '/admin/realms/{realm}-missing', auth: 'admin' },
  { name: 'the admin API without a token answers 401', method: 'GET', path: '/admin/realms/{realm}' },
  {
    name: 'partial export',
    method: 'POST',
    path: '/admin/realms/{realm}/partial-export?exportClients=false&exportGroupsAndRoles=false',
    auth: 'admin',
  },
];
