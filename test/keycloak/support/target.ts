import { randomBytes } from 'node:crypto';
import { startKeycloak, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';

/**
 * Which Keycloak the conformance suite in test/keycloak talks to: `memory` (an in-process `startKeycloak()`, the
 * default) or `real` (the Keycloak at KEYCLOAK_URL, which scripts/test.mjs starts for the real tier). Every
 * scenario runs against both with the same assertions; one that needs the in-memory server's clock, counters or
 * fault injection runs there only, through {@link memoryOnly}, and its name says why.
 */
export type TargetKind = 'memory' | 'real';

export const targetKind: TargetKind = process.env['KEYCLOAK_TARGET'] === 'real' ? 'real' : 'memory';

/** The master realm's bootstrap admin of both targets (scripts/keycloak/server.mjs starts Keycloak with it). */
export const BOOTSTRAP_ADMIN = { username: 'admin', password: 'admin' } as const;

/** An HTTP answer, read whole. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body's bytes, as sent (for binary answers such as key stores). */
  bytes: Buffer;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface RawRequest {
  /** A bearer token; `'admin'` uses the master admin's token (fetched and renewed by the target). */
  token?: string;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  redirect?: 'follow' | 'manual' | 'error';
}

export interface KeycloakTarget {
  readonly kind: TargetKind;
  /** Base URL, e.g. `http://127.0.0.1:8080` (realms under /realms/{name}, admin API under /admin/realms). */
  readonly url: string;
  /** The in-memory server (clock, counters, faults), only on the memory target. */
  readonly server: KeycloakTestServer | undefined;
  /** A request to a path under {@link url}, answered whole; never throws on an HTTP status. */
  request(method: string, path: string, init?: RawRequest): Promise<RawResponse>;
  /** The master admin's access token (admin-cli, password grant), renewed before it expires. */
  adminToken(): Promise<string>;
  /**
   * Creates a realm from a representation through the admin API (POST /admin/realms), under a name unique to this
   * run (`${prefix}-${random}`), so files can share one Keycloak. Removed by {@link close}.
   */
  createRealm(prefix: string, representation?: Omit<RealmRepresentation, 'realm'>): Promise<string>;
  /** Deletes the realms this target created; stops the in-memory server. */
  close(): Promise<void>;
}

async function read(response: Response): Promise<RawResponse> {
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, bytes, json };
}

/** Opens the target this run is for: a fresh in-memory server, or the real Keycloak at KEYCLOAK_URL. */
export async function openTarget(): Promise<KeycloakTarget> {
  let server: KeycloakTestServer | undefined;
  let url: string;
  if (targetKind === 'real') {
    const fromEnv = process.env['KEYCLOAK_URL'];
    if (!fromEnv)
      throw new Error('KEYCLOAK_TARGET=real needs KEYCLOAK_URL (scripts/test.mjs sets it; or run `pnpm test:real`)');
    url = fromEnv.replace(/\/+$/, '');
  } else {
    // The features scripts/keycloak/server.mjs starts the real tier with that the in-memory server knows.
    server = await startKeycloak({ features: ['token-exchange:v1', 'client-admin-api:v2'] });
    url = server.url;
  }
  const created: string[] = [];
  let cached: { token: string; expiresAt: number } | undefined;

  const adminToken = async (): Promise<string> => {
    if (cached && cached.expiresAt > Date.now() + 10_000) return cached.token;
    const response = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', ...BOOTSTRAP_ADMIN }),
    });
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!response.ok || !body.access_token) throw new Error(`the master admin could not log in: ${response.status}`);
    cached = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 60) * 1000 };
    return cached.token;
  };

  const request = async (method: string, path: string, init: RawRequest = {}): Promise<RawResponse> => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers['authorization'] = `Bearer ${init.token === 'admin' ? await adminToken() : init.token}`;
    let body: string | URLSearchParams | undefined;
    if (init.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof init.json === 'string' ? init.json : JSON.stringify(init.json);
    } else if (init.form) {
      body = new URLSearchParams(init.form);
    }
    return read(await fetch(`${url}${path}`, { method, headers, body, redirect: init.redirect ?? 'manual' }));
  };

  return {
    kind: targetKind,
    url,
    server,
    request,
    adminToken,
    async createRealm(prefix, representation = {}) {
      const realm = `${prefix}-${randomBytes(4).toString('hex')}`;
      const answer = await request('POST', '/admin/realms', {
        token: 'admin',
        json: { enabled: true, ...representation, realm },
      });
      if (answer.status !== 201)
        throw new Error(`creating realm ${realm} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
      created.push(realm);
      return realm;
    },
    async close() {
      try {
        for (const realm of created.splice(0))
          await request('DELETE', `/admin/realms/${encodeURIComponent(realm)}`, { token: 'admin' });
      } finally {
        await server?.close();
      }
    },
  };
}

/**
 * The in-memory server of a target, for a scenario that needs its clock, counters or fault injection; such a
 * scenario is declared with `it.skipIf(targetKind === 'real')` and a name that ends in "(in-memory only: why)".
 */
export function memoryServer(target: KeycloakTarget): KeycloakTestServer {
  if (!target.server) throw new Error('this scenario needs the in-memory server (clock, counters or faults)');
  return target.server;
}
