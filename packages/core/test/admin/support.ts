import { KeycloakAdmin, type KeycloakOpenIDConnectionOptions } from '@keycloak-ts/core';
import { startKeycloak, TestClock, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** A realm with a plain user (no admin role) and a confidential client. */
export const demoRealm: RealmRepresentation = {
  realm: 'demo',
  enabled: true,
  users: [
    {
      username: 'alice',
      enabled: true,
      email: 'alice@example.com',
      credentials: [{ type: 'password', value: 'wonder' }],
    },
  ],
  clients: [{ clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true, serviceAccountsEnabled: true }],
};

export interface AdminServer {
  readonly server: KeycloakTestServer;
  /** A KeycloakAdmin logged in as master's bootstrap admin, closed after the test; `overrides` change its options. */
  admin(overrides?: Partial<KeycloakOpenIDConnectionOptions>): KeycloakAdmin;
}

/**
 * Starts one in-memory Keycloak for the file, with a frozen clock shared by the admins it makes (so
 * expiry is moved by the test, never waited for), and closes the admins after each test.
 */
export function useAdminServer(realms: readonly RealmRepresentation[] = [demoRealm]): AdminServer {
  let server: KeycloakTestServer | undefined;
  const open: KeycloakAdmin[] = [];
  beforeAll(async () => {
    server = await startKeycloak({ realms, clock: new TestClock(undefined, true) });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((admin) => admin.close()));
  });
  afterAll(async () => {
    await server?.close();
  });
  const handle: AdminServer = {
    get server(): KeycloakTestServer {
      if (server === undefined) throw new Error('the server is started in beforeAll');
      return server;
    },
    admin(overrides = {}) {
      const running = handle.server;
      const admin = new KeycloakAdmin({
        serverUrl: running.url,
        username: 'admin',
        password: 'admin',
        now: () => running.clock.now(),
        ...overrides,
      });
      open.push(admin);
      return admin;
    },
  };
  return handle;
}

/** Runs `work` and returns the rejection, failing when it resolves. */
export async function rejectionOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
