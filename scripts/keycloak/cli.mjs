// `pnpm keycloak:real`: starts a real Keycloak (or checks the one at KEYCLOAK_URL), prints its URL, and runs
// until Ctrl-C, then stops it with its whole process group.
import { acquireKeycloak, BOOTSTRAP_ADMIN } from './server.mjs';

const port = process.env.KEYCLOAK_PORT ? Number(process.env.KEYCLOAK_PORT) : undefined;
const keycloak = await acquireKeycloak({ log: (line) => console.log(line), port });
if ('skipped' in keycloak) {
  console.log(`real Keycloak: not available: ${keycloak.skipped}`);
  process.exit(1);
}
console.log(
  `${keycloak.url}  (${keycloak.source}; admin console user ${BOOTSTRAP_ADMIN.username}/${BOOTSTRAP_ADMIN.password})`,
);
console.log('Ctrl-C stops it.');
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await keycloak.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
