import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type ServerOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakConnection } from '@keycloak-ts/core';
import { sendJson, startServer, type TestServer } from './support/server.js';

interface Pem {
  cert: string;
  key: string;
}

let dir: string;
let serverPem: Pem;
let clientPem: Pem;
let server: TestServer;
let connection: KeycloakConnection | undefined;

/** A fresh self-signed certificate made with openssl (present on Debian) for this run only. */
function selfSigned(name: string, subject: string, extension: string): Pem {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      subject,
      '-addext',
      extension,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kc-tls-'));
  serverPem = selfSigned('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1');
  clientPem = selfSigned('client', '/CN=service-account', 'extendedKeyUsage=clientAuth');
  const options: ServerOptions = { ...serverPem, ca: clientPem.cert, requestCert: true, rejectUnauthorized: false };
  server = await startServer((req, res) => {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    sendJson(res, 200, { authorized: socket.authorized, client: peer.subject?.CN ?? null });
  }, createServer(options));
});

afterEach(async () => {
  await connection?.close();
  connection = undefined;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS', () => {
  it('refuses a self-signed server by default with ERR_CONNECTION naming the TLS failure', async () => {
    expect(server.url.startsWith('https://')).toBe(true);
    connection = new KeycloakConnection({ baseUrl: server.url, maxRetries: 0 });
    const error: unknown = await connection.rawGet('realms/demo').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_CONNECTION' });
    expect((error as Error).message).toBe(
      `GET ${server.url}realms/demo failed: TLS failure (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    );
  });

  it('accepts it with verify off', async () => {
    connection = new KeycloakConnection({ baseUrl: server.url, verify: false });
    expect(connection.verify).toBe(false);
    expect((await connection.rawGet('realms/demo')).body).toEqual({ authorized: false, client: null });
  });

  it('accepts it when its certificate is given as ca', async () => {
    connection = new KeycloakConnection({ baseUrl: server.url, ca: serverPem.cert });
    expect((await connection.rawGet('realms/demo')).status).toBe(200);
  });

  it('presents the client certificate given as cert and key', async () => {
    connection = new KeycloakConnection({ baseUrl: server.url, ca: Buffer.from(serverPem.cert), ...clientPem });
    expect((await connection.rawGet('realms/demo')).body).toEqual({ authorized: true, client: 'service-account' });
  });
});
