import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type KeycloakTarget } from './support/target.js';

/** What a client's admin URL received. */
interface Received {
  method: string;
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
      received.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body });
      res.statusCode = req.url?.startsWith('/broken') ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  target = await openTarget();
  realm = await target.createRealm('admin-realm-logout', {
    clients: [
      { clientId: 'guarded', secret: 's3cret', adminUrl: `${base}/guarded`, notBefore: 0 },
      { clientId: 'relative', secret: 's3cret', rootUrl: base, adminUrl: '/relative' },
      { clientId: 'broken', secret: 's3cret', adminUrl: `${base}/broken` },
      { clientId: 'silent', secret: 's3cret' },
    ],
  });
});
afterAll(async () => {
  await target.close();
  await new Promise((resolve) => listener.close(resolve));
});

const decode = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

describe(`admin actions pushed to clients (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it('push-revocation posts k_push_not_before to each admin URL and answers a GlobalRequestResult', async () => {
    received.length = 0;
    const answer = await target.request('POST', `/admin/realms/${realm}/push-revocation`, { token: 'admin' });
    expect(answer.status).toBe(200);
    const result = answer.json as { successRequests: string[]; failedRequests: string[] };
    expect(result.successRequests.sort()).toEqual([`${base}/guarded`, `${base}/relative`]);
    expect(result.failedRequests).toEqual([`${base}/broken`]);
    expect(received.map((r) => [r.method, r.url, r.contentType]).sort()).toEqual([
      ['POST', '/broken/k_push_not_before', 'text/plain; charset=ISO-8859-1'],
      ['POST', '/guarded/k_push_not_before', 'text/plain; charset=ISO-8859-1'],
      ['POST', '/relative/k_push_not_before', 'text/plain; charset=ISO-8859-1'],
    ]);
  });

  it('signs the action as a JWT of the realm key, with id, expiration, resource, action and notBefore', async () => {
    const push = received.find((r) => r.url === '/guarded/k_push_not_before')!;
    const [header, payload] = push.body.split('.');
    const keys = (await target.request('GET', `/admin/realms/${realm}/keys`, { token: 'admin' })).json as {
      active: Record<string, string>;
    };
    expect(Buffer.from(header!, 'base64url').toString()).toBe(
      `{"alg":"RS256","typ" : "JWT","kid" : "${keys.active['RS256']}"}`,
    );
    const claims = decode(payload!);
    expect(Object.keys(claims)).toEqual(['id', 'expiration', 'resource', 'action', 'notBefore']);
    expect(claims).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}-\d{13}$/),
      expiration: expect.any(Number),
      resource: 'guarded',
      action: 'PUSH_NOT_BEFORE',
      notBefore: 0,
    });
    const issuedMs = Number(String(claims['id']).split('-').pop());
    expect(claims['expiration']).toBe(Math.floor(issuedMs / 1000) + 30);
  });

  it('leaves the realm notBefore alone on push-revocation', async () => {
    expect(
      ((await target.request('GET', `/admin/realms/${realm}`, { token: 'admin' })).json as { notBefore: number })
        .notBefore,
    ).toBe(0);
  });

  it('logout-all sets the realm notBefore to now and posts k_logout carrying it', async () => {
    received.length = 0;
    const before = Math.floor(Date.now() / 1000);
    const answer = await target.request('POST', `/admin/realms/${realm}/logout-all`, { token: 'admin' });
    expect(answer.status).toBe(200);
    // Unlike push-revocation, an admin URL that answers 500 to k_logout still counts as a success.
    expect((answer.json as { successRequests: string[] }).successRequests.sort()).toEqual([
      `${base}/broken`,
      `${base}/guarded`,
      `${base}/relative`,
    ]);
    expect(answer.json).not.toHaveProperty('failedRequests');
    const notBefore = (
      (await target.request('GET', `/admin/realms/${realm}`, { token: 'admin' })).json as { notBefore: number }
    ).notBefore;
    expect(notBefore).toBeGreaterThanOrEqual(before - 1);
    const logout = received.find((r) => r.url === '/guarded/k_logout')!;
    expect(decode(logout.body.split('.')[1]!)).toMatchObject({ resource: 'guarded', action: 'LOGOUT', notBefore });
  });

  it('answers an empty GlobalRequestResult when no client has an admin URL', async () => {
    const other = await target.createRealm('admin-realm-logout-none');
    const answer = await target.request('POST', `/admin/realms/${other}/push-revocation`, { token: 'admin' });
    expect([answer.status, answer.json]).toEqual([200, {}]);
  });

  it('answers 401 without a token', async () => {
    expect((await target.request('POST', `/admin/realms/${realm}/logout-all`)).status).toBe(401);
  });
});
