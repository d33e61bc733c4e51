// Starts a real Keycloak (start-dev, in-memory H2) on a free port and stops its whole process group, or uses the
// one the user already runs at KEYCLOAK_URL. One rule decides whether the real tier can run: `acquireKeycloak`.
import { spawn } from 'node:child_process';
import { freePort } from '../lib/system.mjs';
import { ensureDist, KEYCLOAK_VERSION } from './dist.mjs';
import { findJdk } from './jdk.mjs';

export const BOOTSTRAP_ADMIN = { username: 'admin', password: 'admin' };

/**
 * The features the real tier always runs with. Keycloak rebuilds its optimised image whenever they change, so
 * every run passes the same list. python-keycloak's own test setup turns the first two on, and our in-memory
 * server serves what they add (the realm's users-management-permissions, legacy token exchange);
 * `client-admin-api:v2` (experimental; its dependency `admin-api` is a default feature) adds the v2 clients
 * admin API at /admin/api/{realm}/clients/v2.
 */
export const FEATURES = ['admin-fine-grained-authz:v1', 'token-exchange:v1', 'client-admin-api:v2'];

const STARTUP_DEADLINE_MS = 5 * 60_000;

async function answers(url) {
  try {
    const response = await fetch(`${url}/realms/master/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(2_000),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Starts Keycloak from `home` with `jdk`, resolving once it answers.
 * @returns {Promise<{ url: string, stop: () => Promise<void>, output: () => string }>}
 */
export async function startKeycloakDist({ home, jdk, port, log = () => {} }) {
  const httpPort = port ?? (await freePort());
  const url = `http://127.0.0.1:${httpPort}`;
  const args = [
    `${home}/bin/kc.sh`,
    'start-dev',
    '--db=dev-mem',
    `--http-port=${httpPort}`,
    '--http-host=127.0.0.1',
    `--features=${FEATURES.join(',')}`,
    '--log-level=WARN',
  ];
  log(`starting Keycloak ${KEYCLOAK_VERSION} (JDK ${jdk.version}) on ${url}...`);
  // detached: its own process group, so stop() ends kc.sh and the java it starts together.
  const child = spawn('sh', args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      JAVA_HOME: jdk.home,
      KC_BOOTSTRAP_ADMIN_USERNAME: BOOTSTRAP_ADMIN.username,
      KC_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_ADMIN.password,
    },
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise((resolveExit) =>
    child.on('exit', (code, signal) => {
      exited = true;
      resolveExit({ code, signal });
    }),
  );

  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  const stop = async () => {
    process.off('exit', onParentExit);
    if (exited) return;
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 15_000);
    await exit;
    clearTimeout(timer);
    // kc.sh may exit before its java does; make sure nothing of the group is left.
    killGroup('SIGKILL');
  };
  const onParentExit = () => killGroup('SIGKILL');
  process.on('exit', onParentExit);

  const started = Date.now();
  while (!(await answers(url))) {
    if (exited) throw new Error(`Keycloak exited before it answered:\n${output.split('\n').slice(-15).join('\n')}`);
    if (Date.now() - started > STARTUP_DEADLINE_MS) {
      await stop();
      throw new Error(
        `Keycloak did not answer within ${STARTUP_DEADLINE_MS / 1000} s:\n${output.split('\n').slice(-15).join('\n')}`,
      );
    }
    await new Promise((wake) => setTimeout(wake, 500));
  }
  log(`Keycloak answers at ${url} after ${Math.round((Date.now() - started) / 1000)} s`);
  return { url, stop, output: () => output };
}

/**
 * The one rule of the real tier: a running Keycloak at KEYCLOAK_URL; else a dist (KEYCLOAK_HOME, or Maven) and a
 * JDK >= 21, started here; else a reason why none can be had.
 * @returns {Promise<{ url: string, stop: () => Promise<void>, source: string } | { skipped: string }>}
 */
export async function acquireKeycloak({ log = () => {}, env = process.env, port } = {}) {
  if (env.KEYCLOAK_URL) {
    const url = env.KEYCLOAK_URL.replace(/\/+$/, '');
    if (!(await answers(url)))
      return { skipped: `KEYCLOAK_URL=${url} does not answer /realms/master/.well-known/openid-configuration` };
    return { url, stop: async () => {}, source: `KEYCLOAK_URL (${url})` };
  }
  const jdk = findJdk(env);
  if ('reason' in jdk) return { skipped: jdk.reason };
  const dist = ensureDist({ log, env });
  if ('reason' in dist) return { skipped: dist.reason };
  try {
    const started = await startKeycloakDist({ home: dist.home, jdk, log, port });
    return {
      ...started,
      source: `Keycloak ${KEYCLOAK_VERSION} from ${env.KEYCLOAK_HOME ? 'KEYCLOAK_HOME' : 'Maven Central'}, JDK ${jdk.version}`,
    };
  } catch (error) {
    return { skipped: `Keycloak could not start: ${error.message}` };
  }
}
