import { readFileSync } from 'node:fs';
import type { RealmRepresentation } from './model/representations.js';

// The file sits at the package root (fixtures/), one level above both src/ and dist/, so this URL holds for
// the sources and the build alike; it is also exported as `@keycloak-ts/testing/fixtures/demo-realm.json`.
const DEMO_REALM = new URL('../fixtures/demo-realm.json', import.meta.url);

/**
 * The demo's realm, a starting point for your own imports: realm `demo` with users alice/alice (roles user,
 * admin; client role demo-api/reader) and bob/bob (role user), a public client `demo-web` (with an Audience mapper
 * putting `demo-api` in its access tokens' `aud`, as guards require by default), and a confidential
 * resource server `demo-api` (secret `demo-api-secret`) with Authorization Services: scopes read/write,
 * resources documents and reports, role/user policies and scope/resource permissions. Each call returns a
 * fresh copy, so a test may change it before `startKeycloak({ realms: [demoRealm()] })`.
 */
export function demoRealm(): RealmRepresentation {
  return JSON.parse(readFileSync(DEMO_REALM, 'utf8')) as RealmRepresentation;
}
