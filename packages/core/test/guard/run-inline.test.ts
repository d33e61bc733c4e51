import {
  KeycloakGuard,
  KeycloakGuardError,
  KeycloakRequestContext,
  runInlineCheck,
  type RequestSource,
} from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../../test/support/guard/realm.js';

interface PlainRequest {
  rawHeaders: string[];
  keycloak?: unknown;
}

const source: RequestSource<PlainRequest> = { rawHeaders: (r) => r.rawHeaders, query: () => undefined };
const attach = (request: PlainRequest, context: unknown): void => {
  request.keycloak = context;
};

/** The error a synchronous call threw (fails the test when it returned). */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a synchronous refusal');
}

describe("inline guard checks (the adapters' hot path)", () => {
  let shop: ShopKeycloak;
  let alice: string;
  let clock: number;
  beforeAll(async () => {
    shop = await startShop();
    alice = await shop.tokenFor('alice');
  });
  afterAll(() => shop?.close());

  const guard = (): KeycloakGuard<PlainRequest> => {
    clock = Date.now();
    return new KeycloakGuard<PlainRequest>(
      { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api', now: () => clock },
      source,
    );
  };
  const withToken = (): PlainRequest => ({ rawHeaders: ['Authorization', `Bearer ${alice}`] });

  it('answers with a promise for a new token, then with the context itself once the token is cached', async () => {
    const check = guard().protectInline({ roles: ['realm:admin'] });
    const first = check(withToken());
    expect(first).toBeInstanceOf(Promise);
    expect((await first).token.preferred_username).toBe('alice');
    const second = check(withToken());
    expect(second).toBeInstanceOf(KeycloakRequestContext);
    expect((second as KeycloakRequestContext).raw).toBe(alice);
  });

  it('throws the refusal at once when no token is sent', () => {
    const error = thrown(() => guard().protectInline()({ rawHeaders: [] }));
    expect(error).toBeInstanceOf(KeycloakGuardError);
    expect(error).toMatchObject({ status: 401, code: 'ERR_NO_CREDENTIALS', reason: 'no_credentials' });
    expect((error as KeycloakGuardError).headers).toEqual({ 'www-authenticate': 'Bearer realm="shop"' });
  });

  it('refuses a token that has expired since it was cached, with the expired description', async () => {
    const check = guard().protectInline();
    await check(withToken());
    clock += 24 * 3_600_000;
    const answer = check(withToken());
    expect(answer).toBeInstanceOf(Promise); // the cache dropped it: verified again, and refused
    const error = await (answer as Promise<unknown>).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 401, code: 'ERR_TOKEN_REJECTED', reason: 'expired' });
    expect((error as KeycloakGuardError).headers).toEqual({
      'www-authenticate': 'Bearer realm="shop", error="invalid_token", error_description="The access token expired"',
    });
  });

  it('refuses a cached token missing a role at once with 403 insufficient_scope', async () => {
    const g = guard();
    await g.protectInline()(withToken());
    const error = thrown(() => g.protectInline({ roles: ['realm:nobody'] })(withToken()));
    expect(error).toMatchObject({ status: 403, code: 'ERR_INSUFFICIENT_SCOPE', reason: 'role_missing' });
  });

  it('waits for an async predicate even when the token is cached', async () => {
    const g = guard();
    await g.protectInline()(withToken());
    const denied = g.protectInline(async () => false)(withToken());
    expect(denied).toBeInstanceOf(Promise);
    await expect(denied).rejects.toMatchObject({ status: 403, reason: 'predicate_denied' });
    await expect(
      g.protectInline(async (token) => token.preferred_username === 'alice')(withToken()),
    ).resolves.toBeInstanceOf(KeycloakRequestContext);
  });

  it('keeps protect() promise-only: a refusal is a rejected promise, never a throw', async () => {
    const answer = guard().protect()({ rawHeaders: [] });
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).rejects.toMatchObject({ code: 'ERR_NO_CREDENTIALS' });
  });

  it('runInlineCheck attaches the context and calls next() in the same tick for a cached token', async () => {
    const check = guard().protectInline();
    await check(withToken());
    const request = withToken();
    const calls: unknown[][] = [];
    runInlineCheck(check, request, attach, (...args) => calls.push(args));
    expect(calls).toEqual([[]]);
    expect(request.keycloak).toBeInstanceOf(KeycloakRequestContext);
  });

  it('runInlineCheck hands a refusal to next(error) in the same tick', () => {
    const request: PlainRequest = { rawHeaders: ['Authorization', 'Bearer '] };
    const calls: unknown[][] = [];
    runInlineCheck(guard().protectInline(), request, attach, (...args) => calls.push(args));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toMatchObject({ status: 400, reason: 'empty_bearer' });
    expect(request.keycloak).toBeUndefined();
  });

  it('runInlineCheck hands a refusal to refuse(), when given, instead of next(error), in either tick', async () => {
    const refused: unknown[] = [];
    const nexts: unknown[][] = [];
    const refuse = (_request: PlainRequest, error: unknown): void => void refused.push(error);
    runInlineCheck(guard().protectInline(), { rawHeaders: [] }, attach, (...args) => nexts.push(args), refuse);
    expect(refused).toEqual([expect.objectContaining({ reason: 'no_credentials' })]);
    const forged = `${alice.slice(0, alice.lastIndexOf('.'))}.AAAA`;
    await new Promise<void>((resolve) => {
      runInlineCheck(
        guard().protectInline(),
        { rawHeaders: ['Authorization', `Bearer ${forged}`] },
        attach,
        (...args) => nexts.push(args),
        (request, error) => {
          refuse(request, error);
          resolve();
        },
      );
    });
    expect(refused[1]).toMatchObject({ status: 401, reason: 'bad_signature' });
    expect(nexts).toEqual([]);
  });

  it('runInlineCheck attaches nothing for a request let through without a token, in either tick', async () => {
    const attached: unknown[] = [];
    const record = (_request: PlainRequest, context: unknown) => void attached.push(context);
    const calls: unknown[][] = [];
    runInlineCheck(
      () => undefined,
      withToken(),
      record,
      (...args) => calls.push(args),
    );
    await new Promise<void>((resolve) => {
      runInlineCheck(
        async () => undefined,
        withToken(),
        record,
        (...args) => {
          calls.push(args);
          resolve();
        },
      );
    });
    expect(calls).toEqual([[], []]);
    expect(attached).toEqual([]);
  });

  it('runInlineCheck attaches the context before next() once a new token is verified', async () => {
    const request = withToken();
    const seen = await new Promise<unknown[]>((resolve) => {
      runInlineCheck(guard().protectInline(), request, attach, (...args) => resolve([...args, request.keycloak]));
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(KeycloakRequestContext);
  });
});
