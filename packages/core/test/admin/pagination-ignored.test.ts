import { KeycloakAdmin } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../http/support/server.js';

// A server (an older Keycloak, or a proxy rewriting the query) that ignores `first` and `max` and
// answers every list call with the same 150 users.
const ALL = Array.from({ length: 150 }, (_, i) => ({ id: `u${i}`, username: `user-${i}` }));
let server: TestServer;
let admin: KeycloakAdmin;

beforeAll(async () => {
  server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ALL));
  });
  admin = new KeycloakAdmin({ serverUrl: server.url, realmName: 'demo', token: 'a-token' });
});
afterAll(async () => {
  await admin.close();
  await server.close();
});

describe('paging against a server that ignores first and max', () => {
  it('takes a page longer than asked as the whole rest of the list and stops, in one request', async () => {
    const before = server.requests.length;
    const users = await admin.getUsers();
    expect(users.map((user) => user.id)).toEqual(ALL.map((user) => user.id));
    expect(server.requests.length - before).toBe(1);
  });

  it('iterates each item once, in one request', async () => {
    const before = server.requests.length;
    const ids: string[] = [];
    for await (const user of admin.iterateUsers({}, { pageSize: 100 })) ids.push(user.id ?? '');
    expect(ids).toEqual(ALL.map((user) => user.id));
    expect(server.requests.length - before).toBe(1);
  });
});
