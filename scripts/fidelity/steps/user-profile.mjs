// The user profile and attack detection.
export default [
  { name: 'the user profile configuration', method: 'GET', path: '/admin/realms/{realm}/users/profile', auth: 'admin' },
  {
    name: 'the user profile metadata',
    method: 'GET',
    path: '/admin/realms/{realm}/users/profile/metadata',
    auth: 'admin',
  },
  {
    name: "the user's brute-force status",
    method: 'GET',
    path: '/admin/realms/{realm}/attack-detection/brute-force/users/{userId}',
    auth: 'admin',
  },
  {
    name: "clear the user's login failures",
    method: 'DELETE',
    path: '/admin/realms/{realm}/attack-detection/brute-force/users/{userId}',
    auth: 'admin',
  },
];
