// The Keycloak distribution: KEYCLOAK_HOME when given, else org.keycloak:keycloak-quarkus-dist from Maven Central,
// fetched once with `mvn dependency:copy` and unpacked into a cache folder that later runs reuse.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandPath } from '../lib/system.mjs';

export const KEYCLOAK_VERSION = '26.7.3';
const ARTIFACT = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`;

/** `.cache/keycloak` at the repository's root (gitignored). */
export const CACHE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '.cache', 'keycloak');

function isDist(home) {
  return existsSync(join(home, 'bin', 'kc.sh')) && existsSync(join(home, 'lib'));
}

/**
 * A Keycloak distribution folder, fetching it when needed.
 * @param {{ log?: (line: string) => void, env?: NodeJS.ProcessEnv }} [options]
 * @returns {{ home: string, fetched: boolean } | { reason: string }}
 */
export function ensureDist({ log = () => {}, env = process.env } = {}) {
  if (env.KEYCLOAK_HOME) {
    return isDist(env.KEYCLOAK_HOME)
      ? { home: env.KEYCLOAK_HOME, fetched: false }
      : { reason: `KEYCLOAK_HOME=${env.KEYCLOAK_HOME} holds no bin/kc.sh` };
  }
  const home = join(CACHE_DIR, `keycloak-${KEYCLOAK_VERSION}`);
  if (isDist(home)) return { home, fetched: false };
  if (!commandPath('mvn'))
    return {
      reason: `Maven (mvn) is not installed, so ${ARTIFACT} cannot be fetched; install Maven or set KEYCLOAK_HOME to an unpacked Keycloak ${KEYCLOAK_VERSION}`,
    };
  mkdirSync(CACHE_DIR, { recursive: true });
  log(`fetching ${ARTIFACT} with Maven (once; cached in .cache/keycloak)...`);
  const copy = spawnSync(
    'mvn',
    ['-q', '-B', 'dependency:copy', `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${CACHE_DIR}`],
    { encoding: 'utf8', cwd: CACHE_DIR },
  );
  const zip = join(CACHE_DIR, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`);
  if (copy.status !== 0 || !existsSync(zip)) {
    const why = `${copy.stdout ?? ''}${copy.stderr ?? ''}`.trim().split('\n').slice(-3).join(' ');
    return { reason: `Maven could not fetch ${ARTIFACT}${why ? `: ${why}` : ''}` };
  }
  // Unpack beside the target and rename, so an interrupted unpack never looks like a complete dist.
  const staging = join(CACHE_DIR, `unpacking-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  const unzip = commandPath('unzip')
    ? spawnSync('unzip', ['-q', zip, '-d', staging], { encoding: 'utf8' })
    : spawnSync('python3', ['-m', 'zipfile', '-e', zip, staging], { encoding: 'utf8' });
  if (unzip.status !== 0 || !isDist(join(staging, `keycloak-${KEYCLOAK_VERSION}`))) {
    rmSync(staging, { recursive: true, force: true });
    return { reason: `could not unpack ${zip} (needs unzip or python3): ${(unzip.stderr ?? '').trim()}` };
  }
  renameSync(join(staging, `keycloak-${KEYCLOAK_VERSION}`), home);
  rmSync(staging, { recursive: true, force: true });
  rmSync(zip, { force: true });
  return { home, fetched: true };
}
