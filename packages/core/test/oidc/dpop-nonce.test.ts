import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakOpenID } from '../../src/index.js';

// Keycloak 26.7 asks for no DPoP nonce, but an authorization server may (RFC 9449 §8, §9): a server on
// 127.0.0.1 that wants one answers use_dpop_nonce with a DPoP-Nonce header once, then checks the nonce.
function claims(proof: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(proof.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

const boundToken = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(
  JSON.stringify({ sub: 'alice', cnf: { jkt: 'x' } }),
).toString('base64url')}.sig`;

describe('KeycloakOpenID and DPoP-Nonce', () => {
  let server: Server;
  let url: string;
  const seen: Array<{ path: string; proof: Record<string, unknown>; authorization: string | undefined }> = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const proof = claims(String(req.headers['dpop']));
      seen.push({ path: req.url ?? '', proof, authorization: req.headers.authorization });
      req.resume();
      if (req.url === '/realms/r/protocol/openid-connect/token') {
        if (proof['nonce'] !== 'token-nonce') {
          res.writeHead(400, { 'content-type': 'application/json', 'dpop-nonce': 'token-nonce' });
          res.end(
            JSON.stringify({
              error: 'use_dpop_nonce',
              error_description: 'Authorization server requires nonce in DPoP proof',
            }),
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: boundToken, token_type: 'DPoP', expires_in: 300 }));
        return;
      }
      if (proof['nonce'] !== 'resource-nonce') {
        res.writeHead(401, { 'www-authenticate': 'DPoP error="use_dpop_nonce"', 'dpop-nonce': 'resource-nonce' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sub: 'alice' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the token request again with the nonce the server asked for, and userinfo likewise', async () => {
    const openid = new KeycloakOpenID({ serverUrl: url, realmName: 'r', clientId: 'web', dpop: true });
    const tokens = await openid.token('alice', 'pw');
    expect(tokens.token_type).toBe('DPoP');
    expect(seen.map((s) => [s.path, s.proof['nonce']])).toEqual([
      ['/realms/r/protocol/openid-connect/token', undefined],
      ['/realms/r/protocol/openid-connect/token', 'token-nonce'],
    ]);
    expect(seen[0]?.proof['jti']).not.toBe(seen[1]?.proof['jti']);
    expect(seen[1]?.proof).toMatchObject({ htm: 'POST', htu: `${url}/realms/r/protocol/openid-connect/token` });
    seen.length = 0;
    expect(await openid.userinfo(boundToken)).toEqual({ sub: 'alice' });
    expect(seen.map((s) => [s.proof['nonce'], s.authorization])).toEqual([
      ['token-nonce', `DPoP ${boundToken}`],
      ['resource-nonce', `DPoP ${boundToken}`],
    ]);
    expect(seen[1]?.proof['ath']).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
