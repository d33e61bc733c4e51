import { KeycloakGuard, type KeycloakGuardError, type GuardDeniedEvent, type RequestSource } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../../test/support/guard/realm.js';
import { umaShopRealm } from '../../../../test/support/guard/uma-realm.js';

// What the guard writes for a refusal: debug for the client's mistakes, warn with the cause for an outage,
// error naming the realm and client for a misconfiguration Keycloak reports; the status stays 503 for both.

interface Line {
  level: 'debug' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string;
}
interface PlainRequest {
  rawHeaders: string[];
  log?: Line[];
}

const source: RequestSource<PlainRequest> = { rawHeaders: (r) => r.rawHeaders, query: () => undefined };
const capture = (lines: Line[]) => ({
  debug: (obj: Record<string, unknown>, msg: string) => void lines.push({ level: 'debug', obj, msg }),
  warn: (obj: Record<string, unknown>, msg: string) => void lines.push({ level: 'warn', obj, msg }),
  error: (obj: Record<string, unknown>, msg: string) => void lines.push({ level: 'error', obj, msg }),
});
const bearer = (token: string): PlainRequest => ({ rawHeaders: ['Authorization', `Bearer ${token}`] });
const refusal = (pending: Promise<unknown>): Promise<KeycloakGuardError> =>
  pending.then(
    () => expect.unreachable('expected a refusal'),
    (error: unknown) => error as KeycloakGuardError,
  );

describe('the log line and onDenied event of a refusal', () => {
  let shop: ShopKeycloak;
  let alice: string;
  let umaBob: string;
  const guards: KeycloakGuard<PlainRequest>[] = [];
  const guard = (lines: Line[], events: GuardDeniedEvent<PlainRequest>[], extra: object) => {
    const made = new KeycloakGuard<PlainRequest>(
      {
        serverUrl: shop.serverUrl,
        realm: 'shop',
        clientId: 'orders-api',
        logger: capture(lines),
        onDenied: (event) => void events.push(event),
        ...extra,
      },
      source,
    );
    guards.push(made);
    return made;
  };

  beforeAll(async () => {
    shop = await startShop([umaShopRealm]);
    alice = await shop.tokenFor('alice');
    umaBob = await shop.tokenFor('bob', 'uma-shop');
  });
  afterAll(async () => {
    await Promise.all(guards.map((made) => made.close()));
    await shop?.close();
  });

  it('is a debug line without cause for a request refused for its token', async () => {
    const lines: Line[] = [];
    const events: GuardDeniedEvent<PlainRequest>[] = [];
    await refusal(guard(lines, events, {}).protect()(bearer('not.a.token')));
    expect(lines).toEqual([
      {
        level: 'debug',
        obj: { status: 401, code: 'ERR_TOKEN_REJECTED', reason: 'malformed', realm: 'shop', sub: undefined },
        msg: 'keycloak guard refused the request',
      },
    ]);
  });

  it('is a warn line with the cause when Keycloak cannot be reached, and the event carries the cause', async () => {
    const lines: Line[] = [];
    const events: GuardDeniedEvent<PlainRequest>[] = [];
    shop.server.faults.inject('certs', { kind: 'status', status: 502, times: 1 });
    const error = await refusal(guard(lines, events, {}).protect()(bearer(alice)));
    shop.server.faults.clear();
    expect(error).toMatchObject({ status: 503, reason: 'keycloak_error' });
    expect(lines).toEqual([
      {
        level: 'warn',
        obj: {
          status: 503,
          code: 'ERR_KEYCLOAK_UNAVAILABLE',
          reason: 'keycloak_error',
          realm: 'shop',
          cause: 'KeycloakInvalidTokenError: Keycloak answered 502 for the realm JWKS [502]',
        },
        msg: 'keycloak guard could not check the request: Keycloak failed or could not be reached',
      },
    ]);
    expect(events[0]?.cause).toBe(error.cause);
  });

  it('is an error line naming the realm and the resource server when Keycloak says it is none, still a 503', async () => {
    const lines: Line[] = [];
    const events: GuardDeniedEvent<PlainRequest>[] = [];
    const check = guard(lines, events, { realm: 'uma-shop', authorization: { audience: 'web' } }).protect(
      'orders:write',
    );
    const error = await refusal(check(bearer(umaBob)));
    expect(error).toMatchObject({ status: 503, reason: 'resource_server_not_found', error: 'temporarily_unavailable' });
    expect(error.headers).toEqual({ 'retry-after': '10' });
    expect(lines).toEqual([
      {
        level: 'error',
        obj: {
          status: 503,
          code: 'ERR_KEYCLOAK_UNAVAILABLE',
          reason: 'resource_server_not_found',
          realm: 'uma-shop',
          clientId: 'orders-api',
          audience: 'web',
          cause:
            'KeycloakPostError: Client does not support permissions [400 invalid_request Client does not support permissions]',
        },
        msg: 'Keycloak says client "web" of realm "uma-shop" is not a resource server: check "authorization.audience" (default "clientId") and the client\'s Authorization setting',
      },
    ]);
    expect(events.map((event) => event.reason)).toEqual(['resource_server_not_found']);
  });

  it('is an error line naming the client when Keycloak refuses its credentials, never the secret', async () => {
    const lines: Line[] = [];
    const events: GuardDeniedEvent<PlainRequest>[] = [];
    const check = guard(lines, events, { validation: 'introspect', clientSecret: 'not-the-secret' }).protect();
    const error = await refusal(check(bearer(alice)));
    expect(error).toMatchObject({ status: 503, reason: 'client_rejected' });
    expect(lines.map(({ level, msg }) => ({ level, msg }))).toEqual([
      {
        level: 'error',
        msg: 'Keycloak refused client "orders-api" of realm "shop": check the "clientId" and "clientSecret" options',
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('not-the-secret');
  });

  it('uses the request source logger when the options give none', async () => {
    const lines: Line[] = [];
    const perRequest: RequestSource<PlainRequest> = { ...source, log: (request) => capture(request.log ?? []) };
    const made = new KeycloakGuard<PlainRequest>(
      { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' },
      perRequest,
    );
    guards.push(made);
    await refusal(made.protect()({ rawHeaders: [], log: lines }));
    expect(lines.map((line) => line.obj['reason'])).toEqual(['no_credentials']);
  });
});
