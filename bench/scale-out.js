// Three instances of one API (Express, Fastify, Express) behind a round-robin client, with UMA decisions
// shared on a real Redis vs kept per instance: Keycloak calls per 1,000 requests (counted on the in-memory
// Keycloak, so exact) and the instances' CPU per request (process.cpuUsage(), median of alternating rounds); then the
// same with `validation: 'introspect'`, where introspection answers are shared too: introspection calls saved.
// Then the revocation propagation time: from the logout at Keycloak until all three instances refuse the token, a
// back-channel logout delivered to one of them and shared through Redis pub/sub.
// Needs redis-server (scripts/redis/server.mjs finds or installs it) and `pnpm build`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { demoRealm, startKeycloak } from '@keycloak-ts/testing';
import { acquireRedis } from '../scripts/redis/server.mjs';

const INSTANCE = new URL('../test/scale-out/support/instance.mjs', import.meta.url).pathname;
const SESSIONS = 50;
const REQUESTS_PER_SESSION = 20;
const CONCURRENCY = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function startInstance(kind, keycloakUrl, redisUrl, sharing, validation) {
  const child = spawn(process.execPath, [INSTANCE, kind, keycloakUrl, redisUrl, sharing, validation], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line).url));
  });
  return { url, child };
}

const cpuOf = async ({ url }) => {
  const { user, system } = await (await fetch(`${url}/cpu`)).json();
  return user + system;
};

