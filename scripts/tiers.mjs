// The pieces of `pnpm test` and `pnpm test:real`: run a command while adding up vitest's closing lines, and the
// real-Keycloak tier (acquire a Keycloak, run test/keycloak against it, stop it).
import { spawn } from 'node:child_process';
import { acquireKeycloak } from './keycloak/server.mjs';

const CLOSING = /^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/;

export const totals = { passed: 0, failed: 0, skipped: 0 };

export const ci = process.env.CI === 'true' || process.env.CI === '1';

/** Runs a command, echoing its output and adding its closing line (if any) to {@link totals}; resolves its exit code. */
export function run(command, args, env = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = CLOSING.exec(line.trim());
        if (!match) continue;
        totals.passed += Number(match[1]);
        totals.failed += Number(match[2]);
        totals.skipped += Number(match[3]);
      }
    });
    child.on('exit', (code) => resolveRun(code ?? 1));
  });
}

/** `pnpm <args>` through the pnpm that runs this script (npx pnpm@10 sets npm_execpath), else pnpm on the PATH. */
export function pnpm(...args) {
  const execpath = process.env.npm_execpath;
  return execpath?.includes('pnpm') ? run(process.execPath, [execpath, ...args]) : run('pnpm', args);
}

export function vitest(args, env) {
  return run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args], env);
}

/**
 * The real tier: true when it ran and passed, false when it failed, or when it was skipped under CI=true. A skip
 * prints one line starting with `real Keycloak tier: skipped:` and the reason.
 */
export async function runRealTier(extraArgs = []) {
  console.log('\n== real-Keycloak tier: test/keycloak against a real Keycloak ==');
  const keycloak = await acquireKeycloak({ log: (line) => console.log(line) });
  if ('skipped' in keycloak) {
    console.log(`real Keycloak tier: skipped: ${keycloak.skipped}`);
    if (ci) console.log('CI=true: the real tier must run, so this run fails.');
    return !ci;
  }
  console.log(`real Keycloak tier: against ${keycloak.url} (${keycloak.source})`);
  try {
    return (
      (await vitest(['--project', 'real', ...extraArgs], { KEYCLOAK_URL: keycloak.url, KEYCLOAK_TARGET: 'real' })) === 0
    );
  } finally {
    await keycloak.stop();
  }
}

export function printTotals() {
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}
