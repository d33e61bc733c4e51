import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;

beforeAll(async () => {
  target = await openTarget();
});
afterAll(() => target.close());

/** A GET with a Host header fetch() would not send as given. */
function getWithHost(
  path: string,
  host: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${target.url}${path}`, { headers: { host, ...extra } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe(`a request whose Host header is no valid authority (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it.each(['bad host', 'a:b:c', 'ex%ample', 'x/y', 'host:99999', 'u@h'])(
    'answers 400 with Quarkus\'s JSON error page for Host "%s"',
    async (host) => {
      const answer = await getWithHost('/realms/master/.well-known/openid-configuration', host);
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['x-frame-options']).toBeUndefined();
      expect(JSON.parse(answer.body)).toEqual({
        details: expect.stringMatching(/^Error id [0-9a-f-]+-\d+$/),
        stack: '',
      });
    },
  );

  it('answers curl with the plain-text page and a browser with the HTML page (QuarkusErrorHandler)', async () => {
    const text = await getWithHost('/realms/master', 'bad host', { 'user-agent': 'curl/8.5.0', accept: '*/*' });
    expect(text.status).toBe(400);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toMatch(
      /^\n500 - Internal Server Error\n-{27}\n\nDetails:\n\tError id [0-9a-f-]+\nStack:\n\t\n$/,
    );
    const html = await getWithHost('/realms/master', 'bad host', { accept: 'text/html,application/xhtml+xml;q=0.9' });
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toMatch(
      /^<!doctype html>\n<html lang="en">\n<head>\n {4}<title>Internal Server Error - Error id [0-9a-f-]+<\/title>/,
    );
    const wildcard = await getWithHost('/realms/master', 'bad host', { accept: 'text/*' });
    expect(wildcard.headers['content-type']).toBe('text/json; charset=utf-8');
  });

  it('keeps the case of a valid Host in the issuer and drops a default port', async () => {
    const mixed = await getWithHost('/realms/master/.well-known/openid-configuration', 'HOST_a.Example');
    expect(mixed.status).toBe(200);
    expect((JSON.parse(mixed.body) as { issuer: string }).issuer).toBe('http://HOST_a.Example/realms/master');
    const withPort = await getWithHost('/realms/master/.well-known/openid-configuration', 'LocalHost:80');
    expect((JSON.parse(withPort.body) as { issuer: string }).issuer).toBe('http://LocalHost/realms/master');
  });
});
