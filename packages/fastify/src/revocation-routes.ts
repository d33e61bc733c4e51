import type { GuardRevocationOptions, KeycloakGuard, RevocationEndpoint } from '@keycloak-ts/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Bodies Keycloak posts here are a logout token or an admin action: a few KiB. */
const MAX_BODY_BYTES = 64 * 1024;
const ENDPOINTS: readonly RevocationEndpoint[] = ['k_logout', 'k_push_not_before', 'backchannel-logout'];

/**
 * Registers the receivers of Keycloak's revocation callbacks: `POST {revocation.path}k_logout`,
 * `k_push_not_before` and `backchannel-logout`. In a context of their own, whose only body parser reads any body
 * as a string: the app's parsers (and the lack of a form parser in Fastify) stay as they are elsewhere.
 */
export async function registerRevocationRoutes(
  app: FastifyInstance,
  guard: KeycloakGuard<FastifyRequest>,
  options: GuardRevocationOptions | true,
): Promise<void> {
  const path = options === true || options.path === undefined ? '/' : options.path;
  const prefix = path.endsWith('/') ? path : `${path}/`;
  await app.register(async (receivers) => {
    receivers.removeAllContentTypeParsers();
    receivers.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    for (const endpoint of ENDPOINTS) {
      receivers.post(`${prefix}${endpoint}`, async (request: FastifyRequest, reply: FastifyReply) => {
        const answer = await guard.receiveRevocation(endpoint, request, {
          contentType: request.headers['content-type'],
          body: request.body,
        });
        reply.code(answer.status).headers(answer.headers);
        return reply.send(answer.body);
      });
    }
  });
}
