import { spawn, type ChildProcess } from 'node:child_process';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoRealm } from './support.js';

// Real processes: the bin runs dist/, so these need `pnpm build` first (the test script builds before vitest).
const BIN = new URL('../bin/keycloak-ts-server.js', import.meta.url).pathname;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Spawns the bin and waits for the URL it prints when ready. */
async function startBin(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (\S+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return { child, url };
}

/** Runs the bin to its end: exit code, stdout and stderr. */
async function runBin(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out, err };
}

async function terminate(child: ChildProcess): Promise<number | null> {
  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

async function token(
  url: string,
  realm: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, string> }> {
  const answer = await fetch(`${url}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
  return { status: answer.status, body: (await answer.json()) as Record<string, string> };
}

async function adminToken(url: string): Promise<string> {
  return (
    (
      await token(url, 'master', {
        grant_type: 'password',
        client_id: 'admin-cli',
        username: 'admin',
        password: 'admin',
      })
    ).body['access_token'] ?? ''
  );
}

async function admin(url: string, method: string, path: string, json?: unknown): Promise<Response> {
  return fetch(`${url}/admin/realms${path}`, {
    method,
    headers: { authorization: `Bearer ${await adminToken(url)}`, 'content-type': 'application/json' },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
}

/** Whether an RS256 JWT's signature verifies against a realm's JWKS as the server serves it now. */
async function verifiesAgainst(url: string, realm: string, jwt: string): Promise<boolean> {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
  const { keys } = (await (await fetch(`${url}/realms/${realm}/protocol/openid-connect/certs`)).json()) as {
    keys: (JsonWebKey & { kid: string })[];
  };
  const jwk = keys.find((key) => key.kid === kid);
  if (!jwk) return false;
  return verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(signature, 'base64url'),
  );
}

describe('keycloak-ts-server --data DIR', () => {
  it('keeps realms, users, passwords, client secrets and keys across a restart; tokens issued before still verify', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-data-'));
    const port = String(await freePort());
    let { child, url } = await startBin(['--port', port, '--data', dir]);
    let before: string;
    let refresh: string;
    try {
      expect((await admin(url, 'POST', '', { realm: 'kept', enabled: true })).status).toBe(201);
      expect((await admin(url, 'POST', '', { realm: 'dropped', enabled: true })).status).toBe(201);
      expect(
        (
          await admin(url, 'POST', '/kept/users', {
            username: 'carol',
            email: 'carol@example.org',
            firstName: 'Carol',
            lastName: 'Danvers',
            enabled: true,
            credentials: [{ type: 'password', value: 'marvel', temporary: false }],
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await admin(url, 'POST', '/kept/clients', {
            clientId: 'svc',
            secret: 'svc-secret',
            serviceAccountsEnabled: true,
            directAccessGrantsEnabled: true,
          })
        ).status,
      ).toBe(201);
      expect((await admin(url, 'DELETE', '/dropped')).status).toBe(204);
      const issued = await token(url, 'kept', {
        grant_type: 'password',
        client_id: 'svc',
        client_secret: 'svc-secret',
        username: 'carol',
        password: 'marvel',
        scope: 'openid',
      });
      expect(issued.status).toBe(200);
      before = issued.body['access_token'] ?? '';
      refresh = issued.body['refresh_token'] ?? '';
    } finally {
      expect(await terminate(child)).toBe(0);
    }
    expect(readdirSync(dir).sort()).toEqual([
      'kept-realm.json',
      'kept-users-0.json',
      'keycloak-ts-sessions.json',
      'master-realm.json',
      'master-users-0.json',
    ]);

    ({ child, url } = await startBin(['--port', port, '--data', dir]));
    try {
      expect(await verifiesAgainst(url, 'kept', before)).toBe(true);
      // Keycloak 26 keeps sessions in its database: the session behind the token survives the restart.
      const userinfo = await fetch(`${url}/realms/kept/protocol/openid-connect/userinfo`, {
        headers: { authorization: `Bearer ${before}` },
      });
      expect(userinfo.status).toBe(200);
      expect(await userinfo.json()).toMatchObject({ preferred_username: 'carol' });
      expect(
        (
          await token(url, 'kept', {
            grant_type: 'refresh_token',
            client_id: 'svc',
            client_secret: 'svc-secret',
            refresh_token: refresh,
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await token(url, 'kept', {
            grant_type: 'password',
            client_id: 'svc',
            client_secret: 'svc-secret',
            username: 'carol',
            password: 'marvel',
          })
        ).status,
      ).toBe(200);
      expect(
        (await token(url, 'kept', { grant_type: 'client_credentials', client_id: 'svc', client_secret: 'svc-secret' }))
          .status,
      ).toBe(200);
      expect(
        (await token(url, 'kept', { grant_type: 'client_credentials', client_id: 'svc', client_secret: 'wrong' }))
          .status,
      ).toBe(401);
      expect((await admin(url, 'GET', '/dropped')).status).toBe(404);
    } finally {
      expect(await terminate(child)).toBe(0);
    }
  });

  it('answers a request in flight at SIGTERM, saves what it changed, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-data-'));
    const port = String(await freePort());
    let { child, url } = await startBin(['--port', port, '--data', dir, '--import', writeDemo()]);
    const body = JSON.stringify({ username: 'late', enabled: true });
    const adminBearer = await adminToken(url);
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(
        `${url}/admin/realms/demo/users`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${adminBearer}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      // Half the body now, SIGTERM, the rest later: the request is in flight when the signal arrives.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 100);
    });
    const exited = once(child, 'exit') as Promise<[number | null]>;
    expect(await answered).toBe(201);
    expect((await exited)[0]).toBe(0);

    ({ child, url } = await startBin(['--port', port, '--data', dir]));
    try {
      const users = (await (await admin(url, 'GET', '/demo/users?username=late&exact=true')).json()) as {
        username: string;
      }[];
      expect(users.map((u) => u.username)).toEqual(['late']);
    } finally {
      expect(await terminate(child)).toBe(0);
    }
  });

  it('skips an --import realm the data directory already holds, as start-dev --import-realm does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-data-'));
    const demo = writeDemo();
    let { child, url } = await startBin(['--port', '0', '--data', dir, '--import', demo]);
    try {
      expect((await admin(url, 'POST', '/demo/users', { username: 'added', enabled: true })).status).toBe(201);
    } finally {
      expect(await terminate(child)).toBe(0);
    }
    ({ child, url } = await startBin(['--port', '0', '--data', dir, '--import', demo]));
    try {
      const users = (await (await admin(url, 'GET', '/demo/users?username=added&exact=true')).json()) as unknown[];
      expect(users).toHaveLength(1);
    } finally {
      expect(await terminate(child)).toBe(0);
    }
  });

  it('writes a change soon after it is made, so even a killed server (SIGKILL) keeps it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-data-'));
    let { child, url } = await startBin(['--port', '0', '--data', dir]);
    expect((await admin(url, 'POST', '', { realm: 'quick', enabled: true })).status).toBe(201);
    const deadline = Date.now() + 5000;
    while (!readdirSync(dir).includes('quick-realm.json') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGKILL');
    await once(child, 'exit');
    ({ child, url } = await startBin(['--port', '0', '--data', dir]));
    try {
      expect((await admin(url, 'GET', '/quick')).status).toBe(200);
    } finally {
      expect(await terminate(child)).toBe(0);
    }
  });

  it('writes kc.sh export files: the realm file without users, users in <realm>-users-N.json, no temporary file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-data-'));
    const { child } = await startBin(['--port', '0', '--data', dir, '--import', writeDemo()]);
    expect(await terminate(child)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'demo-realm.json',
      'demo-users-0.json',
      'keycloak-ts-sessions.json',
      'master-realm.json',
      'master-users-0.json',
    ]);
    const realm = JSON.parse(readFileSync(join(dir, 'demo-realm.json'), 'utf8')) as Record<string, unknown>;
    expect(realm['realm']).toBe('demo');
    expect(realm['users']).toBeUndefined();
    const clients = realm['clients'] as { clientId: string; secret?: string }[];
    expect(clients.find((c) => c.clientId === 'app')?.secret).toBe('app-secret');
    const keys = (realm['components'] as Record<string, { providerId: string; config: Record<string, string[]> }[]>)[
      'org.keycloak.keys.KeyProvider'
    ];
    expect(keys?.find((k) => k.providerId === 'rsa-generated')?.config['privateKey']?.[0]).toMatch(
      /^[A-Za-z0-9+/=]{500,}$/,
    );
    const users = JSON.parse(readFileSync(join(dir, 'demo-users-0.json'), 'utf8')) as {
      realm: string;
      users: { username: string; credentials?: unknown[] }[];
    };
    expect(users.realm).toBe('demo');
    expect(users.users.map((u) => u.username).sort()).toEqual(['alice', 'bob', 'service-account-app']);
    // Hashed as Keycloak stores passwords (Pbkdf2Sha256PasswordHashProviderFactory), never in clear.
    const [credential] = users.users.find((u) => u.username === 'alice')!.credentials as Record<string, string>[];
    expect(credential).toMatchObject({
      type: 'password',
      credentialData: '{"hashIterations":27500,"algorithm":"pbkdf2-sha256","additionalParameters":{}}',
    });
    expect(credential?.['value']).toBeUndefined();
    expect(JSON.parse(credential?.['secretData'] ?? '{}')).toEqual({
      value: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
      salt: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/),
      additionalParameters: {},
    });
    expect(readFileSync(join(dir, 'demo-users-0.json'), 'utf8')).not.toContain('wonder');
  });

  it('exits 2 naming the file, without quoting it, when a realm file of the data directory is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-data-'));
    writeFileSync(join(dir, 'broken-realm.json'), '{"realm":"broken","clients":[{"secret":"do-not-print"');
    const { code, err } = await runBin(['--port', '0', '--data', dir]);
    expect(code).toBe(2);
    expect(err).toContain(`cannot load ${dir}: ${join(dir, 'broken-realm.json')}: not valid JSON`);
    expect(err).not.toContain('do-not-print');
  });
});

describe('keycloak-ts-server --export DIR and --import DIR', () => {
  it('writes every realm as kc.sh export --dir does and exits; importing the directory brings users and secrets back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-export-'));
    const exported = await runBin(['--import', writeDemo(), '--export', dir, '--users-per-file', '2']);
    expect(exported).toMatchObject({ code: 0, out: `keycloak-ts-server exported 2 realm(s) to ${dir}\n` });
    expect(readdirSync(dir).sort()).toEqual([
      'demo-realm.json',
      'demo-users-0.json',
      'demo-users-1.json',
      'master-realm.json',
      'master-users-0.json',
    ]);
    const { child, url } = await startBin(['--port', '0', '--import', dir]);
    try {
      expect(
        (
          await token(url, 'demo', {
            grant_type: 'password',
            client_id: 'app',
            client_secret: 'app-secret',
            username: 'alice',
            password: 'wonder',
          })
        ).status,
      ).toBe(200);
    } finally {
      expect(await terminate(child)).toBe(0);
    }
  });

  it('puts users into the realm file with --users realm_file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-export-'));
    expect((await runBin(['--import', writeDemo(), '--export', dir, '--users', 'realm_file'])).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['demo-realm.json', 'master-realm.json']);
    const realm = JSON.parse(readFileSync(join(dir, 'demo-realm.json'), 'utf8')) as { users: unknown[] };
    expect(realm.users).toHaveLength(3);
  });

  it('exits 2 on an unknown --users strategy', async () => {
    // The strategy is refused before the directory is touched, so the directory never comes to exist.
    const { code, err } = await runBin(['--export', join(tmpdir(), 'never-written'), '--users', 'everywhere']);
    expect(code).toBe(2);
    expect(err).toContain('--users must be one of different_files, same_file, realm_file, skip, got "everywhere"');
  });
});

function writeDemo(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kc-demo-')), 'demo-realm.json');
  writeFileSync(file, JSON.stringify(demoRealm));
  return file;
}
