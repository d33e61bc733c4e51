import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { RealmRepresentation } from '../model/representations.js';

// Pbkdf2Sha256PasswordHashProviderFactory's defaults: 27,500 iterations, a 512-bit key, a 16-byte salt.
const ITERATIONS = 27_500;
const KEY_BYTES = 64;

interface Hashed {
  secretData: string;
  credentialData: string;
}

/**
 * Replaces plain password values (a password set through the admin API is kept as given) by the pbkdf2-sha256
 * hash Keycloak stores and exports, so a data directory or export never holds a password in clear. `cache`
 * (user id + value -> hash) keeps one salt per password, so writing the same realm twice writes the same files.
 */
export function hashPlainPasswords(realms: readonly RealmRepresentation[], cache: Map<string, Hashed>): void {
  for (const realm of realms) {
    for (const user of realm.users ?? []) {
      for (const credential of user.credentials ?? []) {
        if (credential.type !== 'password' || typeof credential.value !== 'string') continue;
        const key = `${realm.id}/${user.id}/${credential.value}`;
        let hashed = cache.get(key);
        if (!hashed) {
          const salt = randomBytes(16);
          const hash = pbkdf2Sync(credential.value, salt, ITERATIONS, KEY_BYTES, 'sha256');
          hashed = {
            secretData: JSON.stringify({
              value: hash.toString('base64'),
              salt: salt.toString('base64'),
              additionalParameters: {},
            }),
            credentialData: JSON.stringify({
              hashIterations: ITERATIONS,
              algorithm: 'pbkdf2-sha256',
              additionalParameters: {},
            }),
          };
          cache.set(key, hashed);
        }
        delete credential.value;
        Object.assign(credential, hashed);
      }
    }
  }
}
