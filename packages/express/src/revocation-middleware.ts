import type { KeycloakGuard, RevocationAnswer } from '@keycloak-ts/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Bodies Keycloak posts here are a logout token or an admin action: a few KiB. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The receivers of Keycloak's revocation callbacks as one middleware, like keycloak-connect's
 * `keycloak.middleware({ admin })`: `POST {revocation.path}k_logout`, `k_push_not_before` and `backchannel-logout`
 * (paths relative to where the app mounts it) are answered here; every other request goes on. The body is read
 * here unless the app's own parser (`express.urlencoded()`, `express.text()`) already did.
 */
export function revocationMiddleware(guard: KeycloakGuard<Request>): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const endpoint = request.method === 'POST' ? guard.revocationEndpoint(request.path) : undefined;
    if (endpoint === undefined) {
      next();
      return;
    }
    readBody(request)
      .then((body) =>
        guard.receiveRevocation(endpoint, request, { contentType: request.headers['content-type'], body }),
      )
      .then((answer) => send(response, answer))
      .catch(() => send(response, tooLarge));
  };
}

const tooLarge: RevocationAnswer = {
  status: 400,
  headers: { 'cache-control': 'no-store', 'content-type': 'application/json' },
  body: JSON.stringify({ error: 'invalid_request', error_description: 'The request body could not be read' }),
};

function send(response: Response, answer: RevocationAnswer): void {
  if (response.headersSent) return;
  response.status(answer.status).set(answer.headers);
  if (answer.body === undefined) response.end();
  else response.send(answer.body);
}

/** The body as a string (bounded), or what a parser of the app made of it. */
async function readBody(request: Request): Promise<unknown> {
  // A parser of the app consumed the stream: use its result (a Buffer from express.raw() read as text).
  if (request.readableEnded || !request.readable) {
    const parsed: unknown = request.body;
    return Buffer.isBuffer(parsed) ? parsed.toString('utf8') : parsed;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError('body too large');
    chunks.push(chunk as Buffer);
  }
  // Keycloak sends admin actions as ISO-8859-1 text: a compact JWS is ASCII, the same bytes in both.
  return Buffer.concat(chunks).toString('utf8');
}
