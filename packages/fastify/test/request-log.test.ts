import { Writable } from 'node:stream';
import { keycloakPlugin } from '@keycloak-ts/fastify';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../test/support/guard/realm.js';

/** A pino destination keeping each JSON line. */
function lines(): { stream: Writable; read(): Array<Record<string, unknown>> } {
  const kept: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      kept.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, read: () => kept.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("the plugin's per-request log lines", () => {
  let shop: ShopKeycloak;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop?.close());

  it("go through request.log, so they carry the request's reqId", async () => {
    const log = lines();
    const app = Fastify({ logger: { level: 'debug', stream: log.stream }, disableRequestLogging: true });
    await app.register(keycloakPlugin, { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' });
    app.get('/me', { preHandler: app.keycloak.protect() }, async () => ({ ok: true }));
    await app.ready();
    const response = await app.inject({ method: 'GET', url: '/me' });
    expect(response.statusCode).toBe(401);
    const refused = log.read().filter((line) => line['msg'] === 'keycloak guard refused the request');
    expect(refused).toEqual([expect.objectContaining({ level: 20, reason: 'no_credentials', reqId: 'req-1' })]);
    await app.close();
  });

  it("go to the options' logger instead when one is given", async () => {
    const log = lines();
    const mine: string[] = [];
    const logger = {
      debug: (obj: Record<string, unknown>) => void mine.push(String(obj['reason'])),
      warn: () => undefined,
      error: () => undefined,
    };
    const app = Fastify({ logger: { level: 'debug', stream: log.stream }, disableRequestLogging: true });
    await app.register(keycloakPlugin, { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api', logger });
    app.get('/me', { preHandler: app.keycloak.protect() }, async () => ({ ok: true }));
    await app.ready();
    await app.inject({ method: 'GET', url: '/me' });
    expect(mine).toEqual(['no_credentials']);
    expect(log.read().some((line) => line['reason'] !== undefined)).toBe(false);
    await app.close();
  });
});
