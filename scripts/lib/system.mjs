// What the scripts that start real services (Keycloak, Redis) ask of the machine.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** The path of `command` on the PATH, or undefined. */
export function commandPath(command) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** A TCP port of 127.0.0.1 free right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}
