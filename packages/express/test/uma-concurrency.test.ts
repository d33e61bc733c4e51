import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Agent, get, type Server } from 'node:http';
import { Keycloak } from '@keycloak-ts/express';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import express, { type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken } from '../../../test/support/guard/realm.js';
import { umaShopRealm } from '../../../test/support/guard/uma-realm.js';

describe('a cold Express protect("orders:read") route under 1,000 concurrent first requests over HTTP', () => {
  let kc: KeycloakTestServer;
  let server: Server;
  let url: string;
  let token: string;
  const agent = new Agent({ keepAlive: true, maxSockets: 100 });

  beforeAll(async () => {
    kc = await startKeycloak({ realms: [umaShopRealm] });
    token = await passwordToken(kc.url, 'uma-shop', 'bob', 'bob-password');
    const keycloak = new Keycloak({ serverUrl: kc.url, realm: 'uma-shop', clientId: 'orders-api' });
    const app = express();
    app.get(
      '/orders',
      keycloak.protect('orders:read'),
      (req: Request, res: Response) => void res.json({ granted: req.keycloak?.permissions?.length }),
    );
    app.use(keycloak.errorHandler());
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`;
  });
  afterAll(async () => {
    agent.destroy();
    server?.close();
    await kc?.close();
  });

  it('fetches the realm keys once and asks Keycloak for the decision once', async () => {
    const certs = kc.counters.get('certs');
    const grants = kc.counters.get('uma-grant');
    const replies = await Promise.all(
      Array.from(
        { length: 1000 },
        () =>
          new Promise<[number, string]>((resolve, reject) => {
            get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
              let body = '';
              response
                .setEncoding('utf8')
                .on('data', (chunk: string) => {
                  body += chunk;
                })
                .on('end', () => resolve([response.statusCode ?? 0, body]));
            }).on('error', reject);
          }),
      ),
    );
    expect(replies.filter(([status, body]) => status !== 200 || body !== '{"granted":1}')).toEqual([]);
    expect(kc.counters.get('certs') - certs).toBe(1);
    expect(kc.counters.get('uma-grant') - grants).toBe(1);
  });
});
