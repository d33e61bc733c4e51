/** Our pooled undici dispatcher: keep-alive Agent, or ProxyAgent when a proxy is set, with the TLS options. */
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { ResolvedConnectionOptions } from '../options.js';

/** Builds the dispatcher a connection owns (and closes). */
export function createDispatcher(options: ResolvedConnectionOptions): Dispatcher {
  const tls = {
    rejectUnauthorized: options.verify,
    ...(options.ca === undefined ? {} : { ca: [...options.ca] }),
    ...(options.cert === undefined ? {} : { cert: options.cert, key: options.key }),
  };
  const pool = {
    connections: options.connections,
    keepAliveTimeout: options.keepAliveTimeout,
    headersTimeout: options.timeout,
    bodyTimeout: options.timeout,
  };
  if (options.proxy !== undefined) {
    // The proxy's own credentials, when in its URL, go in Proxy-Authorization rather than the request URL.
    const { username, password } = options.proxy;
    const uri = new URL(options.proxy.href);
    uri.username = '';
    uri.password = '';
    const token = username
      ? `Basic ${Buffer.from(`${decodeURIComponent(username)}:${decodeURIComponent(password)}`).toString('base64')}`
      : undefined;
    return new ProxyAgent({ ...pool, uri: uri.href, requestTls: tls, ...(token === undefined ? {} : { token }) });
  }
  return new Agent({ ...pool, connect: tls });
}
