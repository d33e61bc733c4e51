// A real Redis for the tests that share state between instances. Found in this order: REDIS_URL; redis-server on
// the PATH, started here on a free port; Debian's redis-server installed with apt when running as root (CI);
// otherwise a reason, which the test command prints on its own line.
import { spawn, spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { commandPath, freePort } from '../lib/system.mjs';

/** True when a Redis at host:port answers PING with PONG. */
export function pings(host, port, timeout = 1_000) {
  return new Promise((resolvePing) => {
    const socket = createConnection({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolvePing(ok);
    };
    socket.setTimeout(timeout, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function installWithApt(log) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return 'redis-server is not on the PATH and this is not root, so it cannot be installed with apt';
  if (!commandPath('apt-get')) return 'redis-server is not on the PATH and apt-get is missing';
  log("installing Debian's redis-server with apt-get (once)...");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let install = spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { encoding: 'utf8', env });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { encoding: 'utf8', env });
    install = spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { encoding: 'utf8', env });
  }
  if (install.status !== 0)
    return `apt-get install redis-server failed: ${(install.stderr || install.stdout).trim().split('\n').slice(-2).join(' ')}`;
  return undefined;
}

/**
 * Starts redis-server on a free port of 127.0.0.1 without persistence; `stop()` ends it.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void>, restart: () => Promise<void>, kill: () => Promise<void> }>}
 */
export async function startRedisServer(binary = 'redis-server', fixedPort) {
  const port = fixedPort ?? (await freePort());
  let child;
  const launch = async () => {
    child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
      { stdio: 'ignore' },
    );
    const started = Date.now();
    while (!(await pings('127.0.0.1', port, 300))) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (Date.now() - started > 10_000) throw new Error('redis-server did not answer PING within 10 s');
      await new Promise((wake) => setTimeout(wake, 100));
    }
  };
  const kill = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  };
  await launch();
  const onExit = () => child?.kill('SIGKILL');
  process.on('exit', onExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      process.off('exit', onExit);
      await kill();
    },
  };
}

/**
 * The one rule for the Redis the tests use.
 * `binary` is the redis-server the suites that kill and restart Redis start on their own ports (absent when only
 * REDIS_URL is given and no redis-server is installed).
 * @returns {Promise<{ url: string, binary?: string, stop: () => Promise<void>, source: string } | { skipped: string }>}
 */
export async function acquireRedis({ log = () => {}, env = process.env } = {}) {
  if (env.REDIS_URL) {
    const url = new URL(env.REDIS_URL);
    if (!(await pings(url.hostname, Number(url.port || 6379))))
      return { skipped: `REDIS_URL=${env.REDIS_URL} does not answer PING` };
    return { url: env.REDIS_URL, binary: commandPath('redis-server'), stop: async () => {}, source: 'REDIS_URL' };
  }
  let binary = commandPath('redis-server');
  if (!binary) {
    const failure = installWithApt(log);
    if (failure) return { skipped: `${failure}; set REDIS_URL or install redis-server` };
    binary = commandPath('redis-server');
    if (!binary) return { skipped: 'apt-get installed redis-server but it is not on the PATH' };
  }
  try {
    const server = await startRedisServer(binary);
    return { url: server.url, binary, stop: server.stop, source: `${binary} on port ${server.port}` };
  } catch (error) {
    return { skipped: `redis-server could not start: ${error.message}` };
  }
}
