import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

import { main } from '../src/cli.js';

// The bin runs dist/, so this spawn needs `pnpm build` first (the test script builds before running vitest).
const BIN = new URL('../bin/keycloak-ts-server.js', import.meta.url).pathname;

describe('keycloak-ts-server CLI', () => {
  it('prints usage and exits 2 on an unknown flag', async () => {
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write;
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
    const child = spawn(process.execPath, [BIN, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /listening on (\S+)/.exec(output);
        if (found?.[1]) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const doc = (await (await fetch(`${url}/realms/master/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(doc.issuer).toBe(`${url}/realms/master`);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
