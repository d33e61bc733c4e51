import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

import { main } from '../src/cli.js';

// The bin runs dist/, so this spawn needs `pnpm build` first (the test script builds before running vitest).
const BIN = new URL('../bin/keycloak-ts-server.js', import.meta.url).pathname;

/** Spawns the bin and waits for the URL it prints when ready. */
async function startBin(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
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

async function stop(child: ChildProcess): Promise<number | null> {
  child.kill('SIGINT');
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

const passwordGrant = (url: string, realm: string, client: string, username: string, password: string) =>
  fetch(`${url}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: client, username, password }),
  });

describe('keycloak-ts-server CLI', () => {
  it('prints usage and exits 2 on an unknown flag', async () => {
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      errors.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      await main(['--bogus']);
    } finally {
      process.stderr.write = write;
    }
    expect(process.exitCode).toBe(2);
    process.exitCode = 0;
    expect(errors.join('')).toContain('unknown option "--bogus"');
  });

  it('serves discovery on the printed URL and exits 0 on SIGTERM', async () => {
    const { child, url } = await startBin(['--port', '0']);
    const doc = (await (await fetch(`${url}/realms/master/.well-known/openid-configuration`)).json()) as {
      issuer: string;
    };
    expect(doc.issuer).toBe(`${url}/realms/master`);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('imports every --import file and takes the bootstrap admin from KC_BOOTSTRAP_ADMIN_*', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-cli-'));
    const files = ['one', 'two'].map((name) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          realm: name,
          enabled: true,
          users: [{ username: 'u', enabled: true, credentials: [{ type: 'password', value: 'p' }] }],
          clients: [{ clientId: 'c', publicClient: true, directAccessGrantsEnabled: true }],
        }),
      );
      return file;
    });
    const env = { ...process.env, KC_BOOTSTRAP_ADMIN_USERNAME: 'root', KC_BOOTSTRAP_ADMIN_PASSWORD: 's3cret' };
    const { child, url } = await startBin(
      ['--port=0', '--host', '127.0.0.1', '--import', files[0] ?? '', `--import=${files[1]}`],
      env,
    );
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await passwordGrant(url, 'one', 'c', 'u', 'p')).status).toBe(200);
      expect((await passwordGrant(url, 'two', 'c', 'u', 'p')).status).toBe(200);
      expect((await passwordGrant(url, 'master', 'admin-cli', 'root', 's3cret')).status).toBe(200);
      const defaultAdmin = await passwordGrant(url, 'master', 'admin-cli', 'admin', 'admin');
      expect(defaultAdmin.status).toBe(400);
      expect(await defaultAdmin.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'Invalid user credentials',
      });
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('exits 2 naming the file when an import cannot be read', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0', '--import', '/nonexistent/realm.json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(errors).toContain('cannot import /nonexistent/realm.json');
  });

  it('exits 2 naming the realm, the object and the field of a dangling reference in an import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-cli-refs-'));
    const file = join(dir, 'shop.json');
    writeFileSync(file, JSON.stringify({ realm: 'shop', users: [{ username: 'ann', groups: ['/staff'] }] }));
    const child = spawn(process.execPath, [BIN, '--port', '0', '--import', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(errors).toBe('keycloak-ts-server: realm "shop": user "ann" (groups): group "/staff" does not exist\n');
  });
});
