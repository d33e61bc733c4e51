import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRealmDir, RealmDirError, writeRealmDir } from '../../src/persistence/realm-files.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'kc-files-'));
const users = (n: number) => Array.from({ length: n }, (_, i) => ({ username: `user${i}` }));

describe('readRealmDir (DirImportProvider)', () => {
  it('reads master first and appends the users of <realm>-users-N.json in page order', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'a-realm.json'), JSON.stringify({ realm: 'a', users: [{ username: 'inline' }] }));
    writeFileSync(join(dir, 'master-realm.json'), JSON.stringify({ realm: 'master' }));
    writeFileSync(join(dir, 'a-users-10.json'), JSON.stringify({ realm: 'a', users: [{ username: 'ten' }] }));
    writeFileSync(join(dir, 'a-users-2.json'), JSON.stringify({ realm: 'a', users: [{ username: 'two' }] }));
    writeFileSync(join(dir, 'ab-users-0.json'), JSON.stringify({ realm: 'ab', users: [{ username: 'other realm' }] }));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const realms = await readRealmDir(dir);
    expect(realms.map((r) => r.realm)).toEqual(['master', 'a']);
    expect(realms[1]?.users?.map((u) => u.username)).toEqual(['inline', 'two', 'ten']);
  });

  it('reads a missing directory as no realms', async () => {
    expect(await readRealmDir(join(fresh(), 'absent'))).toEqual([]);
  });

  it('names the users file that has no users array', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'a-realm.json'), JSON.stringify({ realm: 'a' }));
    writeFileSync(join(dir, 'a-users-0.json'), JSON.stringify({ realm: 'a' }));
    await expect(readRealmDir(dir)).rejects.toThrow(
      new RealmDirError(`${join(dir, 'a-users-0.json')}: no "users" array`),
    );
  });
});

describe('writeRealmDir (MultipleStepsExportProvider)', () => {
  it('pages users per file, numbered from 0, and reads back the same realm', async () => {
    const dir = fresh();
    await writeRealmDir(dir, [{ realm: 'a', users: users(5) }], { usersPerFile: 2 });
    expect(readdirSync(dir).sort()).toEqual(['a-realm.json', 'a-users-0.json', 'a-users-1.json', 'a-users-2.json']);
    expect(await readRealmDir(dir)).toEqual([{ realm: 'a', users: users(5) }]);
  });

  it('writes all users into one file with same_file and none with skip', async () => {
    const same = fresh();
    await writeRealmDir(same, [{ realm: 'a', users: users(120) }], { users: 'same_file' });
    expect(readdirSync(same).sort()).toEqual(['a-realm.json', 'a-users-0.json']);
    const skip = fresh();
    await writeRealmDir(skip, [{ realm: 'a', users: users(3) }], { users: 'skip' });
    expect(readdirSync(skip)).toEqual(['a-realm.json']);
  });

  it('with prune, removes the files of realms and user pages that are gone, and keeps other files', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'keep.txt'), 'x');
    await writeRealmDir(dir, [{ realm: 'a', users: users(3) }, { realm: 'b' }], { usersPerFile: 1 });
    await writeRealmDir(dir, [{ realm: 'a', users: users(1) }], { usersPerFile: 1, prune: true });
    expect(readdirSync(dir).sort()).toEqual(['a-realm.json', 'a-users-0.json', 'keep.txt']);
  });

  it('refuses a realm name that would leave the directory', async () => {
    await expect(writeRealmDir(fresh(), [{ realm: '../escape' }])).rejects.toThrow(
      new RealmDirError('realm "../escape" cannot be written as a file name'),
    );
  });
});
