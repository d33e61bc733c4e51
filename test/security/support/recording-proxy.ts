import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A pass-through HTTP proxy in front of a server, recording each request line and headers as received. */
export interface RecordingProxy {
  /** `http://127.0.0.1:PORT`: use it as the client's serverUrl. */
  url: string;
  /** `METHOD /raw/path?query` of every request, in order. */
  readonly requests: string[];
  /** Raw header lists (name, value, ...) of every request, in order. */
  readonly rawHeaders: string[][];
  close(): Promise<void>;
}

/**
 * Starts the proxy on 127.0.0.1, port 0, forwarding to `target` unchanged (the Host header included,
 * so the test server issues tokens for the proxy's address). It shows what a client put on the wire.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const { hostname, port } = new URL(target);
  const requests: string[] = [];
  const rawHeaders: string[][] = [];
  const server = createServer((incoming, outgoing) => {
    requests.push(`${incoming.method} ${incoming.url}`);
    rawHeaders.push(incoming.rawHeaders);
    const upstream = request(
      { host: hostname, port: Number(port), method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    rawHeaders,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
