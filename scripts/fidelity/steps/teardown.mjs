// Admin events (now that the sequence made some), then the realm is removed.
export default [
  { name: 'user events', method: 'GET', path: '/admin/realms/{realm}/events?max=5', auth: 'admin' },
  { name: 'admin events', method: 'GET', path: '/admin/realms/{realm}/admin-events?max=1', auth: 'admin' },
  { name: 'delete the realm', method: 'DELETE', path: '/admin/realms/{realm}', auth: 'admin' },
  { name: 'the deleted realm answers 404', method: 'GET', path: '/admin/realms/{realm}', auth: 'admin' },
];
