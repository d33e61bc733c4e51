import { readFile, stat } from 'node:fs/promises';
import { startKeycloak } from './server.js';
import type { RealmRepresentation } from './model/representations.js';
import { exportAllRealms, loadSessions, persistToDir } from './persistence/data-dir.js';
import { readRealmDir, RealmDirError, writeRealmDir, type UsersExportStrategy } from './persistence/realm-files.js';

const USAGE = `Usage: keycloak-ts-server [--port N] [--host H] [--data DIR] [--import FILE|DIR]... [--export DIR]

An in-memory Keycloak-compatible server.
  --port N            port to listen on (default 8080; 0 picks a free one)
  --host H            interface to listen on (default 127.0.0.1)
  --data DIR          keep the realms in DIR, as start-dev keeps its database: loaded at start, written after
                      each change and at shutdown, in kc.sh export --dir layout (<realm>-realm.json,
                      <realm>-users-N.json), with user sessions in keycloak-ts-sessions.json
  --import FILE|DIR   import a realm export JSON, or a kc.sh export --dir directory (repeatable), like
                      kc.sh start-dev --import-realm: realms that already exist are left as they are
  --export DIR        write every realm to DIR as kc.sh export --dir does, then exit (no server)
  --users STRATEGY    with --export: different_files (default), same_file, realm_file or skip
  --users-per-file N  with --export and different_files: users per file (default 50)
  --help              show this help

SIGINT/SIGTERM stop gracefully: no new connections, requests in flight are answered, DIR is written, exit 0.
`;

/** A bad command line: message for stderr, exit code 2. */
class UsageError extends Error {}

const STRATEGIES: readonly UsersExportStrategy[] = ['different_files', 'same_file', 'realm_file', 'skip'];

interface CliOptions {
  port: number;
  host: string;
  imports: string[];
  data?: string;
  export?: string;
  users: UsersExportStrategy;
  usersPerFile: number;
  help: boolean;
}

function parse(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    port: 8080,
    host: '127.0.0.1',
    imports: [],
    users: 'different_files',
    usersPerFile: 50,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535)
          throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`);
        options.port = port;
        break;
      }
      case '--host':
        options.host = value();
        break;
      case '--import':
        options.imports.push(value());
        break;
      case '--data':
        options.data = value();
        break;
      case '--export':
        options.export = value();
        break;
      case '--users': {
        const text = value();
        if (!(STRATEGIES as readonly string[]).includes(text))
          throw new UsageError(`--users must be one of ${STRATEGIES.join(', ')}, got "${text}"`);
        options.users = text as UsersExportStrategy;
        break;
      }
      case '--users-per-file': {
        const text = value();
        if (!/^\d+$/.test(text) || Number(text) < 1)
          throw new UsageError(`--users-per-file must be a positive number, got "${text}"`);
        options.usersPerFile = Number(text);
        break;
      }
      default:
        throw new UsageError(`unknown option "${arg}"`);
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

/** The realms of one `--import`: a realm file, or a directory in `kc.sh export --dir` layout. */
async function readImport(path: string): Promise<RealmRepresentation[]> {
  if ((await stat(path)).isDirectory()) return readRealmDir(path);
  return [JSON.parse(await readFile(path, 'utf8')) as RealmRepresentation];
}

/** A failure the CLI reports in one line and exits 2 for. */
function fail(message: string): void {
  process.stderr.write(`keycloak-ts-server: ${message}\n`);
  process.exitCode = 2;
}

/** Runs the CLI: starts the server, prints its URL, stops gracefully on SIGINT/SIGTERM. */
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
  if (options.data !== undefined) {
    try {
      realms.push(...(await readRealmDir(options.data)));
    } catch (error) {
      return fail(
        `cannot load ${options.data}: ${error instanceof RealmDirError ? error.message : importFailure(error)}`,
      );
    }
  }
  for (const file of options.imports) {
    try {
      // start-dev --import-realm skips a realm that already exists (here: one the data directory holds).
      for (const rep of await readImport(file))
        if (!realms.some((known) => known.realm === rep?.realm)) realms.push(rep);
    } catch (error) {
      return fail(`cannot import ${file}: ${importFailure(error)}`);
    }
  }
  let server;
  try {
    server = await startKeycloak({ port: options.port, host: options.host, realms });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (options.export !== undefined) {
    try {
      await writeRealmDir(options.export, await exportAllRealms(server), {
        users: options.users,
        usersPerFile: options.usersPerFile,
      });
      process.stdout.write(
        `keycloak-ts-server exported ${server.model.realms().length} realm(s) to ${options.export}\n`,
      );
    } catch (error) {
      fail(`cannot export to ${options.export}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await server.close();
    return;
  }
  if (options.data !== undefined) {
    try {
      await loadSessions(server, options.data);
    } catch (error) {
      await server.close();
      return fail(`cannot load ${options.data}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const persistence = options.data === undefined ? undefined : persistToDir(server, options.data);
  await persistence?.flush();
  // The handlers are in place before the URL is printed: whoever waits for that line may signal at once.
  const stopped = new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      // Quarkus's graceful shutdown: answer what is in flight, then write the data directory last.
      void server
        .shutdown()
        .then(async () => {
          persistence?.stop();
          await persistence?.flush();
        })
        .then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write(`keycloak-ts-server listening on ${server.url}\n`);
  await stopped;
}
