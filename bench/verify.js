// Token verification throughput: a warm verified-token cache hit, a fresh verification (cache off) and
// jose's jwtVerify on the same RS256 token. Run after `pnpm build`: node bench/verify.js
// Target: a warm hit costs under 1/20 of a jose verification.
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TokenVerifier } from '@keycloak-ts/core';

// jose is a dependency of core, not of the workspace root: resolve it from core's own entry.
const coreEntry = fileURLToPath(import.meta.resolve('@keycloak-ts/core'));
const { jwtVerify, createRemoteJWKSet, importJWK } = await import(pathToFileURL(createRequire(coreEntry).resolve('jose')).href);

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
const payload = Buffer.from(JSON.stringify({
  exp: iat + 3600, iat, jti: 'onrtac:bench', iss: issuer, aud: 'account', sub: 'bench-user', typ: 'Bearer', azp: 'bench',
  realm_access: { roles: ['default-roles-bench', 'offline_access', 'uma_authorization'] },
  resource_access: { account: { roles: ['manage-account', 'view-profile'] } }, scope: 'openid email profile',
})).toString('base64url');
const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
const token = `${header}.${payload}.${signature}`;

const warm = new TokenVerifier({ issuer });
const fresh = new TokenVerifier({ issuer, tokenCache: false });
const joseKey = await importJWK(jwk, 'RS256');
const joseRemote = createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`));

async function measure(name, fn, durationMs = 1000) {
  for (let i = 0; i < 200; i++) await fn(); // warm-up, fills caches
  let ops = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(durationMs) * 1_000_000n;
  while (process.hrtime.bigint() < end) {
    for (let i = 0; i < 50; i++) await fn();
    ops += 50;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = ops / seconds;
  console.log(`${name.padEnd(44)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} ops/s`);
  return rate;
}

console.log('# token verification (RS256, 2048-bit key)');
const hit = await measure('TokenVerifier.verify, warm cache hit', () => warm.verify(token));
const miss = await measure('TokenVerifier.verify, cache off', () => fresh.verify(token));
const jose = await measure('jose jwtVerify (imported key)', () => jwtVerify(token, joseKey, { issuer, algorithms: ['RS256'] }));
await measure('jose jwtVerify (createRemoteJWKSet)', () => jwtVerify(token, joseRemote, { issuer, algorithms: ['RS256'] }));
console.log(`warm hit / jose: ${(hit / jose).toFixed(1)}x faster (target >= 20x)`);
console.log(`cache off / jose: ${(miss / jose).toFixed(2)}x`);
server.close();
