// Organizations (enabled on the realm first).
export default [
  {
    name: 'organizations are refused while disabled',
    method: 'POST',
    path: '/admin/realms/{realm}/organizations',
    auth: 'admin',
    json: { name: 'acme', domains: [{ name: 'acme.example' }] },
  },
  {
    name: 'enable organizations on the realm',
    method: 'PUT',
    path: '/admin/realms/{realm}',
    auth: 'admin',
    json: { organizationsEnabled: true },
  },
  {
    name: 'create an organization',
    method: 'POST',
    path: '/admin/realms/{realm}/organizations',
    auth: 'admin',
    json: { name: 'acme', domains: [{ name: 'acme.example' }] },
    capture: { orgId: 'location' },
  },
  {
    name: 'the same organization name conflicts',
    method: 'POST',
    path: '/admin/realms/{realm}/organizations',
    auth: 'admin',
    json: { name: 'acme', domains: [{ name: 'other.example' }] },
  },
  { name: 'read the organization', method: 'GET', path: '/admin/realms/{realm}/organizations/{orgId}', auth: 'admin' },
  {
    name: 'add the user as a member',
    method: 'POST',
    path: '/admin/realms/{realm}/organizations/{orgId}/members',
    auth: 'admin',
    json: '"{userId}"',
  },
  { name: 'list members', method: 'GET', path: '/admin/realms/{realm}/organizations/{orgId}/members', auth: 'admin' },
  { name: 'list organizations', method: 'GET', path: '/admin/realms/{realm}/organizations', auth: 'admin' },
];
