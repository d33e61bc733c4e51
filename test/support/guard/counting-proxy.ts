/**
 * An HTTP proxy in front of the test Keycloak that counts the connections clients hold open to it,
 * so lifecycle tests can see a guard's keep-alive sockets and their closing. It forwards the Host
 * header, so tokens fetched through it name the proxy as their issuer. It asks clients to keep idle
 * sockets for ten minutes (`Keep-Alive: timeout=600`): a socket still open after a close() was
 * not closed by it.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { KeycloakGuardStats } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { umaShopRealm } from './uma-realm.js';

/** A running proxy; `url` stands for the Keycloak server URL. */
export interface CountingProxy {
  readonly url: string;
  /** Client connections open now. */
  readonly open: number;
  /** Resolves once no client connection is open. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const KEEP_IDLE_SOCKETS_MS = 600_000;

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let waiters: Array<() => void> = [];
  const forward = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const onward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent: false,
      },
      (answer) => {
        // Hop-by-hop headers are the proxy's own: its keep-alive promise, not the upstream's.
        const { connection: _connection, 'keep-alive': _keepAlive, ...headers } = answer.headers;
        outgoing.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(outgoing);
      },
    );
    onward.on('error', () => outgoing.destroy());
    incoming.pipe(onward);
  };
  const server: Server = createServer(forward);
  server.keepAliveTimeout = KEEP_IDLE_SOCKETS_MS;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) {
        const ready = waiters;
        waiters = [];
        ready.forEach((resolve) => resolve());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get open() {
      return sockets.size;
    },
    idle: () => (sockets.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The password grant through `serverUrl` on a connection closed after the answer, so it leaves no socket open. */
export async function closedConnectionToken(
  serverUrl: string,
  realm: string,
  username: string,
  password: string,
  clientId = 'web',
): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password }).toString();
  const url = new URL(`${serverUrl}/realms/${realm}/protocol/openid-connect/token`);
  const answer = await new Promise<string>((resolve, reject) => {
    const sent = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (reply) => {
        let text = '';
        reply
          .setEncoding('utf8')
          .on('data', (chunk: string) => (text += chunk))
          .on('end', () => resolve(text));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
  const token = (JSON.parse(answer) as { access_token?: unknown }).access_token;
  if (typeof token !== 'string') throw new Error(`no token for ${username}`);
  return token;
}

/** The UMA test realm behind a {@link CountingProxy}, with bob's token fetched through it and no socket left open. */
export interface ProxiedUmaShop {
  readonly kc: KeycloakTestServer;
  readonly proxy: CountingProxy;
  readonly bob: string;
  close(): Promise<void>;
}

export async function startProxiedUmaShop(): Promise<ProxiedUmaShop> {
  const kc = await startKeycloak({ realms: [umaShopRealm] });
  const proxy = await startCountingProxy(kc.url);
  const bob = await closedConnectionToken(proxy.url, 'uma-shop', 'bob', 'bob-password');
  await proxy.idle();
  return {
    kc,
    proxy,
    bob,
    close: async () => {
      await proxy.close();
      await kc.close();
    },
  };
}

/** A guard's stats after bob's token passed `/me` once and `orders:read` twice (one UMA request, one cache hit). */
export function warmUmaShopStats(proxy: CountingProxy): KeycloakGuardStats {
  return {
    closed: false,
    realmsCached: 1,
    realms: [
      {
        realm: 'uma-shop',
        issuer: `${proxy.url}/realms/uma-shop`,
        verifier: { cacheHits: 2, signatureVerifications: 1, cachedTokens: 1 },
        introspector: undefined,
        decisions: { cachedDecisions: 1, cacheHits: 1, umaRequests: 1, coalesced: 0, tokenHits: 0, sharedHits: 0 },
      },
    ],
  };
}
