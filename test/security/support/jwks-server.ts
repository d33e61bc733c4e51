import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the JWKS endpoint answers, decided per request. */
export interface JwksAnswer {
  status: number;
  body: string;
  contentType?: string;
}

/** A realm that serves only its certs endpoint, whose answer the test changes at will. */
export interface JwksServer {
  /** `http://127.0.0.1:PORT` (the guard's serverUrl). */
  serverUrl: string;
  /** `{serverUrl}/realms/test` */
  issuer: string;
  /** Requests the certs endpoint received. */
  readonly fetches: number;
  answer: () => JwksAnswer;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1, port 0, answering `{ keys }` of the given JWKs until told otherwise. */
export async function startJwksServer(keys: unknown[]): Promise<JwksServer> {
  let fetches = 0;
  const state = { answer: (): JwksAnswer => ({ status: 200, body: JSON.stringify({ keys }) }) };
  const server = createServer((req, res) => {
    if (req.url !== '/realms/test/protocol/openid-connect/certs') return void res.writeHead(404).end();
    fetches++;
    const { status, body, contentType = 'application/json' } = state.answer();
    res.writeHead(status, { 'content-type': contentType }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    serverUrl,
    issuer: `${serverUrl}/realms/test`,
    get fetches() {
      return fetches;
    },
    get answer() {
      return state.answer;
    },
    set answer(next) {
      state.answer = next;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A JWKS answer of these keys. */
export const keysAnswer =
  (keys: unknown[]): (() => JwksAnswer) =>
  () => ({ status: 200, body: JSON.stringify({ keys }) });
