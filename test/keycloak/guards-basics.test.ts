import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, guardedApp, type GuardedApp } from './support/guard-apps.js';
import { guardsRealm, RESOURCE_SERVER, userToken } from './support/guards-realm.js';
import { memoryServer, openTarget, targetKind, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let marta: string;
let kolo: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('guards-basics', guardsRealm());
  marta = await userToken(target, realm, 'marta');
  kolo = await userToken(target, realm, 'kolo');
});
afterAll(() => target.close());

const options = () => ({
  serverUrl: target.url,
  realm,
  clientId: RESOURCE_SERVER.clientId,
  clientSecret: RESOURCE_SERVER.secret,
});
const forbidden = (description: string) =>
  `Bearer realm="${realm}", error="insufficient_scope", error_description="${description}"`;

describe.each(ADAPTERS)(`%s guards against a realm with Authorization Services (${targetKind})`, (adapter) => {
  const apps: GuardedApp[] = [];
  const app = async (spec: Parameters<typeof guardedApp>[2]) => {
    const made = await guardedApp(adapter, options(), spec);
    apps.push(made);
    return made;
  };
  afterAll(() => Promise.all(apps.map((made) => made.close())));

  it('protect() lets any valid token through and answers 401 with the realm challenge without one', async () => {
    const any = await app(undefined);
    expect(await any.send('GET', '/anything', marta)).toMatchObject({ status: 200, body: { user: 'marta' } });
    const none = await any.send('GET', '/anything');
    expect(none).toMatchObject({
      status: 401,
      headers: { 'www-authenticate': `Bearer realm="${realm}"` },
      body: { error: 'unauthorized', error_description: 'A bearer access token is required' },
    });
    const forged = await any.send('GET', '/anything', 'not.a.token');
    expect(forged.status).toBe(401);
    expect(forged.headers['www-authenticate']).toBe(
      `Bearer realm="${realm}", error="invalid_token", error_description="The access token is invalid"`,
    );
  });

  it('checks realm roles and roles of the resource server', async () => {
    const realmRole = await app({ roles: ['realm:user'] });
    expect((await realmRole.send('GET', '/r', marta)).status).toBe(200);
    expect(await realmRole.send('GET', '/r', kolo)).toMatchObject({
      status: 403,
      headers: { 'www-authenticate': forbidden('Missing roles: realm:user') },
    });
    const clientRole = await app({ roles: ['reader'] });
    expect((await clientRole.send('GET', '/r', marta)).status).toBe(200);
    expect((await clientRole.send('GET', '/r', kolo)).status).toBe(403);
    const both = await app({ roles: [`${RESOURCE_SERVER.clientId}:reader`, 'realm:admin'], mode: 'all' });
    expect((await both.send('GET', '/r', marta)).status).toBe(403);
  });

  it("decides 'res:scope' permissions with Keycloak's UMA grant, naming what is missing", async () => {
    const create = await app('product:create');
    expect(await create.send('GET', '/p', marta)).toMatchObject({
      status: 200,
      body: { user: 'marta', permissions: [expect.objectContaining({ rsname: 'product', scopes: ['create'] })] },
    });
    const view = await app('product:view');
    expect(await view.send('GET', '/p', marta)).toMatchObject({
      status: 403,
      headers: {
        'www-authenticate': `Bearer realm="${realm}", error="insufficient_scope", error_description="Missing permissions: product#view"`,
      },
    });
    const both = await app(['Resource A', 'product:create']);
    expect((await both.send('GET', '/p', marta)).status).toBe(200);
    expect((await both.send('GET', '/p', kolo)).status).toBe(403);
  });

  it.skipIf(targetKind === 'real')(
    'answers 503 with Retry-After when Keycloak cannot be asked (in-memory only: needs fault injection)',
    async () => {
      const uma = await app('product:create');
      const server = memoryServer(target);
      server.faults.inject('token', { kind: 'reset' });
      try {
        expect(await uma.send('GET', '/p', marta)).toMatchObject({
          status: 503,
          headers: { 'retry-after': '10' },
          body: { error: 'temporarily_unavailable' },
        });
      } finally {
        server.faults.clear();
      }
      expect((await uma.send('GET', '/p', marta)).status).toBe(200);
    },
  );
});
