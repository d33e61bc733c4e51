import type { RequestSource } from '@keycloak-ts/core';
import type { Request } from 'express';

/** How the guard reads an Express request (4 and 5 alike). */
export const expressRequestSource: RequestSource<Request> = {
  rawHeaders: (request) => request.rawHeaders,
  query: (request, name) => (request.query as Record<string, unknown> | undefined)?.[name],
  // originalUrl keeps the mount path of routers, as the policy enforcer's paths are the app's paths;
  // the query stays in it and is parsed by the enforcer, which does not read Express's nested objects.
  enforcerRequest: (request) => ({
    method: request.method,
    path: request.originalUrl,
    headers: request.headers,
    body: request.body as unknown,
    remoteAddress: request.socket.remoteAddress,
    secure: request.secure,
  }),
  // A DPoP proof's htu is the URL the client used: the scheme and host as Express resolves them under the
  // app's `trust proxy` setting (X-Forwarded-Proto/-Host only from a trusted proxy), and the full original path.
  requestTarget: (request) => {
    const host = trustedHost(request);
    return {
      method: request.method,
      origin: host === undefined ? undefined : `${request.protocol}://${host}`,
      path: request.originalUrl,
    };
  },
};

/**
 * Express 5's `req.host` (host and port; X-Forwarded-Host only when the peer is a trusted proxy), computed
 * here too since Express 4's `req.host` is the deprecated `hostname` without the port.
 */
function trustedHost(request: Request): string | undefined {
  const trust = request.app?.get('trust proxy fn') as
    | ((address: string | undefined, hop: number) => boolean)
    | undefined;
  let host = request.get('x-forwarded-host');
  if (host === undefined || trust === undefined || !trust(request.socket.remoteAddress, 0)) host = request.get('host');
  else if (host.includes(',')) host = host.slice(0, host.indexOf(',')).trimEnd();
  return host || undefined;
}
