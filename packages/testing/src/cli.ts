import { readFile } from 'node:fs/promises';
import { startKeycloak } from './server.js';
import type { RealmRepresentation } from './model/representations.js';

const USAGE = `Usage: keycloak-ts-server [--port N] [--host H] [--import FILE]...

An in-memory Keycloak-compatible server.
  --port N       port to listen on (default 8080; 0 picks a free one)
  --host H       interface to listen on (default 127.0.0.1)
  --import FILE  import a realm export JSON (repeatable), like kc.sh start-dev --import-realm
  --help         show this help
`;

/** A bad command line: message for stderr, exit code 2. */
class UsageError extends Error {}

interface CliOptions {
  port: number;
  host: string;
  imports: string[];
  help: boolean;
}

function parse(argv: readonly string[]): CliOptions {
  const options: CliOptions = { port: 8080, host: '127.0.0.1', imports: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h': options.help = true; break;
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`);
        options.port = port;
        break;
      }
      case '--host': options.host = value(); break;
      case '--import': options.imports.push(value()); break;
      default: throw new UsageError(`unknown option "${arg}"`);
    }
  }
  return options;
}

/**
 * Why a realm file could not be read, without its text: V8's JSON errors quote the input around the
 * fault, and a realm export is full of secrets (client secrets, password values, private keys).
 */
function importFailure(error: unknown): string {
  if (!(error instanceof SyntaxError)) return error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(error.message)?.[1];
  return position === undefined ? 'not valid JSON' : `not valid JSON (at position ${position})`;
}

/** Runs the CLI: starts the server, prints its URL, stops cleanly on SIGINT/SIGTERM. */
export async function main(argv: string[]): Promise<void> {
  let options: CliOptions;
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`keycloak-ts-server: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const realms: RealmRepresentation[] = [];
  for (const file of options.imports) {
    try {
      realms.push(JSON.parse(await readFile(file, 'utf8')) as RealmRepresentation);
    } catch (error) {
      process.stderr.write(`keycloak-ts-server: cannot import ${file}: ${importFailure(error)}\n`);
      process.exitCode = 2;
      return;
    }
  }
  const server = await startKeycloak({ port: options.port, host: options.host, realms });
  process.stdout.write(`keycloak-ts-server listening on ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
