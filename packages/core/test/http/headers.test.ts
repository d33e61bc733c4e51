import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakConnection } from '@keycloak-ts/core';
import { sendJson, startServer, type TestServer } from './support/server.js';

let server: TestServer;

beforeAll(async () => {
  // Echoes the headers it received, after a short random delay so concurrent answers interleave.
  server = await startServer((req, res) => {
    setTimeout(() => sendJson(res, 200, req.headers), Math.floor(Math.random() * 5));
  });
});

afterAll(() => server.close());

function connect(headers: Record<string, string> = {}): KeycloakConnection {
  return new KeycloakConnection({ baseUrl: server.url, headers, connections: 8 });
}

type Echo = Record<string, string | undefined>;

describe('headers', () => {
  it('keeps per-call headers of 50 concurrent calls apart and leaves the instance headers untouched', async () => {
    const conn = connect({ Authorization: 'Bearer instance' });
    const calls = Array.from({ length: 50 }, (_, i) =>
      conn.rawGet(
        'echo',
        { i },
        { headers: { 'X-Call': `call-${i}`, ...(i % 2 === 0 ? { authorization: `Bearer user-${i}` } : {}) } },
      ),
    );
    const answers = await Promise.all(calls);
    answers.forEach((answer, i) => {
      const echo = answer.body as Echo;
      expect(echo['x-call']).toBe(`call-${i}`);
      expect(echo['authorization']).toBe(i % 2 === 0 ? `Bearer user-${i}` : 'Bearer instance');
    });
    expect(conn.headers).toEqual({ 'user-agent': 'keycloak-ts', authorization: 'Bearer instance' });
    await conn.close();
  });

  it('lets a call in flight keep the headers it started with', async () => {
    const conn = connect({ 'X-Tenant': 'a' });
    const first = conn.rawGet('echo');
    conn.addParamHeaders('X-Tenant', 'b');
    const second = conn.rawGet('echo');
    conn.delParamHeaders('x-tenant');
    const third = conn.rawGet('echo');
    expect(((await first).body as Echo)['x-tenant']).toBe('a');
    expect(((await second).body as Echo)['x-tenant']).toBe('b');
    expect(((await third).body as Echo)['x-tenant']).toBeUndefined();
    await conn.close();
  });

  it('sends the default User-Agent, JSON Accept and the body content type', async () => {
    const conn = connect();
    const echo = (await conn.rawPost('echo', { form: { grant_type: 'password' } })).body as Echo;
    expect(echo['user-agent']).toBe('keycloak-ts');
    expect(echo['accept']).toBe('application/json');
    expect(echo['content-type']).toBe('application/x-www-form-urlencoded');
    const json = (
      await conn.rawPut('echo', { json: { a: 1 } }, { headers: { Accept: 'application/xml' }, expect: 'json' })
    ).body as Echo;
    expect(json['content-type']).toBe('application/json');
    expect(json['accept']).toBe('application/xml');
    await conn.close();
  });

  it('looks headers up case-insensitively with the python-keycloak helpers', () => {
    const conn = connect({ 'Content-Type': 'application/json' });
    expect(conn.existParamHeaders('content-type')).toBe(true);
    expect(conn.paramHeaders('CONTENT-TYPE')).toBe('application/json');
    conn.addParamHeaders('Authorization', 'Bearer x');
    expect(conn.paramHeaders('authorization')).toBe('Bearer x');
    conn.delParamHeaders('AUTHORIZATION');
    expect(conn.existParamHeaders('Authorization')).toBe(false);
    conn.cleanHeaders();
    expect(conn.headers).toEqual({});
    void conn.close();
  });

  it('hands out a copy of the headers that cannot change the connection', () => {
    const conn = connect({ 'X-A': '1' });
    const copy = conn.headers;
    copy['x-a'] = 'changed';
    copy['x-b'] = 'added';
    expect(conn.headers).toEqual({ 'user-agent': 'keycloak-ts', 'x-a': '1' });
    void conn.close();
  });

  it('refuses a header value that would inject another header, without quoting the value', () => {
    const conn = connect();
    expect(() => conn.addParamHeaders('Authorization', 'Bearer secret-token\r\nX-Evil: 1')).toThrow(
      new TypeError('addParamHeaders(Authorization) must be a string without control characters'),
    );
    expect(() => conn.addParamHeaders('Bad Name', 'x')).toThrow(TypeError);
    expect(() => new KeycloakConnection({ baseUrl: server.url, headers: { 'X-A': 'a\nb' } })).toThrow(
      new TypeError('headers.X-A must be a string without control characters'),
    );
    void conn.close();
  });

  it('refuses a bad per-call header with a TypeError and sends nothing', async () => {
    const conn = connect();
    const before = server.requests.length;
    await expect(conn.rawGet('echo', undefined, { headers: { 'X-A': 'a\r\nb' } })).rejects.toThrow(TypeError);
    expect(server.requests.length).toBe(before);
    await conn.close();
  });
});
