// Starts bench servers in child processes over IPC (see ./child.js). Each child runs on loopback and
// reports what it started; the parent asks it for its CPU time around each measured round.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/**
 * Forks a child that imports `moduleUrl` and calls its `start(name, config)`.
 * `execArgv` adds node flags for this child (e.g. --cpu-prof); `startTimeoutMs` bounds its start (default
 * 30 s). Resolves to
 * `{ info, cpuUsage(): Promise<{ user, system }>, close(): Promise<void> }` once the child is ready.
 */
export async function startChild(
  moduleUrl,
  name,
  config = {},
  { execArgv = [], startTimeoutMs = START_TIMEOUT_MS } = {},
) {
  const child = fork(CHILD, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let info;
  try {
    info = await firstMessage(child, { module: moduleUrl, name, config }, startTimeoutMs);
  } catch (error) {
    child.kill();
    throw error;
  }
  let nextId = 0;
  return {
    info,
    pid: child.pid,
    cpuUsage() {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const onExit = (code) => reject(new Error(`${name}: exited with ${code} during the run`));
        const onMessage = (message) => {
          if (message.type !== 'usage' || message.id !== id) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(message.usage);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send({ type: 'usage', id }, (error) => error && reject(error));
      });
    },
    async close() {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}

function firstMessage(child, start, timeoutMs) {
  const { name } = start;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not ready after ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`${name}: exited with ${code} before it was ready`)));
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve(message.info);
      else reject(new Error(`${name} failed to start:\n${message.message}`));
    });
    child.send(start);
  });
}
