import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { persistToDir, readRealmDir, startKeycloak } from '@keycloak-ts/testing';

const adminToken = async (url: string): Promise<string> => {
  const answer = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'admin' }),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
};

async function waitFor(check: () => boolean, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
}

describe('persistToDir', () => {
  it('writes the realms after a request that may change them, and not after a read', async () => {
    const server = await startKeycloak();
    const dir = mkdtempSync(join(tmpdir(), 'kc-persist-'));
    const persistence = persistToDir(server, dir, { debounceDuration: 10 });
    try {
      const token = await adminToken(server.url);
      let changes = 0;
      server.onChange(() => changes++);
      await fetch(`${server.url}/admin/realms/master`, { headers: { authorization: `Bearer ${token}` } });
      await fetch(`${server.url}/realms/master`, { method: 'HEAD' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(changes).toBe(0);
      const created = await fetch(`${server.url}/admin/realms`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ realm: 'persisted', enabled: true }),
      });
      expect(created.status).toBe(201);
      expect(await waitFor(() => changes === 1)).toBe(true);
      expect(await waitFor(() => readdirSync(dir).includes('persisted-realm.json'))).toBe(true);
      expect((await readRealmDir(dir)).map((realm) => realm.realm)).toEqual(['master', 'persisted']);
    } finally {
      persistence.stop();
      await server.close();
    }
  });

  it('flush writes at once, and stop ends the writes after changes', async () => {
    const server = await startKeycloak();
    const dir = mkdtempSync(join(tmpdir(), 'kc-persist-'));
    const persistence = persistToDir(server, dir, { debounceDuration: 60_000 });
    try {
      await persistence.flush();
      expect(readdirSync(dir).sort()).toEqual([
        'keycloak-ts-sessions.json',
        'master-realm.json',
        'master-users-0.json',
      ]);
      persistence.stop();
      const token = await adminToken(server.url);
      await fetch(`${server.url}/admin/realms`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ realm: 'unsaved', enabled: true }),
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(readdirSync(dir)).not.toContain('unsaved-realm.json');
    } finally {
      await server.close();
    }
  });
});
