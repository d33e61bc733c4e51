import { demoRealm as loadDemoRealm, startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warningsWhileBuilding } from '../../../test/support/fastify-warnings.js';
import { passwordToken } from '../../../test/support/guard/realm.js';
import { buildApp } from '../src/app.js';

const demoRealm = loadDemoRealm();

describe('the Fastify example API', () => {
  let keycloak: KeycloakTestServer;
  let app: FastifyInstance;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    keycloak = await startKeycloak({ realms: [demoRealm] });
    app = await buildApp({
      serverUrl: keycloak.url,
      realm: 'demo',
      clientId: 'demo-api',
      clientSecret: 'demo-api-secret',
    });
    const token = (user: string): Promise<string> => passwordToken(keycloak.url, 'demo', user, user, 'demo-web');
    [alice, bob] = await Promise.all([token('alice'), token('bob')]);
  });
  afterAll(async () => {
    await app?.close();
    await keycloak?.close();
  });

  const get = (url: string, token?: string) =>
    app.inject({ url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

  it('serves the public route to anyone', async () => {
    expect((await get('/public')).statusCode).toBe(200);
  });

  it('asks for a token on /me and answers with the user once given one', async () => {
    const none = await get('/me');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="demo"');
    expect((await get('/me', bob)).json()).toEqual({ username: 'bob', roles: ['user'] });
  });

  it('lets alice into the admin context and keeps bob out with 403', async () => {
    expect((await get('/admin', alice)).statusCode).toBe(200);
    const denied = await get('/admin/users', bob);
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['www-authenticate']).toBe(
      'Bearer realm="demo", error="insufficient_scope", error_description="Missing roles: realm:admin"',
    );
  });

  it("lists the realm's users through the service account's admin client", async () => {
    expect((await get('/admin/users', alice)).json()).toEqual(['alice', 'bob']);
  });

  it('builds, starts and closes without a Fastify warning (its error handler is the only root one)', async () => {
    const options = { serverUrl: keycloak.url, realm: 'demo', clientId: 'demo-api', clientSecret: 'demo-api-secret' };
    expect(await warningsWhileBuilding(() => buildApp(options))).toEqual([]);
  });
});
