import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations; its exports are checked by these tests.
import { findJdk } from '../../scripts/keycloak/jdk.mjs';

function fakeJdk(root: string, name: string, version: string): string {
  const home = join(root, name);
  mkdirSync(join(home, 'bin'), { recursive: true });
  writeFileSync(join(home, 'bin', 'java'), '');
  writeFileSync(join(home, 'release'), `IMPLEMENTOR="test"\nJAVA_VERSION="${version}"\n`);
  return home;
}

describe('the JDK the real tier runs Keycloak with', () => {
  it('prefers 25 among the installed JDKs, over an older default and a newer one', () => {
    const root = mkdtempSync(join(tmpdir(), 'jdks-'));
    fakeJdk(root, 'java-17', '17.0.15');
    fakeJdk(root, 'java-21', '21.0.2');
    const preferred = fakeJdk(root, 'temurin-25', '25.0.3');
    fakeJdk(root, 'java-26', '26');
    expect(findJdk({}, [root])).toEqual({ home: preferred, version: 25 });
  });

  it('takes JAVA_HOME when it is 21 or newer, and looks further when it is older', () => {
    const root = mkdtempSync(join(tmpdir(), 'jdks-'));
    const old = fakeJdk(root, 'java-17', '17.0.15');
    const jdk21 = fakeJdk(root, 'java-21', '21.0.2');
    expect(findJdk({ JAVA_HOME: jdk21 }, [])).toEqual({ home: jdk21, version: 21 });
    expect(findJdk({ JAVA_HOME: old }, [root])).toEqual({ home: jdk21, version: 21 });
  });

  it('says which JDKs it saw and what would fix it when none is 21 or newer', () => {
    const root = mkdtempSync(join(tmpdir(), 'jdks-'));
    fakeJdk(root, 'java-17', '17.0.15');
    const { reason } = findJdk({}, [root]) as { reason: string };
    expect(reason).toMatch(
      /^no JDK 21 or newer found \(JAVA_HOME, .*; found only 17 at .*java-17\); install one \(e\.g\. Temurin 25\) and set JAVA_HOME$/,
    );
  });
});

describe('pnpm test:real when no Keycloak can be had', () => {
  const runWith = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['scripts/test-real.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, KEYCLOAK_URL: 'http://127.0.0.1:9', ...env },
    });

  it('says on its own line that the real tier was skipped, and why', () => {
    const result = runWith({ CI: '' });
    expect(result.stdout).toContain(
      '\nreal Keycloak tier: skipped: KEYCLOAK_URL=http://127.0.0.1:9 does not answer /realms/master/.well-known/openid-configuration\n',
    );
    expect(result.status).toBe(0);
  });

  it('fails the run under CI=true', () => {
    const result = runWith({ CI: 'true' });
    expect(result.stdout).toContain('real Keycloak tier: skipped:');
    expect(result.stdout).toContain('CI=true: the real tier must run, so this run fails.');
    expect(result.status).toBe(1);
  });
});
