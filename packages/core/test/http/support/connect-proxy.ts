/** A tiny CONNECT proxy on 127.0.0.1, port 0: records each tunnel and checks Basic proxy credentials when sent. */
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { startServer, type TestServer } from './server.js';

/** One CONNECT the proxy received. */
export interface Tunnel {
  target: string | undefined;
  auth: string | undefined;
}

export interface ConnectProxy extends TestServer {
  readonly tunnels: Tunnel[];
}

/** Starts the proxy; a `Proxy-Authorization` other than `expectedAuth` (when sent) gets 407. */
export async function startConnectProxy(expectedAuth: string): Promise<ConnectProxy> {
  const tunnels: Tunnel[] = [];
  const proxyServer = createServer();
  proxyServer.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const auth = req.headers['proxy-authorization'];
    tunnels.push({ target: req.url, auth });
    if (auth !== undefined && auth !== expectedAuth) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host = '', port = ''] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const server = await startServer(() => {}, proxyServer);
  return Object.assign(server, { tunnels });
}
