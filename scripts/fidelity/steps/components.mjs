// Components (key providers as the example) and the realm's keys.
export default [
  {
    name: 'list key provider components',
    method: 'GET',
    path: '/admin/realms/{realm}/components?type=org.keycloak.keys.KeyProvider',
    auth: 'admin',
  },
  {
    name: 'create an RSA key provider',
    method: 'POST',
    path: '/admin/realms/{realm}/components',
    auth: 'admin',
    json: {
      name: 'fid-rsa',
      providerId: 'rsa-generated',
      providerType: 'org.keycloak.keys.KeyProvider',
      parentId: '{realmId}',
      config: { priority: ['50'], keySize: ['2048'] },
    },
    capture: { componentId: 'location' },
  },
  { name: 'read the component', method: 'GET', path: '/admin/realms/{realm}/components/{componentId}', auth: 'admin' },
  {
    name: 'an unknown component answers 404',
    method: 'GET',
    path: '/admin/realms/{realm}/components/00000000-0000-0000-0000-000000000000',
    auth: 'admin',
  },
  { name: 'the realm keys', method: 'GET', path: '/admin/realms/{realm}/keys', auth: 'admin' },
  {
    name: 'delete the component',
    method: 'DELETE',
    path: '/admin/realms/{realm}/components/{componentId}',
    auth: 'admin',
  },
];
