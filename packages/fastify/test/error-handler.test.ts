import { keycloakPlugin } from '@keycloak-ts/fastify';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { warningsWhileBuilding } from '../../../test/support/fastify-warnings.js';

// Nothing listens here: a malformed token is refused before any call to Keycloak.
const options = {
  serverUrl: 'http://127.0.0.1:9',
  realm: 'shop',
  clientId: 'orders-api',
  startupCheck: 'off',
} as const;
const INVALID_TOKEN = 'Bearer realm="shop", error="invalid_token", error_description="The access token is invalid"';

/** The app's own root handler: answers every error as a problem document with the error's status and headers. */
function ownHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { headers?: Record<string, string> }, _request, reply) =>
    reply
      .code(error.statusCode ?? 500)
      .headers(error.headers ?? {})
      .send({ problem: error.code }),
  );
}

describe('the plugin error handler', () => {
  it('conflicts with a root handler the app set first unless errorHandler is false', async () => {
    // With allowErrorHandlerOverride: false Fastify throws where it would otherwise only warn FSTWRN004.
    const strict = Fastify({ allowErrorHandlerOverride: false });
    ownHandler(strict);
    const conflict = await Promise.resolve(strict.register(keycloakPlugin, options)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((conflict as FastifyError).code).toBe('FST_ERR_ERROR_HANDLER_ALREADY_SET');
    await strict.close().catch(() => undefined);

    const app = Fastify({ allowErrorHandlerOverride: false });
    ownHandler(app);
    await app.register(keycloakPlugin, { ...options, errorHandler: false });
    await app.ready();
    await app.close();
  });

  it('leaves no warning with errorHandler: false, whether the app set its handler before or after registering', async () => {
    for (const handlerFirst of [true, false]) {
      const codes = await warningsWhileBuilding(async () => {
        const app = Fastify();
        if (handlerFirst) ownHandler(app);
        await app.register(keycloakPlugin, { ...options, errorHandler: false });
        if (!handlerFirst) ownHandler(app);
        return app;
      });
      expect(codes).toEqual([]);
    }
  });

  it("hands refusals to the app's own handler registered first, with their status and RFC 6750 header", async () => {
    const app = Fastify();
    ownHandler(app);
    await app.register(keycloakPlugin, { ...options, errorHandler: false });
    app.get('/me', { preHandler: app.keycloak.protect() }, async () => ({ ok: true }));
    const reply = await app.inject({ url: '/me', headers: { authorization: 'Bearer nope' } });
    expect([reply.statusCode, reply.headers['www-authenticate'], reply.json()]).toEqual([
      401,
      INVALID_TOKEN,
      { problem: 'ERR_TOKEN_REJECTED' },
    ]);
    await app.close();
  });

  it('answers refusals itself by default, without any warning', async () => {
    let app: FastifyInstance | undefined;
    const codes = await warningsWhileBuilding(async () => {
      app = Fastify();
      await app.register(keycloakPlugin, options);
      app.get('/me', { preHandler: app.keycloak.protect() }, async () => ({ ok: true }));
      const reply = await app.inject({ url: '/me', headers: { authorization: 'Bearer nope' } });
      expect([reply.statusCode, reply.headers['www-authenticate'], reply.json()]).toEqual([
        401,
        INVALID_TOKEN,
        { error: 'invalid_token', error_description: 'The access token is invalid' },
      ]);
      return app;
    });
    expect(codes).toEqual([]);
  });
});
