import { readFileSync } from 'node:fs';
import { startKeycloak, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken } from '../../../test/support/guard/realm.js';
import { createApp } from '../src/app.js';

const demoRealm = JSON.parse(readFileSync(new URL('../../demo-realm.json', import.meta.url), 'utf8')) as RealmRepresentation;

describe('the Express example API', () => {
  let keycloak: KeycloakTestServer;
  let app: ReturnType<typeof createApp>;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    keycloak = await startKeycloak({ realms: [demoRealm] });
    app = createApp({ serverUrl: keycloak.url, realm: 'demo', clientId: 'demo-api', clientSecret: 'demo-api-secret' });
    const token = (user: string): Promise<string> => passwordToken(keycloak.url, 'demo', user, user, 'demo-web');
    [alice, bob] = await Promise.all([token('alice'), token('bob')]);
  });
  afterAll(() => keycloak?.close());

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
    expect(denied.body).toEqual({ error: 'insufficient_scope', error_description: 'The access token does not grant access to this resource' });
  });

  it("lists the realm's users through the service account's admin client", async () => {
    const users = await request(app).get('/admin/users').set('authorization', `Bearer ${alice}`);
    expect(users.status).toBe(200);
    expect(users.body).toEqual(['alice', 'bob']);
  });
});
