import { keycloakPlugin } from '@keycloak-ts/fastify';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

// The plugin receives Fastify's own register options beside its own; the guard refuses any other unknown key.

const OPTIONS = { serverUrl: 'http://127.0.0.1:1', realm: 'shop', clientId: 'api', startupCheck: 'off' } as const;

describe('Fastify plugin options', () => {
  it("takes Fastify's register options (logLevel, logSerializers, prefix) beside the guard's", async () => {
    const app = Fastify();
    await app.register(keycloakPlugin, { ...OPTIONS, logLevel: 'warn', logSerializers: {}, prefix: '/api' } as never);
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });

  it('refuses an unknown option with the TypeError of the guard, naming the nearest known one', async () => {
    const app = Fastify();
    const registered = app.register(keycloakPlugin, { ...OPTIONS, clientSecrett: 'x' } as never);
    await expect(registered).rejects.toThrow(
      new TypeError('"clientSecrett" is not an option of the Keycloak guard (did you mean "clientSecret"?)'),
    );
  });
});
