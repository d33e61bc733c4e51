import { KeycloakAdmin } from '@keycloak-ts/core';

const admin = new KeycloakAdmin({
  serverUrl: 'http://localhost:8080',
  username: 'admin',
  password: 'admin',
  realmName: 'demo', // the realm to manage
  userRealmName: 'master', // the realm the admin logs in to
});

const id = await admin.createUser({ username: 'carol', enabled: true }, { existOk: true });
await admin.setUserPassword(id, 'secret', { temporary: false });
for await (const user of admin.iterateUsers({ search: 'car' })) console.log(user.username); // pages on demand
const controller = new AbortController();
await admin.getUsers({ max: 10 }, { signal: controller.signal, timeout: 5_000 }); // every call takes both
