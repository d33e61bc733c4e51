// Users: create, conflicts, read, search, update, password, count, unknown user.
const alice = { username: 'alice', email: 'alice@example.org', firstName: 'Alice', lastName: 'Liddell', enabled: true, credentials: [{ type: 'password', value: 'wonderland', temporary: false }] };
export default [
  { name: 'create a user', method: 'POST', path: '/admin/realms/{realm}/users', auth: 'admin', json: alice, capture: { userId: 'location' } },
  { name: 'the same username conflicts', method: 'POST', path: '/admin/realms/{realm}/users', auth: 'admin', json: { username: 'alice', enabled: true } },
  { name: 'the same e-mail conflicts', method: 'POST', path: '/admin/realms/{realm}/users', auth: 'admin', json: { username: 'alice2', email: 'alice@example.org', enabled: true } },
  { name: 'a body that is not JSON is refused', method: 'POST', path: '/admin/realms/{realm}/users', auth: 'admin', json: '{"username":' },
  { name: 'read the user', method: 'GET', path: '/admin/realms/{realm}/users/{userId}', auth: 'admin' },
  { name: 'search users by username', method: 'GET', path: '/admin/realms/{realm}/users?username=alice&exact=true', auth: 'admin' },
  { name: 'count users', method: 'GET', path: '/admin/realms/{realm}/users/count', auth: 'admin' },
  { name: 'update the user with a full representation', method: 'PUT', path: '/admin/realms/{realm}/users/{userId}', auth: 'admin', json: { username: 'alice', email: 'alice@example.org', firstName: 'Alicia', lastName: 'Liddell', enabled: true } },
  { name: 'read the updated user', method: 'GET', path: '/admin/realms/{realm}/users/{userId}', auth: 'admin' },
  { name: 'reset the password', method: 'PUT', path: '/admin/realms/{realm}/users/{userId}/reset-password', auth: 'admin', json: { type: 'password', value: 'wonderland', temporary: false } },
  { name: 'list credentials', method: 'GET', path: '/admin/realms/{realm}/users/{userId}/credentials', auth: 'admin' },
  { name: 'an unknown user answers 404', method: 'GET', path: '/admin/realms/{realm}/users/00000000-0000-0000-0000-000000000000', auth: 'admin' },
  { name: 'create a second user to delete', method: 'POST', path: '/admin/realms/{realm}/users', auth: 'admin', json: { username: 'bob', email: 'bob@example.org', firstName: 'B', lastName: 'Builder', enabled: true }, capture: { bobId: 'location' } },
  { name: 'update the second user with only a first name (the user profile drops what is absent)', method: 'PUT', path: '/admin/realms/{realm}/users/{bobId}', auth: 'admin', json: { firstName: 'Bob', attributes: { team: ['blue'] } } },
  { name: 'read the partly updated user', method: 'GET', path: '/admin/realms/{realm}/users/{bobId}', auth: 'admin' },
  { name: 'delete the second user', method: 'DELETE', path: '/admin/realms/{realm}/users/{bobId}', auth: 'admin' },
  { name: 'the deleted user is gone', method: 'GET', path: '/admin/realms/{realm}/users/{bobId}', auth: 'admin' },
];
