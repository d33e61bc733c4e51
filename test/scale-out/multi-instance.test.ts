import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { demoRealm, startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '@keycloak-ts/redis';
import { redisServerBinary, startRedisServer, type OwnRedis } from '../../packages/redis/test/support.js';
import { dpopTestKey, jwtClaims } from '../support/dpop.js';

// Three processes of one API (Express, Fastify, Express) sharing UMA decisions on a real Redis, one in-memory
// Keycloak, and a round-robin client: what a user runs behind a load balancer. The instances run the built
// packages (test/scale-out/support/instance.mjs), so the test command builds first.
const INSTANCE = new URL('./support/instance.mjs', import.meta.url).pathname;

interface Instance {
  url: string;
  child: ChildProcess;
  log: string[];
}

async function startInstance(kind: 'express' | 'fastify', keycloakUrl: string, redisUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, [INSTANCE, kind, keycloakUrl, redisUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => log.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}: ${log.join('\n')}`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { url: string }).url),
    );
  });
  return { url, child, log };
}

describe.skipIf(!redisServerBinary)(
  'three instances behind a round-robin client (needs redis-server: the test command provides REDIS_SERVER)',
  () => {
    let kc: KeycloakTestServer;
    let redis: OwnRedis;
    let instances: Instance[];
    let next = 0;
    const call = async (token: string): Promise<number> => {
      const instance = instances[next++ % instances.length]!;
      const response = await fetch(`${instance.url}/documents`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      return response.status;
    };
    const login = async (username: string): Promise<string> => {
      const body = new URLSearchParams({ grant_type: 'password', client_id: 'demo-web', username, password: username });
      const answer = await fetch(`${kc.url}/realms/demo/protocol/openid-connect/token`, { method: 'POST', body });
      return ((await answer.json()) as { access_token: string }).access_token;
    };
    const umaCalls = (): number => kc.counters.get('uma-grant');
    const sessionOf = async (username: string): Promise<{ access: string; refresh: string }> => {
      const body = new URLSearchParams({ grant_type: 'password', client_id: 'demo-web', username, password: username });
      const answer = await fetch(`${kc.url}/realms/demo/protocol/openid-connect/token`, { method: 'POST', body });
      const tokens = (await answer.json()) as { access_token: string; refresh_token: string };
      return { access: tokens.access_token, refresh: tokens.refresh_token };
    };
    const me = async (instance: Instance, token: string): Promise<number> => {
      const response = await fetch(`${instance.url}/me`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      return response.status;
    };
    /** Polls each instance until it refuses `token`; the milliseconds each took, or undefined past the deadline. */
    const refusedEverywhere = async (
      token: string,
      since: number,
      deadline = 5_000,
    ): Promise<Array<number | undefined>> =>
      Promise.all(
        instances.map(async (instance) => {
          while (Date.now() - since < deadline) {
            const status = await me(instance, token);
            if (status === 401) return Date.now() - since;
            expect(status).toBe(200);
            await new Promise((wake) => setTimeout(wake, 10));
          }
          return undefined;
        }),
      );
    /** demo-web's logouts go to `instance` (its backchannel.logout.url), as a realm would point them at the API. */
    const backchannelTo = (instance: Instance): void => {
      const web = kc.model.realm('demo')?.clients.get('demo-web');
      if (web === undefined) throw new Error('no demo-web');
      web.attributes['backchannel.logout.url'] = `${instance.url}/backchannel-logout`;
      web.attributes['backchannel.logout.session.required'] = 'true';
    };
    const logout = async (refresh: string): Promise<void> => {
      const body = new URLSearchParams({ client_id: 'demo-web', refresh_token: refresh });
      const answer = await fetch(`${kc.url}/realms/demo/protocol/openid-connect/logout`, { method: 'POST', body });
      expect(answer.status).toBe(204);
    };

    beforeAll(async () => {
      kc = await startKeycloak({ realms: [demoRealm()] });
      redis = await startRedisServer();
      instances = await Promise.all(
        (['express', 'fastify', 'express'] as const).map((kind) => startInstance(kind, kc.url, redis.url)),
      );
    }, 60_000);
    afterAll(async () => {
      for (const { child } of instances ?? []) child.kill('SIGTERM');
      await redis?.stop();
      await kc?.close();
    });

    it('asks Keycloak once for 1,000 requests of one session and permission sent one after another', async () => {
      const token = await login('alice');
      const before = umaCalls();
      const statuses = new Set<number>();
      for (let i = 0; i < 1_000; i++) statuses.add(await call(token));
      expect([...statuses]).toEqual([200]);
      expect(umaCalls() - before).toBe(1);
    }, 120_000);

    it('asks Keycloak at most once per instance for 1,000 requests sent 100 at a time', async () => {
      const token = await login('alice');
      const before = umaCalls();
      const statuses = new Set<number>();
      for (let wave = 0; wave < 10; wave++) {
        for (const status of await Promise.all(Array.from({ length: 100 }, () => call(token)))) statuses.add(status);
      }
      expect([...statuses]).toEqual([200]);
      expect(umaCalls() - before).toBeGreaterThanOrEqual(1);
      expect(umaCalls() - before).toBeLessThanOrEqual(3);
    }, 120_000);

    it('shares refusals too: bob is refused everywhere after one question', async () => {
      const token = await login('bob');
      const before = umaCalls();
      const statuses = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          await new Promise((wake) => setTimeout(wake, i * 5));
          return call(token);
        }),
      );
      expect(new Set(statuses)).toEqual(new Set([403]));
      expect(umaCalls() - before).toBeLessThanOrEqual(3);
    }, 60_000);

    it('refuses at another instance a DPoP proof one instance accepted (the jti is claimed on Redis)', async () => {
      const key = dpopTestKey();
      const body = new URLSearchParams({
        grant_type: 'password',
        client_id: 'demo-web',
        username: 'alice',
        password: 'alice',
      });
      const answer = await fetch(`${kc.url}/realms/demo/protocol/openid-connect/token`, {
        method: 'POST',
        body,
        headers: { dpop: key.proof('POST', `${kc.url}/realms/demo/protocol/openid-connect/token`) },
      });
      const { access_token: token, token_type: type } = (await answer.json()) as {
        access_token: string;
        token_type: string;
      };
      expect([type, (jwtClaims(token)['cnf'] as { jkt?: string } | undefined)?.jkt]).toEqual(['DPoP', key.jkt]);
      const proof = key.proof('GET', 'https://api.example.test/me', { accessToken: token });
      const send = (instance: Instance) =>
        fetch(`${instance.url}/me`, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
      const first = await send(instances[0]!);
      expect(first.status).toBe(200);
      for (const other of instances.slice(1)) {
        const replayed = await send(other);
        expect(replayed.status).toBe(401);
        expect(replayed.headers.get('www-authenticate')).toContain(
          'error="invalid_dpop_proof", error_description="The DPoP proof was already used"',
        );
      }
      // A new proof for the same token still passes: only the proof was single-use.
      const fresh = await fetch(`${instances[1]!.url}/me`, {
        headers: {
          authorization: `DPoP ${token}`,
          dpop: key.proof('GET', 'https://api.example.test/me', { accessToken: token }),
        },
      });
      expect(fresh.status).toBe(200);
    });

    it('revokes at all three instances a back-channel logout that Keycloak delivered to one', async () => {
      const alice = await sessionOf('alice');
      const bob = await sessionOf('bob');
      for (const instance of instances) expect(await me(instance, alice.access)).toBe(200);
      backchannelTo(instances[1]!);
      const since = Date.now();
      await logout(alice.refresh);
      const took = await refusedEverywhere(alice.access, since);
      expect(took.every((ms) => ms !== undefined)).toBe(true);
      for (const instance of instances) expect(await me(instance, bob.access)).toBe(200);
    }, 30_000);

    it('reloads the revocation set when its subscription is back: a revocation whose message it never heard', async () => {
      const alice = await sessionOf('alice');
      for (const instance of instances) expect(await me(instance, alice.access)).toBe(200);
      const { sid, iat, iss } = JSON.parse(Buffer.from(alice.access.split('.')[1]!, 'base64url').toString()) as {
        sid: string;
        iat: number;
        iss: string;
      };
      const admin = createClient({ url: redis.url });
      await admin.connect();
      try {
        // In the shared set, as an instance adds it, but never published: as if every subscriber missed it.
        const entry = JSON.stringify({ k: 'sid', i: iss, v: sid, at: iat });
        await new RedisStore({ client: admin, prefix: 'scale-out:' }).addMember(
          'revocations',
          entry,
          3_600_000,
          100_000,
        );
        await new Promise((wake) => setTimeout(wake, 300));
        for (const instance of instances) expect(await me(instance, alice.access)).toBe(200);
        await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
      } finally {
        await admin.close();
      }
      const took = await refusedEverywhere(alice.access, Date.now());
      expect(took.every((ms) => ms !== undefined)).toBe(true);
    }, 30_000);

    it('answers every request correctly while Redis is down, warns once per instance, and shares again when it is back', async () => {
      await redis.kill();
      const alice = await login('alice');
      const bob = await login('bob');
      const during: number[] = [];
      for (let i = 0; i < 30; i++) during.push(await call(alice), await call(bob));
      expect(during.filter((_, i) => i % 2 === 0)).toEqual(Array(30).fill(200));
      expect(during.filter((_, i) => i % 2 === 1)).toEqual(Array(30).fill(403));
      for (const { log } of instances) expect(log.filter((line) => line.includes('"level":"warn"'))).toHaveLength(1);

      await redis.restart();
      const deadline = Date.now() + 10_000;
      let shared = false;
      while (!shared && Date.now() < deadline) {
        // A new session each round: once the store is back, the first instance asks and the others reuse it.
        const token = await login('alice');
        const before = umaCalls();
        for (let i = 0; i < 3; i++) expect(await call(token)).toBe(200);
        shared = umaCalls() - before === 1;
        if (!shared) await new Promise((wake) => setTimeout(wake, 200));
      }
      expect(shared).toBe(true);
      for (const { log } of instances) expect(log.some((line) => line.includes('the shared store is back'))).toBe(true);
    }, 60_000);

    it('keeps revoking while Redis is down, where the logout arrived, and everywhere once it is back', async () => {
      const alice = await sessionOf('alice');
      for (const instance of instances) expect(await me(instance, alice.access)).toBe(200);
      await redis.kill();
      backchannelTo(instances[2]!);
      await logout(alice.refresh);
      // Fail open: the instance that heard the logout refuses at once; the others still accept, never a 5xx.
      expect(await me(instances[2]!, alice.access)).toBe(401);
      for (const instance of instances.slice(0, 2)) expect(await me(instance, alice.access)).toBe(200);
      await redis.restart();
      const took = await refusedEverywhere(alice.access, Date.now(), 10_000);
      expect(took.every((ms) => ms !== undefined)).toBe(true);
    }, 60_000);
  },
);
