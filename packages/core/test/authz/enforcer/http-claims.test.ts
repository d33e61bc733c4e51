import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPolicyEnforcer, httpClaimProvider, parsePolicyEnforcerConfig } from '@keycloak-ts/core';

/** A claim source on 127.0.0.1 that answers what it was asked, as keycloak-client's ClaimInformationPointProviderTest's server does. */
describe('the http claim-information-point provider (HttpClaimInformationPointProvider)', () => {
  let server: Server;
  let url: string;
  const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.url?.startsWith('/fail')) return void res.writeHead(500).end('{}');
        if (req.url?.startsWith('/huge'))
          return void res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ a: 'x'.repeat(4096) }));
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ a: 'a-value1', b: 'b-value1', d: ['d-value1', 'd-value2'], e: { f: 'f-value' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = { method: 'GET', path: '/x?a=param-a', headers: { b: 'header-b' } };

  it('GETs the configured url with resolved parameters and headers, and maps every top-level field to a claim', async () => {
    const http = httpClaimProvider();
    try {
      const claims = await http.provide(
        {
          url: `${url}/claims`,
          parameters: { a: "{request.parameter['a']}" },
          headers: { 'X-B': "{request.header['b']}" },
        },
        request,
        {},
      );
      expect(claims).toEqual({ a: ['a-value1'], b: ['b-value1'], d: ['d-value1', 'd-value2'], e: ['{"f":"f-value"}'] });
      expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/claims?a=param-a', headers: { 'x-b': 'header-b' } });
    } finally {
      await http.close();
    }
  });

  it('POSTs the parameters as a form for any other method, and picks claims by JSON pointer', async () => {
    const http = httpClaimProvider();
    try {
      const claims = await http.provide(
        {
          url: `${url}/post`,
          method: 'POST',
          parameters: { a: 'static' },
          claims: { 'claim-d': '/d', 'claim-f': '/e/f', none: '/nope' },
        },
        request,
        {},
      );
      expect(claims).toEqual({ 'claim-d': ['d-value1', 'd-value2'], 'claim-f': ['f-value'], none: [] });
      expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/post', body: 'a=static' });
    } finally {
      await http.close();
    }
  });

  it('fails on a non-2xx answer and on an answer past its size limit, so a guard answers 503', async () => {
    const http = httpClaimProvider({ maxResponseBytes: 1024 });
    try {
      await expect(http.provide({ url: `${url}/fail` }, request, {})).rejects.toMatchObject({ status: 500 });
      await expect(http.provide({ url: `${url}/huge` }, request, {})).rejects.toMatchObject({
        name: expect.stringMatching(/Keycloak/),
      });
    } finally {
      await http.close();
    }
  });

  it('refuses at startup an http section whose url is not an absolute http(s) URL or whose placeholders are unknown', () => {
    expect(() =>
      parsePolicyEnforcerConfig({ paths: [{ path: '/a', 'claim-information-point': { http: { url: '/relative' } } }] }),
    ).toThrowError(
      expect.objectContaining({
        code: 'ERR_AUTHORIZATION_CONFIG',
        message: 'paths[0].claim-information-point.http.url must be an absolute http(s) URL',
      }),
    );
    expect(() =>
      parsePolicyEnforcerConfig({
        'claim-information-point': { http: { url: 'http://127.0.0.1/x', headers: { h: '{request.nope}' } } },
      }),
    ).toThrowError(
      expect.objectContaining({
        message: 'claim-information-point.http.headers.h has an unknown or malformed placeholder {request.nope}',
      }),
    );
  });

  it('feeds a policy enforcer: claims of the http provider are pushed with the path', async () => {
    const http = httpClaimProvider();
    try {
      const enforcer = createPolicyEnforcer(
        {
          paths: [
            { path: '/x', 'claim-information-point': { http: { url: `${url}/claims`, claims: { 'claim-a': '/a' } } } },
          ],
        },
        { claimProviders: { http: http.provide } },
      );
      expect((await enforcer.resolve(request))?.claims).toEqual({ 'claim-a': ['a-value1'] });
    } finally {
      await http.close();
    }
  });
});
