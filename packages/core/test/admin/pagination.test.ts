import type { KeycloakAdmin } from '@keycloak-ts/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useAdminServer } from './support.js';

const kc = useAdminServer([{ realm: 'paged', enabled: true }]);
const USERS = 250;

function pagedAdmin(): KeycloakAdmin {
  return kc.admin({ realmName: 'paged', userRealmName: 'master' });
}

/** Admin requests `work` makes (its token is obtained beforehand so only admin calls are counted). */
async function adminRequests<T>(
  admin: KeycloakAdmin,
  work: () => Promise<T>,
): Promise<{ result: T; requests: number }> {
  await admin.connection.getToken();
  const before = kc.server.counters.get('admin');
  const result = await work();
  return { result, requests: kc.server.counters.get('admin') - before };
}

describe('KeycloakAdmin pagination', () => {
  beforeAll(async () => {
    const admin = pagedAdmin();
    const names = Array.from({ length: USERS }, (_, i) => `user-${String(i).padStart(3, '0')}`);
    // Ten at a time: fast, without opening 250 sockets at once.
    for (let i = 0; i < names.length; i += 10) {
      await Promise.all(names.slice(i, i + 10).map((username) => admin.createUser({ username })));
    }
    await admin.close();
  });

  it('fetches every page of 100 when neither first nor max is given: 250 users in 3 requests', async () => {
    const admin = pagedAdmin();
    const { result, requests } = await adminRequests(admin, () => admin.getUsers());
    expect(result).toHaveLength(USERS);
    expect(new Set(result.map((user) => user.id)).size).toBe(USERS);
    expect(requests).toBe(3);
  });

  it('makes one request when max is given', async () => {
    const admin = pagedAdmin();
    const { result, requests } = await adminRequests(admin, () => admin.getUsers({ max: 10 }));
    expect(result).toHaveLength(10);
    expect(requests).toBe(1);
  });

  it("makes one request when first is given, returning Keycloak's default page from there", async () => {
    const admin = pagedAdmin();
    const { result, requests } = await adminRequests(admin, () => admin.getUsers({ first: 240 }));
    expect(result).toHaveLength(10);
    expect(requests).toBe(1);
  });

  it('keeps the other query parameters on every page', async () => {
    const admin = pagedAdmin();
    const { result, requests } = await adminRequests(admin, () => admin.getUsers({ search: 'user-1' }));
    expect(result).toHaveLength(100);
    expect(result.every((user) => user.username?.startsWith('user-1'))).toBe(true);
    // A full page of 100 asks for the next one, which comes back empty.
    expect(requests).toBe(2);
  });

  it('iterates users fetching the next page only when the loop reaches it', async () => {
    const admin = pagedAdmin();
    await admin.connection.getToken();
    const before = kc.server.counters.get('admin');
    const iterator = admin.iterateUsers({}, { pageSize: 50 });
    expect(kc.server.counters.get('admin') - before).toBe(0);
    const seen: string[] = [];
    for await (const user of iterator) {
      seen.push(String(user.username));
      if (seen.length === 1) expect(kc.server.counters.get('admin') - before).toBe(1);
      if (seen.length === 50) expect(kc.server.counters.get('admin') - before).toBe(1);
      if (seen.length === 51) {
        expect(kc.server.counters.get('admin') - before).toBe(2);
        break;
      }
    }
    expect(seen).toHaveLength(51);
    expect(kc.server.counters.get('admin') - before).toBe(2);
  });

  it('iterates over every user exactly once in pages of 100 by default', async () => {
    const admin = pagedAdmin();
    const { result, requests } = await adminRequests(admin, async () => {
      const ids: string[] = [];
      for await (const user of admin.iterateUsers()) ids.push(String(user.id));
      return ids;
    });
    expect(new Set(result).size).toBe(USERS);
    expect(requests).toBe(3);
  });

  it('refuses a page size that is not a positive integer', async () => {
    const iterator = pagedAdmin().iterateUsers({}, { pageSize: 0 });
    await expect(iterator.next()).rejects.toThrow(TypeError);
  });
});
