// Groups: create, sub-group, list, membership.
export default [
  {
    name: 'create a group',
    method: 'POST',
    path: '/admin/realms/{realm}/groups',
    auth: 'admin',
    json: { name: 'staff' },
    capture: { groupId: 'location' },
  },
  {
    name: 'the same group name conflicts',
    method: 'POST',
    path: '/admin/realms/{realm}/groups',
    auth: 'admin',
    json: { name: 'staff' },
  },
  {
    name: 'create a sub-group',
    method: 'POST',
    path: '/admin/realms/{realm}/groups/{groupId}/children',
    auth: 'admin',
    json: { name: 'readers' },
    capture: { subGroupId: 'body.id' },
  },
  { name: 'list groups', method: 'GET', path: '/admin/realms/{realm}/groups', auth: 'admin' },
  { name: 'read the group', method: 'GET', path: '/admin/realms/{realm}/groups/{groupId}', auth: 'admin' },
  { name: 'list sub-groups', method: 'GET', path: '/admin/realms/{realm}/groups/{groupId}/children', auth: 'admin' },
  {
    name: 'add the user to the sub-group',
    method: 'PUT',
    path: '/admin/realms/{realm}/users/{userId}/groups/{subGroupId}',
    auth: 'admin',
  },
  { name: "the user's groups", method: 'GET', path: '/admin/realms/{realm}/users/{userId}/groups', auth: 'admin' },
  {
    name: "the sub-group's members",
    method: 'GET',
    path: '/admin/realms/{realm}/groups/{subGroupId}/members',
    auth: 'admin',
  },
  { name: 'group count', method: 'GET', path: '/admin/realms/{realm}/groups/count', auth: 'admin' },
];
