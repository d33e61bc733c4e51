// `pnpm demo`: the in-memory Keycloak, the Express and Fastify example APIs, and commands to try them.
import { demoCommands, startDemo } from './start-demo.js';

const port = (name, fallback) => Number(process.env[name] ?? fallback);

async function listen() {
  const wanted = {
    keycloakPort: port('KEYCLOAK_PORT', 8080),
    expressPort: port('EXPRESS_PORT', 3000),
    fastifyPort: port('FASTIFY_PORT', 3001),
  };
  try {
    return await startDemo(wanted);
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error;
    console.log(`A port of ${JSON.stringify(wanted)} is taken; using free ports instead.\n`);
    return startDemo();
  }
}

const demo = await listen();
const commands = demoCommands(demo);
const lines = [
  `Keycloak (in memory)  ${demo.keycloakUrl}   realm "demo": alice/alice (roles user, admin), bob/bob (role user)`,
  '                      demo-api is a resource server: alice may read and write documents and see reports; bob may not',
  `Express example API   ${demo.expressUrl}`,
  `Fastify example API   ${demo.fastifyUrl}`,
  '',
  '1. Get tokens for alice and bob (paste into a shell):',
  ...commands.tokens.map((line) => `   ${line}`),
  '',
  '2. Call the Express API (the Fastify one answers the same):',
  ...commands.express.map(([command, expected]) => `   ${command}\n      -> ${expected}`),
  '',
  '   Fastify:',
  ...commands.fastify.map(([command]) => `   ${command}`),
  '',
  'Tokens expire after 5 minutes: fetch new ones with step 1. Ctrl-C stops everything.',
];
console.log(lines.join('\n'));

let closing = false;
async function stop() {
  if (closing) return;
  closing = true;
  await demo.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
