import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type KeycloakTarget } from './support/target.js';

// OIDC Back-Channel Logout as Keycloak delivers it: to each client with a client session in the ending user
// session and a `backchannel.logout.url` (OIDCLoginProtocol.backchannelLogout), with the logout token of
// DefaultTokenManager.initLogoutToken.

interface Received {
  url: string;
  contentType: string | undefined;
  body: string;
}

let target: KeycloakTarget;
let realm: string;
let listener: Server;
let base: string;
const received: Received[] = [];

beforeAll(async () => {
  listener = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
    req.on('end', () => {
      received.push({ url: req.url ?? '', contentType: req.headers['content-type'], body });
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  target = await openTarget();
  realm = await target.createRealm('backchannel-logout', {
    users: [
      {
        username: 'alice',
        enabled: true,
        email: 'alice@example.com',
        firstName: 'Alice',
        lastName: 'Liddell',
        credentials: [{ type: 'password', value: 'alice' }],
      },
    ],
    clients: [
      {
        clientId: 'web',
        publicClient: true,
        directAccessGrantsEnabled: true,
        attributes: {
          'backchannel.logout.url': `${base}/bcl/web`,
          'backchannel.logout.session.required': 'true',
          'backchannel.logout.revoke.offline.tokens': 'true',
        },
      },
      {
        clientId: 'web2',
        publicClient: true,
        directAccessGrantsEnabled: true,
        attributes: { 'backchannel.logout.url': `${base}/bcl/web2` },
      },
      { clientId: 'quiet', publicClient: true, directAccessGrantsEnabled: true },
      { clientId: 'api', secret: 's3cret', adminUrl: `${base}/api` },
    ],
  });
});
afterAll(async () => {
  await target.close();
  await new Promise((resolve) => listener.close(resolve));
});

const decode = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

async function login(clientId: string): Promise<{ access: Record<string, unknown>; refresh: string; id: string }> {
  const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
    form: { grant_type: 'password', client_id: clientId, username: 'alice', password: 'alice', scope: 'openid' },
  });
  const body = answer.json as { access_token: string; refresh_token: string; id_token: string };
  return { access: decode(body.access_token.split('.')[1] as string), refresh: body.refresh_token, id: body.id_token };
}

/** The logout tokens received since the last call, by path, with their header and claims. */
async function logoutTokens(expected: number): Promise<
  Array<{
    url: string;
    contentType: string | undefined;
    header: Record<string, unknown>;
    claims: Record<string, unknown>;
  }>
> {
  const deadline = Date.now() + 5_000;
  while (received.length < expected && Date.now() < deadline) await new Promise((wake) => setTimeout(wake, 20));
  await new Promise((wake) => setTimeout(wake, 100)); // nothing more is coming
  return received.splice(0).map(({ url, contentType, body }) => {
    const token = new URLSearchParams(body).get('logout_token') ?? '';
    const [header, claims] = token.split('.');
    return { url, contentType, header: decode(header ?? ''), claims: decode(claims ?? '') };
  });
}

describe(`back-channel logout (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it('posts the logout token Keycloak builds to the client whose session ends with a refresh-token logout', async () => {
    received.length = 0;
    const web = await login('web');
    const keys = (await target.request('GET', `/realms/${realm}/protocol/openid-connect/certs`)).json as {
      keys: Array<{ kid: string; alg: string }>;
    };
    const logout = await target.request('POST', `/realms/${realm}/protocol/openid-connect/logout`, {
      form: { client_id: 'web', refresh_token: web.refresh },
    });
    expect(logout.status).toBe(204);
    const [sent, ...more] = await logoutTokens(1);
    expect(more).toEqual([]);
    expect(sent?.url).toBe('/bcl/web');
    expect(sent?.contentType).toBe('application/x-www-form-urlencoded');
    expect(sent?.header).toEqual({
      alg: 'RS256',
      typ: 'logout+jwt',
      kid: keys.keys.find((key) => key.alg === 'RS256')?.kid,
    });
    const claims = sent?.claims ?? {};
    expect(Object.keys(claims)).toEqual(['exp', 'iat', 'jti', 'iss', 'aud', 'sub', 'typ', 'sid', 'events']);
    expect(claims).toEqual({
      exp: (claims.iat as number) + 120,
      iat: expect.any(Number),
      jti: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      iss: `${target.url}/realms/${realm}`,
      aud: 'web',
      sub: web.access.sub,
      typ: 'Logout',
      sid: web.access.sid,
      events: { 'http://schemas.openid.net/event/backchannel-logout': {}, revoke_offline_access: true },
    });
  });

  it('sends no sid to a client that does not require it, when an admin logs the user out', async () => {
    received.length = 0;
    const web2 = await login('web2');
    await login('quiet');
    const users = (await target.request('GET', `/admin/realms/${realm}/users?username=alice`, { token: 'admin' }))
      .json as Array<{ id: string }>;
    const answer = await target.request('POST', `/admin/realms/${realm}/users/${users[0]?.id}/logout`, {
      token: 'admin',
    });
    expect(answer.status).toBe(204);
    const sent = await logoutTokens(1);
    expect(sent.map(({ url, claims }) => [url, claims.aud, claims.sub, 'sid' in claims, claims.events])).toEqual([
      ['/bcl/web2', 'web2', web2.access.sub, false, { 'http://schemas.openid.net/event/backchannel-logout': {} }],
    ]);
  });

  it('tells the clients of a session an admin deletes, and answers an unknown session 404', async () => {
    received.length = 0;
    const web = await login('web');
    const deleted = await target.request('DELETE', `/admin/realms/${realm}/sessions/${web.access.sid}`, {
      token: 'admin',
    });
    expect(deleted.status).toBe(204);
    expect((await logoutTokens(1)).map(({ url, claims }) => [url, claims.sid])).toEqual([['/bcl/web', web.access.sid]]);
    const unknown = await target.request('DELETE', `/admin/realms/${realm}/sessions/${web.access.sid}`, {
      token: 'admin',
    });
    expect([unknown.status, unknown.json]).toEqual([404, { error: 'Sesssion not found' }]);
  });

  it('tells the clients of a session ended at the end-session endpoint with an id_token_hint', async () => {
    received.length = 0;
    const web = await login('web');
    const ended = await target.request(
      'GET',
      `/realms/${realm}/protocol/openid-connect/logout?id_token_hint=${web.id}&client_id=web`,
    );
    expect(ended.status).toBe(200);
    expect((await logoutTokens(1)).map(({ url, claims }) => [url, claims.sid])).toEqual([['/bcl/web', web.access.sid]]);
  });

  it('sends no logout token on logout-all: the admin URLs get k_logout instead', async () => {
    received.length = 0;
    await login('web');
    const answer = await target.request('POST', `/admin/realms/${realm}/logout-all`, { token: 'admin' });
    expect([answer.status, answer.json]).toEqual([200, { successRequests: [`${base}/api`] }]);
    await new Promise((wake) => setTimeout(wake, 300));
    expect(received.splice(0).map(({ url, contentType }) => [url, contentType])).toEqual([
      ['/api/k_logout', 'text/plain; charset=ISO-8859-1'],
    ]);
  });
});
