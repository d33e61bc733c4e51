import { describe, expect, it } from 'vitest';
import type { RequestSource } from '../../src/guard/credentials.js';
import { DpopDenial, DpopGate, boundThumbprint } from '../../src/guard/dpop-gate.js';
import { VerifiedToken } from '../../src/token/verified-token.js';
import { dpopTestKey } from '../../../../test/support/dpop.js';

// The guard's DPoP gate after the token verified: the binding it reads, and each refusal of a DPoP request.

interface Request {
  target?: { method: string; origin: string | undefined; path: string };
}
const withTarget: RequestSource<Request> = {
  rawHeaders: () => [],
  query: () => undefined,
  requestTarget: (request) => request.target ?? { method: 'GET', origin: undefined, path: '/orders' },
};
const withoutTarget: RequestSource<Request> = { rawHeaders: () => [], query: () => undefined };

const key = dpopTestKey('ES256');
const TOKEN = 'the.access.token';
const HTU = 'https://api.example.com/orders';
const token = (cnf: unknown) => new VerifiedToken({ sub: 'alice', exp: 2_000_000_000, cnf } as never);

function gate(source: RequestSource<Request>, publicUrl: string | null = 'https://api.example.com') {
  return new DpopGate<Request>(
    {
      dpop: { required: false, algorithms: ['ES256'], proofMaxAge: 60_000, maxReplayEntries: 10 },
      publicUrl: publicUrl ?? undefined,
      clockToleranceDuration: 0,
      store: undefined,
      storeDown: 'fail-open',
      logger: undefined,
      now: Date.now,
    },
    source,
  );
}

async function denial(pending: Promise<void>): Promise<DpopDenial> {
  const error = await pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DpopDenial);
  return error as DpopDenial;
}

describe('boundThumbprint', () => {
  it('reads cnf.jkt, and binds a token whose jkt is no string to no key', () => {
    expect(boundThumbprint(token({ jkt: key.jkt }))).toBe(key.jkt);
    for (const cnf of [undefined, null, 'jkt', {}, { x5t: 'x' }]) expect(boundThumbprint(token(cnf))).toBeUndefined();
    expect(boundThumbprint(token({ jkt: 42 }))).toBeDefined();
  });
});

describe('DpopGate', () => {
  const proof = () => key.proof('GET', HTU, { accessToken: TOKEN });

  it('passes one valid proof by the bound key, once', async () => {
    const checks = gate(withTarget);
    const credentials = { token: TOKEN, proofs: [proof()] };
    await expect(checks.verify({}, credentials, token({ jkt: key.jkt }))).resolves.toBeUndefined();
    expect(checks.replayEntries).toBe(1);
    expect((await denial(checks.verify({}, credentials, token({ jkt: key.jkt })))).reason).toBe('dpop_proof_replayed');
  });

  it('refuses no proof, two proofs, and a request whose URL cannot be told', async () => {
    const bound = token({ jkt: key.jkt });
    expect(await denial(gate(withTarget).verify({}, { token: TOKEN, proofs: [] }, bound))).toEqual(
      new DpopDenial('dpop_proof_invalid', 'A DPoP proof header is required'),
    );
    expect(
      (await denial(gate(withTarget).verify({}, { token: TOKEN, proofs: [proof(), proof()] }, bound))).reason,
    ).toBe('dpop_proof_invalid');
    const unknown = new DpopDenial(
      'dpop_proof_invalid',
      'The request URL cannot be determined to check the DPoP proof',
    );
    expect(await denial(gate(withoutTarget).verify({}, { token: TOKEN, proofs: [proof()] }, bound))).toEqual(unknown);
    expect(await denial(gate(withTarget, null).verify({}, { token: TOKEN, proofs: [proof()] }, bound))).toEqual(
      unknown,
    );
  });

  it("passes the proof check's refusal on with its text", async () => {
    const other = key.proof('POST', HTU, { accessToken: TOKEN });
    expect(
      await denial(gate(withTarget).verify({}, { token: TOKEN, proofs: [other] }, token({ jkt: key.jkt }))),
    ).toEqual(new DpopDenial('dpop_proof_invalid', 'The DPoP proof is for another HTTP method'));
  });

  it('refuses a valid proof for a token bound to another key, unbound, or bound by a jkt that is no string', async () => {
    for (const cnf of [{ jkt: dpopTestKey('ES256').jkt }, undefined, { jkt: 42 }]) {
      const refused = await denial(gate(withTarget).verify({}, { token: TOKEN, proofs: [proof()] }, token(cnf)));
      expect(refused.reason).toBe('dpop_binding_mismatch');
    }
  });

  it('refuses a Bearer request with a bound token, and any Bearer token when DPoP is required', () => {
    const checks = gate(withTarget);
    expect(checks.bearerRefusal(token({ jkt: key.jkt }))).toBe('dpop_bound_as_bearer');
    expect(checks.bearerRefusal(token({ jkt: 42 }))).toBe('dpop_bound_as_bearer');
    expect(checks.bearerRefusal(token(undefined))).toBeUndefined();
  });
});
