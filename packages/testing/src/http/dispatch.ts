import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestCounters } from '../control/counters.js';
import type { EndpointName } from '../control/endpoints.js';
import type { FaultInjector } from '../control/faults.js';
import { RequestContext, type Kernel } from './context.js';
import { HttpError, type Reply } from './http-error.js';
import type { Router } from './router.js';
import { quarkusErrorPage } from './error-page.js';

// Headers Keycloak adds to its responses (the "five security headers" of errors.json plus HSTS).
const SECURITY_HEADERS: Record<string, string> = {
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'x-robots-tag': 'none',
};

/** Writes a reply: objects as JSON, strings and bytes (a Buffer) as given, nothing for an empty body. */
export function send(res: ServerResponse, reply: Reply, security = true): void {
  const headers: Record<string, string> = { ...(security ? SECURITY_HEADERS : {}), ...reply.headers };
  let payload: string | Buffer | undefined;
  if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  else if (reply.status !== 204) headers['content-length'] = '0';
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** The request's absolute URL, or undefined when its `Host` header is no valid authority (`bad host`, `a:b:c`). */
function requestUrl(req: IncomingMessage): URL | undefined {
  const host = req.headers.host ?? '127.0.0.1';
  // URL's parser percent-decodes and lower-cases a host, so a `%` or a path in Host would be silently "fixed".
  if (/[%/?#@\\\s]/.test(host)) return undefined;
  try {
    return new URL(req.url ?? '/', `http://${host}`);
  } catch {
    return undefined;
  }
}

/** Everything the dispatcher needs beyond the kernel. */
export interface DispatchDeps {
  kernel: Kernel;
  router: Router;
  counters: RequestCounters;
  faults: FaultInjector;
  /** Requests held by a hang fault, per endpoint, released on clear or close. */
  hung: Map<EndpointName, Set<ServerResponse>>;
}

/** Routes one request, applies counters and faults, and turns any throw into an answer (500 only for bugs). */
export async function dispatch(deps: DispatchDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = requestUrl(req);
    // Vert.x refuses a Host it cannot parse before Keycloak runs: 400 with Quarkus's error page, no security headers.
    if (!url) return send(res, quarkusErrorPage(req, 400), false);
    const match = deps.router.match(req.method ?? 'GET', url.pathname);
    if (match.kind === 'none')
      return send(res, { status: 404, body: { error: 'Unable to find matching target resource method' } }, false);
    if (match.kind === 'method-not-allowed') return send(res, { status: 404, body: { error: 'HTTP 404 Not Found' } });
    const endpoint = match.route.endpoint;
    deps.counters.increment(endpoint);
    const fault = deps.faults.take(endpoint);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      const held = deps.hung.get(endpoint) ?? new Set();
      deps.hung.set(endpoint, held);
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    if (fault?.kind === 'status')
      return send(res, { status: fault.status, ...(fault.body !== undefined ? { body: fault.body } : {}) });
    const ctx = new RequestContext(req, deps.kernel, match.params, url);
    send(res, await match.route.handler(ctx));
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    if (error instanceof HttpError) return send(res, error.reply);
    send(res, {
      status: 500,
      body: { error: 'unknown_error', error_description: 'For more on this error consult the server log.' },
    });
    if (process.env['KEYCLOAK_TS_SERVER_DEBUG']) console.error(error);
  }
}
