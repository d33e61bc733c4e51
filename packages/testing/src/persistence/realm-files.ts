import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RealmRepresentation, UserRepresentation } from '../model/representations.js';

/**
 * Where `kc.sh export --dir` puts users (`--users`): in separate `<realm>-users-N.json` files of
 * `usersPerFile` users (Keycloak's default), all in one `<realm>-users-0.json`, inside the realm file, or nowhere.
 */
export type UsersExportStrategy = 'different_files' | 'same_file' | 'realm_file' | 'skip';

/** How {@link writeRealmDir} lays out users. */
export interface RealmDirOptions {
  /** Default `different_files`, as `kc.sh export`. */
  users?: UsersExportStrategy;
  /** Users per `<realm>-users-N.json` with `different_files`; default 50, as `kc.sh export`. */
  usersPerFile?: number;
  /** Remove the realm and user files of realms (or user pages) not written now; default false. */
  prune?: boolean;
}

const REALM_FILE = /^(.+)-realm\.json$/;
const usersFile = (realm: string): RegExp =>
  new RegExp(`^${realm.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-users-[0-9]+\\.json$`);

/** A bad realm directory: says which file and why, without quoting the file (it holds secrets). */
export class RealmDirError extends Error {
  override readonly name = 'RealmDirError';
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the fault, and these files hold passwords and private keys.
    const position = /at position (\d+)/.exec(String((error as Error).message))?.[1];
    throw new RealmDirError(`${file}: not valid JSON${position === undefined ? '' : ` (at position ${position})`}`);
  }
}

/**
 * Reads a directory in `kc.sh export --dir` layout as DirImportProvider does: every `<realm>-realm.json`
 * (master first), with the users of its `<realm>-users-N.json` files appended. A missing directory is empty.
 */
export async function readRealmDir(dir: string): Promise<RealmRepresentation[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const realms: RealmRepresentation[] = [];
  for (const name of names) {
    const realmName = REALM_FILE.exec(name)?.[1];
    if (realmName === undefined) continue;
    const rep = await readJson(join(dir, name));
    if (!rep || typeof rep !== 'object' || Array.isArray(rep))
      throw new RealmDirError(`${join(dir, name)}: not a realm representation`);
    const realm = rep as RealmRepresentation;
    const users: UserRepresentation[] = [...(realm.users ?? [])];
    for (const file of names.filter((n) => usersFile(realmName).test(n)).sort(byPage)) {
      const page = await readJson(join(dir, file));
      const list = (page as { users?: unknown } | null)?.users;
      if (!Array.isArray(list)) throw new RealmDirError(`${join(dir, file)}: no "users" array`);
      users.push(...(list as UserRepresentation[]));
    }
    if (users.length) realm.users = users;
    if (realmName === 'master') realms.unshift(realm);
    else realms.push(realm);
  }
  return realms;
}

/** Orders `x-users-2.json` before `x-users-10.json`. */
function byPage(a: string, b: string): number {
  const page = (name: string): number => Number(/-users-(\d+)\.json$/.exec(name)?.[1] ?? 0);
  return page(a) - page(b);
}

/** Writes `text` to `file` through a temporary file in the same directory and a rename, so a reader never sees half of it. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes realms in `kc.sh export --dir` layout (DirExportProvider / MultipleStepsExportProvider): one
 * `<realm>-realm.json` per realm and its users per `options.users`, each file written atomically. With `prune`,
 * files of realms or user pages that no longer exist are removed, so a deleted realm does not come back on load.
 */
export async function writeRealmDir(
  dir: string,
  realms: readonly RealmRepresentation[],
  options: RealmDirOptions = {},
): Promise<void> {
  const strategy = options.users ?? 'different_files';
  const perFile = options.usersPerFile ?? 50;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const written = new Set<string>();
  const write = async (name: string, value: unknown): Promise<void> => {
    written.add(name);
    await writeFileAtomic(join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
  };
  for (const rep of realms) {
    // The realm name becomes a file name: one that could leave the directory cannot be written.
    if (!rep.realm || /[/\\\0]/.test(rep.realm) || rep.realm === '.' || rep.realm === '..')
      throw new RealmDirError(`realm "${rep.realm}" cannot be written as a file name`);
    const { users = [], ...rest } = rep;
    await write(`${rep.realm}-realm.json`, strategy === 'realm_file' ? { ...rest, users } : rest);
    if (strategy === 'realm_file' || strategy === 'skip') continue;
    const size = strategy === 'same_file' ? Math.max(users.length, 1) : perFile;
    // ExportUtils.exportUsersToStream: `{ "realm": ..., "users": [...] }` per page, numbered from 0.
    for (let page = 0; page * size < users.length; page++) {
      await write(`${rep.realm}-users-${page}.json`, {
        realm: rep.realm,
        users: users.slice(page * size, (page + 1) * size),
      });
    }
  }
  if (!options.prune) return;
  for (const name of await readdir(dir)) {
    if (written.has(name)) continue;
    if (REALM_FILE.test(name) || /-users-[0-9]+\.json$/.test(name)) await rm(join(dir, name), { force: true });
  }
}
