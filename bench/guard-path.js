// The guard's own per-request cost, without HTTP: one warm check (token already verified and cached),
// in ns and heap bytes per call, through protect() (promise) and protectInline() (what the adapters
// run), claims-only and UMA (a permission and a policy-enforcer route, decision already cached), next
// to a call that only builds the request, as the floor. Run after `pnpm build`: node bench/guard-path.js
// Goal: allocation-light; the cost of a cache hit should be a small fraction of the framework's own.
import { KeycloakGuard } from '@keycloak-ts/core';
import { startKeycloak } from '@keycloak-ts/testing';
import { perCall } from './lib/per-call.js';
import { ENFORCER, REALM } from './uma/realm.js';

const keycloak = await startKeycloak({ realms: [REALM] });
try {
  keycloak.model.realm('bench').tokens.accessTokenLifespan = 3600;
  const response = await fetch(`${keycloak.url}/realms/bench/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'web', username: 'alice', password: 'alice' }),
    signal: AbortSignal.timeout(5000),
  });
  const token = (await response.json()).access_token;

  // What Node hands an adapter: a header string of its own per request. A pool of distinct flat copies
  // (so no call finds a hash V8 cached on the previous one), built before measuring.
  const source = {
    rawHeaders: (request) => request.rawHeaders,
    query: () => undefined,
    enforcerRequest: (request) => ({ method: request.method, path: request.url }),
  };
  const headers = Array.from({ length: 1024 }, () => Buffer.from(`Bearer ${token}`).toString('latin1'));
  let next = 0;
  const request = () => ({
    method: 'GET',
    url: '/orders',
    rawHeaders: ['Host', '127.0.0.1', 'Authorization', headers[next++ & 1023]],
  });
  const guard = new KeycloakGuard({ serverUrl: keycloak.url, realm: 'bench', clientId: 'orders-api' }, source);
  const any = guard.protect();
  const roles = guard.protect({ roles: ['realm:user'] });
  const inlineAny = guard.protectInline();
  const inlineRoles = guard.protectInline({ roles: ['realm:user'] });
  const inlineUma = guard.protectInline('orders:read');
  const inlineEnforcer = guard.protectInline({ config: ENFORCER });
  await any(request()); // fetches the JWKS and fills the token cache
  await inlineUma(request()); // fill the decision cache
  await inlineEnforcer(request());

  console.log(`# one warm guard check (token of ${token.length} chars, cached)`);
  const rows = [
    ['build the request (floor)', () => request()],
    ['protect()', () => any(request())],
    ['protect({ roles })', () => roles(request())],
    ['protectInline()', () => inlineAny(request())],
    ['protectInline({ roles })', () => inlineRoles(request())],
    ["protectInline('orders:read')", () => inlineUma(request())],
    ['protectInline({ config })', () => inlineEnforcer(request())],
  ];
  for (const [name, fn] of rows) {
    const { nsPerCall, bytesPerCall } = await perCall(fn);
    console.log(
      `${name.padEnd(32)} ${nsPerCall.toFixed(0).padStart(7)} ns/call ${bytesPerCall.toFixed(0).padStart(7)} bytes/call`,
    );
  }
} finally {
  await keycloak.close();
}
