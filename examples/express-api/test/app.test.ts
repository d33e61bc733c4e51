import { demoRealm as loadDemoRealm, startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedConnectionToken, startCountingProxy } from '../../../test/support/guard/counting-proxy.js';
import { passwordToken } from '../../../test/support/guard/realm.js';
import { createApp, type ExampleApp } from '../src/app.js';

const demoRealm = loadDemoRealm();

describe('the Express example API', () => {
  let keycloak: KeycloakTestServer;
  let app: ExampleApp['app'];
  let protector: ExampleApp['keycloak'];
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    keycloak = await startKeycloak({ realms: [demoRealm] });
    ({ app, keycloak: protector } = createApp({
      serverUrl: keycloak.url,
      realm: 'demo',
      clientId: 'demo-api',
      clientSecret: 'demo-api-secret',
    }));
    const token = (user: string): Promise<string> => passwordToken(keycloak.url, 'demo', user, user, 'demo-web');
    [alice, bob] = await Promise.all([token('alice'), token('bob')]);
  });
  afterAll(async () => {
    await protector?.close();
    await keycloak?.close();
  });

  it('serves the public route to anyone', async () => {
    expect((await request(app).get('/public')).status).toBe(200);
  });

  it('asks for a token on /me and answers with the user once given one', async () => {
    const none = await request(app).get('/me');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="demo"');
    const me = await request(app).get('/me').set('authorization', `Bearer ${bob}`);
    expect(me.body).toEqual({ username: 'bob', roles: ['user'] });
  });

  it('lets alice into /admin and keeps bob out with 403', async () => {
    expect((await request(app).get('/admin').set('authorization', `Bearer ${alice}`)).status).toBe(200);
    const denied = await request(app).get('/admin').set('authorization', `Bearer ${bob}`);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      error: 'insufficient_scope',
      error_description: 'Missing roles: realm:admin',
    });
  });

  it("lists the realm's users through the service account's admin client", async () => {
    const users = await request(app).get('/admin/users').set('authorization', `Bearer ${alice}`);
    expect(users.status).toBe(200);
    expect(users.body).toEqual(['alice', 'bob']);
  });

  it('ends every connection it opened to Keycloak once its Keycloak is closed', async () => {
    // A proxy in front of Keycloak counts the app's sockets; it asks to keep idle ones for ten minutes.
    const proxy = await startCountingProxy(keycloak.url);
    const example = createApp({
      serverUrl: proxy.url,
      realm: 'demo',
      clientId: 'demo-api',
      clientSecret: 'demo-api-secret',
    });
    try {
      const token = await closedConnectionToken(proxy.url, 'demo', 'alice', 'alice', 'demo-web');
      for (const path of ['/admin/users', '/documents']) {
        expect((await request(example.app).get(path).set('authorization', `Bearer ${token}`)).status).toBe(200);
      }
      expect(proxy.open).toBeGreaterThan(0);
      await example.keycloak.close();
      await proxy.idle();
      expect(proxy.open).toBe(0);
    } finally {
      await example.keycloak.close();
      await proxy.close();
    }
  });
});
