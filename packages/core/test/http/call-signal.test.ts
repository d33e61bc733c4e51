import { getEventListeners } from 'node:events';
import { KeycloakConnection } from '@keycloak-ts/core';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, startServer, type TestServer } from './support/server.js';

let server: TestServer | undefined;
let connection: KeycloakConnection | undefined;
afterEach(async () => {
  await connection?.close();
  await server?.close();
});

describe('the signal of a call', () => {
  it('leaves nothing on a long-lived caller signal once calls end, however many there were', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
    connection = new KeycloakConnection({ baseUrl: server.url, maxRetries: 0 });
    const appLifetime = new AbortController();
    for (let i = 0; i < 500; i++) await connection.request({ method: 'GET', path: '/x', signal: appLifetime.signal });
    expect(getEventListeners(appLifetime.signal, 'abort')).toHaveLength(0);
  });

  it('still fails as ERR_ABORTED when the caller aborts, and as ERR_TIMEOUT when the time is up', async () => {
    server = await startServer(() => undefined); // never answers
    connection = new KeycloakConnection({ baseUrl: server.url, maxRetries: 0 });
    const caller = new AbortController();
    const aborted = connection.request({ method: 'GET', path: '/hang', signal: caller.signal, timeout: 10_000 });
    setTimeout(() => caller.abort(), 20);
    await expect(aborted).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    await expect(
      connection.request({ method: 'GET', path: '/hang', signal: new AbortController().signal, timeout: 50 }),
    ).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
    const already = new AbortController();
    already.abort();
    await expect(connection.request({ method: 'GET', path: '/hang', signal: already.signal })).rejects.toMatchObject({
      code: 'ERR_ABORTED',
    });
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });
});
