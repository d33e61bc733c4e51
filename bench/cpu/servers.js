// @ts-nocheck
// The processes of bench/cpu.js, each started in its own child by ../lib/child.js: the Keycloak test
// server of the UMA realm (which mints alice's token, and the cold tokens: copies of it that differ by
// `jti`, signed with the realm's own key), and GET /orders served open, behind a no-op step, behind our
// guards (warm or cold tokens alike: the guard is the same, the load decides), behind a warm UMA
// permission, and behind express-oauth2-jwt-bearer. All listen on 127.0.0.1, port 0.
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { auth } from 'express-oauth2-jwt-bearer';
import { startKeycloak } from '@keycloak-ts/testing';
import { listenExpress, listenFastify, start as startGuardServer } from '../guards/servers.js';
import { REALM } from '../uma/realm.js';
import { start as startUmaServer } from '../uma/servers.js';

/** `config.coldTokens` distinct tokens besides alice's own; each is a full RS256 signature to make. */
async function keycloak(config) {
  const server = await startKeycloak({ realms: [REALM] });
  const realm = server.model.realm('bench');
  realm.tokens.accessTokenLifespan = 3600;
  const response = await fetch(`${server.url}/realms/bench/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'web', username: 'alice', password: 'alice' }),
    signal: AbortSignal.timeout(5000),
  });
  if (response.status !== 200) throw new Error(`token request answered ${response.status}`);
  const token = (await response.json()).access_token;
  const [header, payload] = token.split('.');
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  const key = (await realm.keys.all()).find((entry) => entry.kid === kid);
  if (key?.privateKey === undefined) throw new Error(`no private key for kid ${kid}`);
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  // express-oauth2-jwt-bearer requires an audience; Keycloak's default tokens name `account`.
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud ?? 'account'];
  const coldTokens = [];
  for (let i = 0; i < (config.coldTokens ?? 0); i++) {
    const jti = `${claims.jti}.${createHash('sha256').update(String(i)).digest('hex').slice(0, 12)}`;
    const body = Buffer.from(JSON.stringify({ ...claims, jti, aud })).toString('base64url');
    const input = `${header}.${body}`;
    coldTokens.push(`${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`);
  }
  return { url: server.url, token, coldTokens, audience: aud[0] };
}

/** Servers of this bench on top of those of bench/guards.js and bench/uma.js. */
const OWN = {
  keycloak,
  // auth0's guard: jose's jwtVerify on every request (no verified-token cache), keys from the same JWKS.
  'express express-oauth2-jwt-bearer': (config) =>
    listenExpress((app) =>
      app.get(
        '/orders',
        auth({
          issuer: `${config.keycloakUrl}/realms/bench`,
          jwksUri: `${config.keycloakUrl}/realms/bench/protocol/openid-connect/certs`,
          audience: config.audience,
          tokenSigningAlg: 'RS256',
        }),
        (_req, res) => res.json({ ok: true }),
      ),
    ),
  // The floor of any verifier: one RS256 check of the request's token with the realm's key, already
  // imported, and nothing else (no header, no claims, no cache). A guard's cold extra over this step is what
  // it adds to the signature check.
  'fastify crypto.verify preHandler': async (config) => {
    const response = await fetch(`${config.keycloakUrl}/realms/bench/protocol/openid-connect/certs`);
    const jwk = (await response.json()).keys.find((key) => key.use === 'sig' && key.alg === 'RS256');
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    const preHandler = (request, reply, done) => {
      const token = request.headers.authorization.slice('Bearer '.length);
      const dot = token.lastIndexOf('.');
      const ok = verify(
        'sha256',
        Buffer.from(token.slice(0, dot)),
        key,
        Buffer.from(token.slice(dot + 1), 'base64url'),
      );
      if (ok) done();
      else reply.code(401).send();
    };
    return listenFastify({ serverUrl: config.keycloakUrl, realm: 'bench', clientId: 'orders-api' }, () => ({
      preHandler,
    }));
  },
  // A ruler for the floor: arithmetic calibrated in this process to take what one crypto.verify takes here in a
  // tight loop. The harness reads it at about that cost over open; the signature check reads about twice its own,
  // as OpenSSL's verify (much code and data per call) finds its caches emptied by the HTTP work between requests.
  'fastify arithmetic preHandler': async (config) => {
    const verifyUs = verifyMicroseconds();
    const iterations = iterationsFor(verifyUs);
    const served = await listenFastify(
      { serverUrl: config.keycloakUrl, realm: 'bench', clientId: 'orders-api' },
      () => ({
        preHandler: (_request, _reply, done) => {
          arithmetic(iterations);
          done();
        },
      }),
    );
    return { ...served, verifyUs };
  },
};

let sink = 0;
function arithmetic(iterations) {
  let x = 1.0001;
  for (let i = 0; i < iterations; i++) x = x * 1.0000001 + 1e-9;
  sink += x;
  return sink;
}

/** CPU microseconds per call of `fn`, the cheapest of five runs of `calls` calls. */
function cheapest(fn, calls) {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 5; run++) {
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) fn();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / calls);
  }
  return best;
}

/** What one RS256 crypto.verify of a token-sized input costs in this process, in a tight loop. */
function verifyMicroseconds() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const input = Buffer.alloc(900, 'a');
  const signature = sign('sha256', input, privateKey);
  return cheapest(() => verify('sha256', input, publicKey, signature), 2000);
}

function iterationsFor(targetUs) {
  let iterations = 10_000;
  for (let step = 0; step < 4; step++)
    iterations = Math.max(1, Math.round((iterations * targetUs) / cheapest(() => arithmetic(iterations), 500)));
  return iterations;
}

/** Called by the child entry: starts server `name`. */
export function start(name, config) {
  if (Object.hasOwn(OWN, name)) return OWN[name](config);
  if (name.includes("'orders:read'")) return startUmaServer(name, config);
  return startGuardServer(name, config);
}
