// The guard's cost for a token it has not seen, without HTTP: protectInline() on requests whose token is new
// each call (alice's claims with a new `jti`, signed by the realm's key), against node's bare crypto.verify of
// the same signatures with the key imported once: the floor of any verifier. CPU microseconds per call,
// rounds alternating the two, the guard's extra paired per round. In-process, so the figures are the lowest
// a cold token costs (a server's HTTP work between two checks evicts the guard's code and data from the CPU
// caches: bench/cpu.js reads the same extra about twice as high).
// Run after `pnpm build`: node bench/cold-path.js (COLD_TOKENS: tokens signed per round, default 4000).
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import { KeycloakGuard } from '@keycloak-ts/core';
import { startKeycloak } from '@keycloak-ts/testing';
import { summary } from './lib/stats.js';
import { REALM } from './uma/realm.js';

const PER_ROUND = Number(process.env.COLD_TOKENS ?? 4000);
const ROUNDS = 6;
const keycloak = await startKeycloak({ realms: [REALM] });
try {
  const realm = keycloak.model.realm('bench');
  realm.tokens.accessTokenLifespan = 3600;
  const response = await fetch(`${keycloak.url}/realms/bench/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'web', username: 'alice', password: 'alice' }),
    signal: AbortSignal.timeout(5000),
  });
  const [header, payload] = (await response.json()).access_token.split('.');
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  const { privateKey } = (await realm.keys.all()).find((entry) => entry.kid === kid);
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const publicKey = createPublicKey(privateKey);
  // One slice per round and one for the warm-up; each call of a round gets a token nobody has seen.
  const rounds = Array.from({ length: ROUNDS + 1 }, (_, round) =>
    Array.from({ length: PER_ROUND }, (_, i) => {
      const jti = `${claims.jti}.${createHash('sha256').update(`${round}.${i}`).digest('hex').slice(0, 12)}`;
      const input = `${header}.${Buffer.from(JSON.stringify({ ...claims, jti })).toString('base64url')}`;
      const signature = sign('sha256', Buffer.from(input), privateKey);
      return { header: `Bearer ${input}.${signature.toString('base64url')}`, input: Buffer.from(input), signature };
    }),
  );
  const source = { rawHeaders: (request) => request.rawHeaders, query: () => undefined };
  const guard = new KeycloakGuard({ serverUrl: keycloak.url, realm: 'bench', clientId: 'orders-api' }, source);
  await guard.ready(); // the realm's keys loaded: every check below is answered in its tick
  const check = guard.protectInline();
  const targets = {
    'crypto.verify (floor)': (token) => {
      if (!verify('sha256', token.input, publicKey, token.signature)) throw new Error('bad signature');
    },
    'protectInline() cold': (token) => {
      const context = check({ rawHeaders: ['Host', '127.0.0.1', 'Authorization', token.header] });
      if (context?.token === undefined) throw new Error('the guard answered asynchronously or refused');
    },
  };
  const cpuPerCall = (fn, tokens) => {
    const before = process.cpuUsage();
    for (const token of tokens) fn(token);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / tokens.length;
  };
  for (const fn of Object.values(targets)) cpuPerCall(fn, rounds[0]);
  const results = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 === 0 ? Object.keys(targets) : Object.keys(targets).reverse();
    for (const name of order) results[name].push(cpuPerCall(targets[name], rounds[round]));
  }
  console.log(`# CPU us per call, ${ROUNDS} rounds of ${PER_ROUND} tokens not seen before; medians [min to max]`);
  for (const [name, values] of Object.entries(results)) {
    const { median, min, max } = summary(values);
    console.log(`${name.padEnd(24)} ${median.toFixed(1).padStart(6)} [${min.toFixed(1)} to ${max.toFixed(1)}]`);
  }
  const extra = summary(results['protectInline() cold'].map((value, i) => value - results['crypto.verify (floor)'][i]));
  console.log(
    `the guard over the signature check alone: ${extra.median.toFixed(1)} us [${extra.min.toFixed(1)} to ${extra.max.toFixed(1)}]`,
  );
} finally {
  await keycloak.close();
}
