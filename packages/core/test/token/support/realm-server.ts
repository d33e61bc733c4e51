import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { generateTestKey, type TestKey } from './keys.js';

/** How the server answers: normally, with a 500, by resetting the connection, or never. */
export type ServerMode = 'ok' | 'error' | 'reset' | 'hang';

/** An introspection answer for the token in the request body. */
export type IntrospectionHandler = (token: string, authorization: string | undefined) => Record<string, unknown>;

/** A minimal Keycloak realm over real HTTP: the JWKS and the introspection endpoint, with counters. */
export interface RealmServer {
  issuer: string;
  jwksUri: string;
  /** JWKS requests received, whatever the mode. */
  readonly jwksFetches: number;
  /** Introspection requests received. */
  readonly introspections: number;
  mode: ServerMode;
  /** Keys published in the JWKS; extra raw JWKs (e.g. an `enc` key) may be added with `extraJwks`. */
  keys: TestKey[];
  extraJwks: Record<string, unknown>[];
  introspect: IntrospectionHandler;
  close(): Promise<void>;
}

/**
 * Starts the realm on 127.0.0.1, port 0. The issuer has the shape Keycloak gives it
 * (`http://host:port/realms/test`), so swapping in @keycloak-ts/testing only changes this helper.
 */
export async function startRealmServer(keys: TestKey[]): Promise<RealmServer> {
  const sockets = new Set<Socket>();
  let jwksFetches = 0;
  let introspections = 0;
  const state = {
    mode: 'ok' as ServerMode,
    keys,
    extraJwks: [] as Record<string, unknown>[],
    introspect: ((): Record<string, unknown> => ({ active: false })) as IntrospectionHandler,
  };
  const server = createServer((req, res) => {
    if (req.url?.endsWith('/protocol/openid-connect/certs')) jwksFetches++;
    else if (req.url?.endsWith('/token/introspect')) introspections++;
    void answer(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    if (state.mode === 'hang') return;
    if (state.mode === 'reset') return void req.socket.destroy();
    if (state.mode === 'error') return void json(res, 500, { error: 'unknown_error' });
    if (req.url === '/realms/test/protocol/openid-connect/certs') {
      return void json(res, 200, { keys: [...state.keys.map((key) => key.jwk), ...state.extraJwks] });
    }
    if (req.url === '/realms/test/protocol/openid-connect/token/introspect' && req.method === 'POST') {
      const token = new URLSearchParams(body).get('token') ?? '';
      return void json(res, 200, state.introspect(token, req.headers.authorization));
    }
    json(res, 404, { error: 'Unable to find matching target resource method' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}/realms/test`;
  return {
    issuer,
    jwksUri: `${issuer}/protocol/openid-connect/certs`,
    get jwksFetches() {
      return jwksFetches;
    },
    get introspections() {
      return introspections;
    },
    get mode() {
      return state.mode;
    },
    set mode(mode) {
      state.mode = mode;
    },
    get keys() {
      return state.keys;
    },
    set keys(next) {
      state.keys = next;
    },
    get extraJwks() {
      return state.extraJwks;
    },
    set extraJwks(next) {
      state.extraJwks = next;
    },
    get introspect() {
      return state.introspect;
    },
    set introspect(handler) {
      state.introspect = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A clock tests move by hand. Starts at Keycloak sample time 2026-01-01T00:00:00Z. */
export function fakeClock(start = 1_767_225_600_000): {
  now: () => number;
  advance: (ms: number) => void;
  readonly time: number;
} {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    get time() {
      return time;
    },
  };
}

/** Starts one realm with one RS256 key for the current test file (vitest hooks), closed after it. */
export function useRealmServer(): { readonly realm: RealmServer; readonly key: TestKey } {
  const context = {} as { realm: RealmServer; key: TestKey };
  beforeAll(async () => {
    context.key = generateTestKey('RS256');
    context.realm = await startRealmServer([context.key]);
  });
  afterAll(() => context.realm.close());
  return context;
}
