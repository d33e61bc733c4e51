// Finds a JDK that can run Keycloak 26.7 (21 or newer, 25 preferred: Keycloak's supported-configurations page
// recommends its newest supported JDK). Keycloak's `kc.sh` uses JAVA_HOME when set, else `java` on the PATH,
// which on many machines is an older default; so the launcher always passes the JDK it chose as JAVA_HOME.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const MINIMUM = 21;
const PREFERRED = 25;

/** Folders where JDKs are installed by distributions and installers (Debian, Temurin's .deb, tarballs, macOS). */
const SYSTEM_PLACES = ['/usr/lib/jvm', '/usr/java', '/opt/java', '/opt', '/Library/Java/JavaVirtualMachines'];

/** The feature version (e.g. 25) of the JDK at `home`, from its `release` file; undefined when it is not a JDK. */
export function jdkVersion(home) {
  for (const candidate of [home, join(home, 'Contents', 'Home')]) {
    const release = join(candidate, 'release');
    if (!existsSync(release) || !existsSync(join(candidate, 'bin', 'java'))) continue;
    const match = /^JAVA_VERSION="(\d+)(?:\.|")/m.exec(readFileSync(release, 'utf8'));
    if (match) return { home: candidate, version: Number(match[1]) };
  }
  return undefined;
}

function systemJdks(places) {
  const found = [];
  for (const place of places) {
    let entries = [];
    try {
      entries = readdirSync(place);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const jdk = jdkVersion(join(place, entry));
      if (jdk) found.push(jdk);
    }
  }
  return found;
}

/**
 * The JDK to run Keycloak with: JAVA_HOME when it is 21 or newer, else the system JDK closest to 25
 * (25 itself, then newer, then the newest older one down to 21).
 * @returns {{ home: string, version: number } | { reason: string }}
 */
export function findJdk(env = process.env, places = SYSTEM_PLACES) {
  const fromEnv = env.JAVA_HOME ? jdkVersion(env.JAVA_HOME) : undefined;
  if (fromEnv && fromEnv.version >= MINIMUM) return fromEnv;
  const usable = systemJdks(places).filter((jdk) => jdk.version >= MINIMUM);
  usable.sort((a, b) => rank(a.version) - rank(b.version));
  if (usable[0]) return usable[0];
  const seen = [fromEnv, ...systemJdks(places)].filter(Boolean).map((jdk) => `${jdk.version} at ${jdk.home}`);
  return {
    reason: `no JDK ${MINIMUM} or newer found (JAVA_HOME, ${places.join(', ')}${seen.length ? `; found only ${seen.join(', ')}` : ''}); install one (e.g. Temurin ${PREFERRED}) and set JAVA_HOME`,
  };
}

function rank(version) {
  if (version === PREFERRED) return 0;
  return version > PREFERRED ? version - PREFERRED : 100 + (PREFERRED - version);
}
