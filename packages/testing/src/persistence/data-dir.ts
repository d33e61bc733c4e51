import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeycloakTestServer } from '../server.js';
import type { RealmRepresentation } from '../model/representations.js';
import type { SessionSnapshot } from '../sessions/session-store.js';
import { hashPlainPasswords } from './hash-passwords.js';
import { RealmDirError, writeFileAtomic, writeRealmDir } from './realm-files.js';

/**
 * Sessions and revoked tokens, beside the realm files. Keycloak 26 keeps user sessions in its database, so a
 * refresh token, userinfo or introspection of a token issued before a restart still works; `kc.sh export` has no
 * sessions, so this file is ours (and `kc.sh import` ignores it: it reads `*-realm.json` only).
 */
export const SESSIONS_FILE = 'keycloak-ts-sessions.json';

interface SessionsFile {
  sessions: SessionSnapshot[];
  revoked: [string, number][];
}

/** Restores the sessions a data directory holds, if any. */
export async function loadSessions(server: KeycloakTestServer, dir: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(join(dir, SESSIONS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let data: SessionsFile;
  try {
    data = JSON.parse(text) as SessionsFile;
  } catch {
    throw new RealmDirError(`${join(dir, SESSIONS_FILE)}: not valid JSON`);
  }
  if (!Array.isArray(data?.sessions) || !Array.isArray(data.revoked))
    throw new RealmDirError(`${join(dir, SESSIONS_FILE)}: no "sessions" and "revoked" arrays`);
  server.kernel.sessions.restore(data.sessions);
  server.kernel.revoked.restore(data.revoked);
}

/** Options of {@link persistToDir}. */
export interface PersistOptions {
  /** Quiet time after the last change before the realms are written, in milliseconds; default 200. */
  debounceDuration?: number;
  /** Called when a write fails (the server keeps running; the next change tries again). Default: stderr. */
  onError?: (error: unknown) => void;
}

/** A running persistence of a server's realms into a directory. */
export interface Persistence {
  /** Writes now if anything changed since the last write, and waits for it. */
  flush(): Promise<void>;
  /** Stops watching for changes (does not write). */
  stop(): void;
}

/**
 * Every realm as `kc.sh export` writes it, master first, passwords hashed as Keycloak stores them (pbkdf2-sha256;
 * pass the same `hashes` map across calls to keep one salt per password).
 */
export async function exportAllRealms(
  server: KeycloakTestServer,
  hashes: Map<string, { secretData: string; credentialData: string }> = new Map(),
): Promise<RealmRepresentation[]> {
  const out: RealmRepresentation[] = [];
  for (const realm of server.model.realms()) out.push(await server.model.exportRealm(realm.name));
  hashPlainPasswords(out, hashes);
  return out;
}

/**
 * Keeps `dir` a `kc.sh export --dir` image of the server's realms (plus {@link SESSIONS_FILE}), as `start-dev`
 * keeps its H2 file: after each change (debounced) every realm is exported and, when it differs from the last
 * write, written file by file through a temporary file and a rename. Writes never overlap.
 */
export function persistToDir(server: KeycloakTestServer, dir: string, options: PersistOptions = {}): Persistence {
  const debounce = options.debounceDuration ?? 200;
  const onError =
    options.onError ??
    ((error: unknown) =>
      process.stderr.write(
        `keycloak-ts-server: cannot write ${dir}: ${error instanceof Error ? error.message : String(error)}\n`,
      ));
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  const hashes = new Map<string, { secretData: string; credentialData: string }>();
  let running: Promise<void> = Promise.resolve();

  const save = async (): Promise<void> => {
    const realms = await exportAllRealms(server, hashes);
    const sessions: SessionsFile = {
      sessions: server.kernel.sessions.snapshot(),
      revoked: server.kernel.revoked.snapshot(),
    };
    const text = JSON.stringify([realms, sessions]);
    if (text === last) return;
    await writeRealmDir(dir, realms, { prune: true });
    await writeFileAtomic(join(dir, SESSIONS_FILE), `${JSON.stringify(sessions)}\n`);
    last = text;
  };
  // Chains each write after the previous one, so two writes of the same files never interleave.
  const enqueue = (): Promise<void> => (running = running.then(save).catch(onError));
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void enqueue();
    }, debounce);
    timer.unref();
  };
  const unsubscribe = server.onChange(schedule);
  return {
    flush: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      return enqueue();
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      unsubscribe();
    },
  };
}
