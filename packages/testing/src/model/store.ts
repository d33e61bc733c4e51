import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { addManagementClient, importRealmRepresentation, RealmImportError, type RealmImportStep } from './import.js';
import { danglingReferences } from './import-references.js';
import type { RealmRepresentation } from './representations.js';
import { createRole, createUser } from './factory.js';
import type { ClientModel, RealmModel, UserModel } from './types.js';

/** The bootstrap administrator of realm master. */
export interface BootstrapAdmin {
  username: string;
  password: string;
}

/**
 * All realms of one server. Importing a realm also gives master its `<realm>-realm` client and extends master's
 * `admin` role, as Keycloak's RealmManager does.
 */
export class RealmStore {
  readonly #realms = new Map<string, RealmModel>();
  readonly #now: () => number;
  readonly #importSteps: readonly RealmImportStep[];

  /** `importSteps` import what the model does not hold (authorization, identity providers, ...). */
  constructor(now: () => number, importSteps: readonly RealmImportStep[] = []) {
    this.#now = now;
    this.#importSteps = importSteps;
  }

  /** The realm with this name, if any. */
  get(name: string): RealmModel | undefined {
    return this.#realms.get(name);
  }

  /** Every realm, master first. */
  list(): RealmModel[] {
    return [...this.#realms.values()];
  }

  /** Creates master with `admin-cli` and the bootstrap admin holding master's `admin` role. */
  createMaster(admin: BootstrapAdmin): RealmModel {
    const master = this.import({ realm: 'master', displayName: 'Keycloak' });
    const user = createUser(
      { username: admin.username, enabled: true, credentials: [{ type: 'password', value: admin.password }] },
      master,
      this.#now(),
    );
    user.roleMappings.add(master.defaultRole);
    const adminRole = master.roles.get('admin');
    if (adminRole) user.roleMappings.add(adminRole);
    master.users.set(user.id, user);
    return master;
  }

  /**
   * Imports a realm representation; throws RealmImportError when it is malformed or the realm exists, and for a
   * dangling reference (a role, client, client scope or group it names but does not hold): every one under
   * `references: 'strict'` (the default: files and fixtures), only those Keycloak itself fails on under
   * `'keycloak'` (the admin API, whose answers match Keycloak's; the roles Keycloak creates are created).
   */
  import(rep: unknown, references: 'strict' | 'keycloak' = 'strict'): RealmModel {
    const realm = importRealmRepresentation(rep, this.#now, this.#importSteps, {
      createMissingRoles: references === 'keycloak',
    });
    const dangling = danglingReferences(realm, rep as RealmRepresentation).find(
      (reference) => references === 'strict' || reference.fatal,
    );
    if (dangling !== undefined)
      throw new RealmImportError(`realm "${realm.name}": ${dangling.message}`, { keycloakFails: dangling.fatal });
    if (this.#realms.has(realm.name)) throw new RealmImportError(`Realm ${realm.name} already exists`);
    if (realm.name === 'master') {
      for (const name of ['admin', 'create-realm'])
        if (!realm.roles.has(name)) realm.roles.set(name, createRole({ name, description: `\${role_${name}}` }));
      this.#realms.set('master', realm);
      for (const other of this.#realms.values()) this.#linkToMaster(other);
    } else {
      this.#realms.set(realm.name, realm);
      this.#linkToMaster(realm);
    }
    return realm;
  }

  /** Removes a realm and its `<realm>-realm` client in master. */
  remove(name: string): boolean {
    const removed = this.#realms.delete(name);
    this.#realms.get('master')?.clients.delete(`${name}-realm`);
    return removed;
  }

  /** Renames a realm, and its `<realm>-realm` client in master, as an admin update of the realm name does. */
  rename(realm: RealmModel, name: string): void {
    const master = this.#realms.get('master');
    const client = master?.clients.get(`${realm.name}-realm`);
    this.#realms.delete(realm.name);
    if (master && client) {
      master.clients.delete(client.clientId);
      client.clientId = `${name}-realm`;
      master.clients.set(client.clientId, client);
    }
    realm.name = name;
    this.#realms.set(name, realm);
  }

  #linkToMaster(realm: RealmModel): void {
    const master = this.#realms.get('master');
    if (!master) return;
    const client = addManagementClient(master, `${realm.name}-realm`, false);
    const adminRole = master.roles.get('admin');
    const createRealm = master.roles.get('create-realm');
    if (createRealm) adminRole?.composites.add(createRealm);
    for (const role of client.roles.values()) adminRole?.composites.add(role);
  }
}

/** Finds a user by username, or by e-mail as Keycloak's login does (loginWithEmailAllowed). */
export function findUserByLogin(realm: RealmModel, login: string): UserModel | undefined {
  const wanted = login.toLowerCase();
  let byEmail: UserModel | undefined;
  for (const user of realm.users.values()) {
    if (user.username === wanted) return user;
    if (user.email === wanted) byEmail ??= user;
  }
  return byEmail;
}

/** Checks a password against the user's credential in constant time. */
export function passwordMatches(user: UserModel, password: string): boolean {
  const stored = user.password;
  if (!stored) return false;
  if (stored.kind === 'plain') {
    const a = Buffer.from(stored.value);
    const b = Buffer.from(password);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  const digest = stored.algorithm.endsWith('sha512')
    ? 'sha512'
    : stored.algorithm.endsWith('sha256')
      ? 'sha256'
      : 'sha1';
  const derived = pbkdf2Sync(password, stored.salt, stored.iterations, stored.hash.length, digest);
  return timingSafeEqual(derived, stored.hash);
}

/** The service-account user of a client. */
export function serviceAccountOf(realm: RealmModel, client: ClientModel): UserModel | undefined {
  for (const user of realm.users.values()) if (user.serviceAccountClientId === client.id) return user;
  return undefined;
}
