// Events: configuration, user events, admin events.
export default [
  { name: 'read the events config', method: 'GET', path: '/admin/realms/{realm}/events/config', auth: 'admin' },
  {
    name: 'turn events on',
    method: 'PUT',
    path: '/admin/realms/{realm}/events/config',
    auth: 'admin',
    json: {
      eventsEnabled: true,
      adminEventsEnabled: true,
      adminEventsDetailsEnabled: false,
      enabledEventTypes: ['LOGIN', 'LOGIN_ERROR'],
    },
  },
  { name: 'read it back', method: 'GET', path: '/admin/realms/{realm}/events/config', auth: 'admin' },
];
