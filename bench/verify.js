// Token verification: a warm verified-token cache hit, a fresh verification (cache off) and jose's
// jwtVerify on the same RS256 token, one call at a time and 10 in flight (as a server's requests
// overlap: jose's WebCrypto checks then run on libuv's pool). Ops/s and CPU microseconds per op of this
// process (all threads), medians of rounds that alternate the order; ratios paired per round.
// Run after `pnpm build`: node bench/verify.js
// Targets: a warm hit costs under 1/20 of a jose verification; with the cache off, at least jose's speed.
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TokenVerifier } from '@keycloak-ts/core';
import { median } from './lib/stats.js';

// jose is a dependency of core, not of the workspace root: resolve it from core's own entry.
const coreEntry = fileURLToPath(import.meta.resolve('@keycloak-ts/core'));
const { jwtVerify, createRemoteJWKSet, importJWK } = await import(
  pathToFileURL(createRequire(coreEntry).resolve('jose')).href
);

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = 'bench-key';
const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ keys: [jwk] }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}/realms/bench`;

const iat = Math.floor(Date.now() / 1000);
const header = Buffer.from(`{"alg":"RS256","typ" : "JWT","kid" : "${kid}"}`).toString('base64url');
const payload = Buffer.from(
  JSON.stringify({
    exp: iat + 3600,
    iat,
    jti: 'onrtac:bench',
    iss: issuer,
    aud: 'account',
    sub: 'bench-user',
    typ: 'Bearer',
    azp: 'bench',
    realm_access: { roles: ['default-roles-bench', 'offline_access', 'uma_authorization'] },
    resource_access: { account: { roles: ['manage-account', 'view-profile'] } },
    scope: 'openid email profile',
  }),
).toString('base64url');
const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
const token = `${header}.${payload}.${signature}`;

const warm = new TokenVerifier({ issuer });
const fresh = new TokenVerifier({ issuer, tokenCache: false });
const joseKey = await importJWK(jwk, 'RS256');
const joseRemote = createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`));

// One round of `fn` for about `durationMs`, `inFlight` calls overlapping: ops/s and CPU us per op.
async function round(fn, durationMs, inFlight) {
  let ops = 0;
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(durationMs) * 1_000_000n;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (process.hrtime.bigint() < end) {
        for (let i = 0; i < 20; i++) await fn();
        ops += 20;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { rate: ops / seconds, cpu: (cpu.user + cpu.system) / ops };
}

// Rounds alternating the order of `rows` (forward, backward); per row, its rounds' figures.
async function compare(rows, inFlight, rounds = 6, durationMs = 500) {
  for (const { fn } of rows) for (let i = 0; i < 200; i++) await fn(); // warm-up: JIT, caches
  const results = rows.map(() => ({ rate: [], cpu: [] }));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? rows.map((_, i) => i) : rows.map((_, i) => rows.length - 1 - i);
    for (const i of order) {
      const figures = await round(rows[i].fn, durationMs, inFlight);
      results[i].rate.push(figures.rate);
      results[i].cpu.push(figures.cpu);
    }
  }
  return Object.fromEntries(rows.map(({ name }, i) => [name, results[i]]));
}

const paired = (a, b, key) => median(a[key].map((value, i) => value / b[key][i]));
const rows = [
  { name: 'TokenVerifier.verify, warm cache hit', fn: () => warm.verify(token) },
  { name: 'TokenVerifier.verify, cache off', fn: () => fresh.verify(token) },
  { name: 'jose jwtVerify (imported key)', fn: () => jwtVerify(token, joseKey, { issuer, algorithms: ['RS256'] }) },
  {
    name: 'jose jwtVerify (createRemoteJWKSet)',
    fn: () => jwtVerify(token, joseRemote, { issuer, algorithms: ['RS256'] }),
  },
];

console.log('# token verification (RS256, 2048-bit key); medians of 6 alternated rounds');
for (const inFlight of [1, 10]) {
  const results = await compare(rows, inFlight);
  console.log(
    `\n${inFlight === 1 ? 'one call at a time' : `${inFlight} calls in flight`}${''.padEnd(20)} ${'ops/s'.padStart(12)} ${'CPU us/op'.padStart(10)}`,
  );
  for (const [name, { rate, cpu }] of Object.entries(results)) {
    console.log(
      `${name.padEnd(44)} ${Math.round(median(rate)).toLocaleString('en-US').padStart(12)} ${median(cpu).toFixed(1).padStart(10)}`,
    );
  }
  const hit = results[rows[0].name];
  const miss = results[rows[1].name];
  const jose = results[rows[2].name];
  console.log(`warm hit / jose: ${paired(hit, jose, 'rate').toFixed(1)}x faster (target >= 20x)`);
  console.log(
    `cache off / jose: ${paired(miss, jose, 'rate').toFixed(2)}x ops/s, ${paired(jose, miss, 'cpu').toFixed(2)}x less CPU per op (target >= 1)`,
  );
}
server.close();