async function round(kc, redisUrl, sharing, validation = 'local') {
  const instances = await Promise.all(
    ['express', 'fastify', 'express'].map((kind) => startInstance(kind, kc.url, redisUrl, sharing, validation)),
  );
  try {
    const tokens = [];
    for (let i = 0; i < SESSIONS; i++) {
      const body = new URLSearchParams({
        grant_type: 'password',
        client_id: 'demo-web',
        username: 'alice',
        password: 'alice',
      });
      tokens.push(
        (await (await fetch(`${kc.url}/realms/demo/protocol/openid-connect/token`, { method: 'POST', body })).json())
          .access_token,
      );
    }
    // Warm the JWKS of every instance first, so the round measures decisions, not key fetches.
    const warm = await startKeycloakToken(kc);
    for (const { url } of instances)
      await (await fetch(`${url}/documents`, { headers: { authorization: `Bearer ${warm}` } })).arrayBuffer();
    const umaBefore = kc.counters.get('uma-grant');
    const introspectBefore = kc.counters.get('introspect');
    const cpuBefore = await Promise.all(instances.map(cpuOf));
    const work = [];
    for (let r = 0; r < REQUESTS_PER_SESSION; r++) for (const token of tokens) work.push(token);
    let next = 0;
    let failures = 0;
    const worker = async () => {
      while (next < work.length) {
        const i = next++;
        const response = await fetch(`${instances[i % 3].url}/documents`, {
          headers: { authorization: `Bearer ${work[i]}` },
        });
        await response.arrayBuffer();
        if (response.status !== 200) failures++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const cpuAfter = await Promise.all(instances.map(cpuOf));
    const cpu = cpuAfter.reduce((sum, after, i) => sum + after - cpuBefore[i], 0);
    if (failures > 0) throw new Error(`${failures} requests were not answered 200`);
    return {
      umaPer1000: ((kc.counters.get('uma-grant') - umaBefore) * 1000) / work.length,
      introspectPer1000: ((kc.counters.get('introspect') - introspectBefore) * 1000) / work.length,
      cpuPerRequest: cpu / work.length,
    };
  } finally {
    for (const { child } of instances) child.kill('SIGTERM');
  }
}

async function startKeycloakToken(kc) {
  const body = new URLSearchParams({ grant_type: 'password', client_id: 'demo-web', username: 'bob', password: 'bob' });
  return (await (await fetch(`${kc.url}/realms/demo/protocol/openid-connect/token`, { method: 'POST', body })).json())
    .access_token;
}

const REVOCATION_TRIALS = Number(process.env.BENCH_REVOCATIONS ?? 20);

/** Milliseconds from the logout request until `instance` refuses `token` (polled every 2 ms). */
async function refusedAfter(instance, token, since) {
  for (;;) {
    const response = await fetch(`${instance.url}/me`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (response.status === 401) return performance.now() - since;
    if (response.status !== 200) throw new Error(`an instance answered ${response.status}`);
    if (performance.now() - since > 5_000) throw new Error('not revoked within 5 s');
    await new Promise((wake) => setTimeout(wake, 2));
  }
}

async function revocationPropagation(kc, redisUrl) {
  const instances = await Promise.all(
    ['express', 'fastify', 'express'].map((kind) => startInstance(kind, kc.url, redisUrl, 'shared')),
  );
  const web = kc.model.realm('demo').clients.get('demo-web');
  web.attributes['backchannel.logout.url'] = `${instances[0].url}/backchannel-logout`;
  web.attributes['backchannel.logout.session.required'] = 'true';
  try {
    const receiver = [];
    const everywhere = [];
    const logoutCalls = [];
    for (let i = 0; i < REVOCATION_TRIALS; i++) {
      const body = new URLSearchParams({
        grant_type: 'password',
        client_id: 'demo-web',
        username: 'alice',
        password: 'alice',
      });
      const tokens = await (
        await fetch(`${kc.url}/realms/demo/protocol/openid-connect/token`, { method: 'POST', body })
      ).json();
      // Each instance has verified the token once (keys fetched, token cached), as for a live session.
      for (const instance of instances) {
        const response = await fetch(`${instance.url}/me`, {
          headers: { authorization: `Bearer ${tokens.access_token}` },
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`an instance answered ${response.status} before the logout`);
      }
      const since = performance.now();
      // Keycloak answers the logout once the back-channel logout was delivered to instance 0 (as the real one does).
      const logout = await fetch(`${kc.url}/realms/demo/protocol/openid-connect/logout`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: 'demo-web', refresh_token: tokens.refresh_token }),
      });
      if (logout.status !== 204) throw new Error(`logout answered ${logout.status}`);
      logoutCalls.push(performance.now() - since);
      const took = await Promise.all(instances.map((instance) => refusedAfter(instance, tokens.access_token, since)));
      receiver.push(took[0]);
      everywhere.push(Math.max(...took));
    }
    return { receiver, everywhere, logoutCalls };
  } finally {
    for (const { child } of instances) child.kill('SIGTERM');
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const redis = await acquireRedis({ log: (line) => console.log(line) });
if ('skipped' in redis) {
  console.log(`scale-out bench skipped: ${redis.skipped}`);
  process.exit(0);
}
const kc = await startKeycloak({ realms: [demoRealm()] });
try {
  const results = { shared: [], local: [], 'introspect shared': [], 'introspect local': [] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const sharing of i % 2 === 0 ? ['local', 'shared'] : ['shared', 'local']) {
      results[sharing].push(await round(kc, redis.url, sharing));
      results[`introspect ${sharing}`].push(await round(kc, redis.url, sharing, 'introspect'));
    }
  }
  const calls = (mode) => median(results[mode].map((r) => r.umaPer1000));
  const cpu = (mode) => median(results[mode].map((r) => r.cpuPerRequest));
  console.log(
    `3 instances, ${SESSIONS} sessions x ${REQUESTS_PER_SESSION} requests, ${CONCURRENCY} at a time, ${ROUNDS} rounds each (medians)`,
  );
  console.log(
    `Keycloak UMA calls per 1,000 requests: shared on Redis ${calls('shared').toFixed(1)}, per instance ${calls('local').toFixed(1)} (${(calls('local') - calls('shared')).toFixed(1)} saved)`,
  );
  const introspections = (mode) => median(results[mode].map((r) => r.introspectPer1000));
  console.log(
    `with validation 'introspect', introspection calls per 1,000 requests: shared on Redis ${introspections('introspect shared').toFixed(1)}, ` +
      `per instance ${introspections('introspect local').toFixed(1)} (${(introspections('introspect local') - introspections('introspect shared')).toFixed(1)} saved)`,
  );
  console.log(
    `instances' CPU per request: shared ${cpu('shared').toFixed(0)} us, per instance ${cpu('local').toFixed(0)} us (${(cpu('shared') / cpu('local')).toFixed(2)}x)`,
  );
  const { receiver, everywhere, logoutCalls } = await revocationPropagation(kc, redis.url);
  const max = (values) => Math.max(...values);
  console.log(
    `revocation propagation (${REVOCATION_TRIALS} back-channel logouts to 1 of 3 instances, ms from the logout request): ` +
      `Keycloak's logout answered ${median(logoutCalls).toFixed(1)}, receiving instance refuses ${median(receiver).toFixed(1)}, ` +
      `all three refuse ${median(everywhere).toFixed(1)} (median; max ${max(everywhere).toFixed(1)})`,
  );
} finally {
  await kc.close();
  await redis.stop();
}
