import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoSecret, tokenSecrets } from './support/secrets.js';

// The standalone server (`keycloak-ts-server`, built bin) prints to a terminal or a CI log: neither
// the secrets of the realms it imports nor the tokens it issues may appear there, whatever requests
// it serves or however bad the file it is given.

const BIN = new URL('../../packages/testing/bin/keycloak-ts-server.js', import.meta.url).pathname;
const PASSWORD = 'cli-user-password-31337';
const SECRET = 'cli-client-secret-73313';
const dir = mkdtempSync(join(tmpdir(), 'kc-cli-security-'));
const children: ChildProcess[] = [];

interface Run {
  child: ChildProcess;
  output: () => string;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function listening(started: Run): Promise<string> {
  for (;;) {
    const found = /listening on (\S+)/.exec(started.output());
    if (found?.[1]) return found[1];
    if (started.child.exitCode !== null) throw new Error(`exited: ${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

const realm = {
  realm: 'cli',
  enabled: true,
  users: [{ username: 'dora', enabled: true, credentials: [{ type: 'password', value: PASSWORD }] }],
  clients: [{ clientId: 'api', secret: SECRET, directAccessGrantsEnabled: true, serviceAccountsEnabled: true }],
};

describe('keycloak-ts-server output', () => {
  it('prints no password, client secret or token while serving good and bad requests', async () => {
    const file = join(dir, 'realm.json');
    writeFileSync(file, JSON.stringify(realm));
    const server = run(['--port', '0', '--import', file]);
    const url = await listening(server);
    const endpoint = `${url}/realms/cli/protocol/openid-connect`;
    const post = (
      path: string,
      fields: Record<string, string>,
      headers: Record<string, string> = {},
    ): Promise<Response> => fetch(`${endpoint}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields) });

    const good = await post('/token', {
      grant_type: 'password',
      client_id: 'api',
      client_secret: SECRET,
      username: 'dora',
      password: PASSWORD,
      scope: 'openid',
    });
    expect(good.status).toBe(200);
    const tokens = (await good.json()) as Record<string, string>;
    expect(
      (
        await post('/token', {
          grant_type: 'password',
          client_id: 'api',
          client_secret: SECRET,
          username: 'dora',
          password: `${PASSWORD}-wrong`,
        })
      ).status,
    ).toBe(400); // samples/errors.json: invalid_grant
    expect(
      (await post('/token', { grant_type: 'client_credentials', client_id: 'api', client_secret: `${SECRET}-wrong` }))
        .status,
    ).toBe(401);
    expect(
      (
        await post('/token/introspect', {
          token: tokens['access_token'] as string,
          client_id: 'api',
          client_secret: `${SECRET}-wrong`,
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await post('/token', {
          grant_type: 'refresh_token',
          client_id: 'api',
          client_secret: SECRET,
          refresh_token: `${tokens['refresh_token']}x`,
        })
      ).status,
    ).toBe(400);
    expect(
      (await fetch(`${endpoint}/userinfo`, { headers: { authorization: `Bearer ${tokens['access_token']}x` } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${url}/admin/realms/cli/users`, { headers: { authorization: `Bearer ${tokens['access_token']}` } }))
        .status,
    ).toBe(403);
    expect(
      (await post('/token', { grant_type: 'password', client_id: 'api' }, { 'content-type': 'application/json' }))
        .status,
    ).toBeLessThan(500);

    server.child.kill('SIGINT');
    const [code] = (await once(server.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(server.output()).toMatch(/^keycloak-ts-server listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    const secrets = [
      PASSWORD,
      SECRET,
      ...Object.values(tokens)
        .filter((value) => typeof value === 'string' && value.includes('.'))
        .flatMap(tokenSecrets),
    ];
    expectNoSecret(server.output(), secrets, 'the server output');
  });

  it.each([
    ['a single-quoted secret', `{"realm":"cli","clients":[{"clientId":"api","secret":'${SECRET}'}]}`],
    [
      'an unquoted password deep in a long file',
      `{"realm":"cli","description":"${'x'.repeat(400)}","users":[{"username":"dora","credentials":[{"type":"password","value": ${PASSWORD}}]}]}`,
    ],
  ])('names the bad file but prints none of its text for %s', async (_name, text) => {
    const file = join(dir, `bad-${text.length}.json`);
    writeFileSync(file, text);
    const failed = run(['--port', '0', '--import', file]);
    const [code] = (await once(failed.child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(failed.output()).toContain(`cannot import ${file}: not valid JSON`);
    expectNoSecret(failed.output(), [SECRET, PASSWORD, SECRET.slice(0, 10), PASSWORD.slice(0, 10)], 'the error output');
  });
});
