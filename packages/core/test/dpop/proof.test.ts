import { createHash, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DpopProofError, MAX_PROOF_LENGTH, verifyDpopProof, type DpopProofExpectation } from '../../src/dpop/proof.js';
import { dpopTestKey, signJws, type DpopTestKey } from '../../../../test/support/dpop.js';

// verifyDpopProof on its own (RFC 9449 §4.3): each refusal pinned to its check by its message, and every bound
// (size, iat window) taken on both sides, so a check that is loosened by one step fails a test.

const HTU = 'https://api.example.com/orders';
const TOKEN = 'an.access.token';
const NOW = 1_800_000_000_000;
const MAX_AGE = 60_000;
const TOLERANCE = 5_000;
const expectation: DpopProofExpectation = {
  method: 'GET',
  htu: HTU,
  accessToken: TOKEN,
  algorithms: ['ES256', 'RS256'],
  maxAge: MAX_AGE,
  tolerance: TOLERANCE,
  now: NOW,
};

let key: DpopTestKey;
beforeAll(() => {
  key = dpopTestKey('ES256');
});

const at = (epochMs: number) => Math.floor(epochMs / 1000);

async function refusal(proof: string, expected: Partial<DpopProofExpectation> = {}): Promise<string> {
  const error = await verifyDpopProof(proof, { ...expectation, ...expected }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DpopProofError);
  expect((error as Error).name).toBe('DpopProofError');
  return (error as Error).message;
}

describe('verifyDpopProof', () => {
  it("returns the key's thumbprint, the jti, and the end of the proof's replay window", async () => {
    const iat = at(NOW);
    const proof = key.proof('GET', HTU, { accessToken: TOKEN, iat, claims: { jti: 'proof-1' } });
    await expect(verifyDpopProof(proof, expectation)).resolves.toEqual({
      jkt: key.jkt,
      jti: 'proof-1',
      acceptedUntil: iat * 1000 + MAX_AGE + TOLERANCE,
    });
  });

  it('takes iat at both ends of its window, tolerance included, and refuses a second past either', async () => {
    const proofAt = (iat: number) => key.proof('GET', HTU, { accessToken: TOKEN, iat });
    const latest = at(NOW + TOLERANCE);
    const earliest = at(NOW - MAX_AGE - TOLERANCE);
    await expect(verifyDpopProof(proofAt(latest), expectation)).resolves.toMatchObject({ jkt: key.jkt });
    await expect(verifyDpopProof(proofAt(earliest), expectation)).resolves.toMatchObject({ jkt: key.jkt });
    for (const iat of [latest + 1, earliest - 1])
      expect(await refusal(proofAt(iat))).toBe('The DPoP proof is too old or issued in the future');
  });

  it('reads a proof of exactly the size limit, and refuses one character more unread', async () => {
    const padded = (headerPad: number, claimPad: number) =>
      key.proof('GET', HTU, {
        accessToken: TOKEN,
        iat: at(NOW),
        header: { pad: 'h'.repeat(headerPad) },
        claims: { pad: 'c'.repeat(claimPad) },
      });
    // base64url lengths step by 1 or 2 characters: a header pad and a claims pad together land on any length.
    const estimate = Math.floor(((MAX_PROOF_LENGTH - padded(0, 0).length) * 3) / 4);
    const proof = [0, 1, 2, 3]
      .flatMap((headerPad) => Array.from({ length: 12 }, (_, i) => padded(headerPad, estimate - 8 + i)))
      .find((candidate) => candidate.length === MAX_PROOF_LENGTH);
    expect(proof?.length).toBe(MAX_PROOF_LENGTH);
    await expect(verifyDpopProof(proof as string, expectation)).resolves.toMatchObject({ jkt: key.jkt });
    expect(await refusal(`${proof}A`)).toBe('The DPoP proof is too large');
  });

  it.each([
    ['a non-string alg', { alg: 42 }],
    ['an alg outside the accepted list', { alg: 'PS256' }],
  ])('refuses %s', async (_name, header) => {
    expect(await refusal(key.proof('GET', HTU, { accessToken: TOKEN, iat: at(NOW), header }))).toBe(
      'The DPoP proof is signed with an algorithm not accepted here',
    );
  });

  it('refuses a jwk lacking a member its key type needs as no public jwk, before checking the signature', async () => {
    const { x: _x, ...withoutX } = key.jwk;
    const proof = key.proof('GET', HTU, { accessToken: TOKEN, iat: at(NOW), header: { jwk: withoutX } });
    expect(await refusal(proof)).toBe('The DPoP proof must carry a public jwk');
  });

  it('refuses a proof signed by another key than its jwk', async () => {
    const other = dpopTestKey('ES256');
    const proof = key.proof('GET', HTU, { accessToken: TOKEN, iat: at(NOW), signWith: other });
    expect(await refusal(proof)).toBe('The DPoP proof signature is invalid');
  });

  it('refuses claims that are not a JSON object, and a jti that is empty or too long', async () => {
    const header = { alg: 'ES256', typ: 'dpop+jwt', jwk: key.jwk };
    expect(await refusal(signJws(header, [1] as never, key))).toBe('The DPoP proof claims are not a JSON object');
    for (const jti of ['', 'j'.repeat(257)]) {
      const proof = key.proof('GET', HTU, { accessToken: TOKEN, iat: at(NOW), claims: { jti } });
      expect(await refusal(proof)).toBe('The DPoP proof lacks jti, htm, htu or iat');
    }
    const longest = key.proof('GET', HTU, { accessToken: TOKEN, iat: at(NOW), claims: { jti: 'j'.repeat(256) } });
    await expect(verifyDpopProof(longest, expectation)).resolves.toMatchObject({ jti: 'j'.repeat(256) });
  });
});

describe('verifyDpopProof: the shapes of a proof', () => {
  const HEADER = () => ({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.jwk });
  const claims = () => ({ jti: 'j', htm: 'GET', htu: HTU, iat: at(NOW), ath: athOf(TOKEN) });

  it.each([['null'], ['42'], ['"dpop+jwt"'], ['[]']])('refuses a header that is %s', async (text) => {
    const [, payload, signature] = key.proof('GET', HTU, { accessToken: TOKEN, iat: at(NOW) }).split('.');
    const message = await refusal(`${Buffer.from(text).toString('base64url')}.${payload}.${signature}`);
    expect(message).toBe('The DPoP proof is not a signed JWT');
  });

  it.each([['null'], ['42'], ['[1]'], ['"x"']])('refuses claims that are %s', async (text) => {
    expect(await refusal(signJws(HEADER(), JSON.parse(text), key))).toBe('The DPoP proof claims are not a JSON object');
  });

  it.each([
    ['a null jwk', null],
    ['a string jwk', 'key'],
    ['an array jwk', []],
    ['a jwk with private members', 'private'],
  ])('refuses %s as no public jwk', async (_name, jwk) => {
    const header = { ...HEADER(), jwk: jwk === 'private' ? key.privateJwk : jwk };
    expect(await refusal(signJws(header, claims(), key))).toBe('The DPoP proof must carry a public jwk');
  });

  it.each([
    ['jti', 42],
    ['htm', 42],
    ['htu', 42],
    ['iat', '1800000000'],
  ])('refuses a %s of the wrong type', async (name, value) => {
    expect(await refusal(signJws(HEADER(), { ...claims(), [name]: value }, key))).toBe(
      'The DPoP proof lacks jti, htm, htu or iat',
    );
  });

  it('refuses an iat that JSON reads as Infinity', async () => {
    const text = JSON.stringify(claims()).replace(/"iat":\d+/, '"iat":1e999');
    const proof = signJws(HEADER(), { ...claims(), iat: 0 }, key);
    const [header] = proof.split('.');
    const input = `${header}.${Buffer.from(text).toString('base64url')}`;
    expect(await refusal(resigned(input))).toBe('The DPoP proof lacks jti, htm, htu or iat');
  });

  it('refuses another method, another URL, and an ath of another token or of the wrong type', async () => {
    expect(await refusal(signJws(HEADER(), { ...claims(), htm: 'POST' }, key))).toBe(
      'The DPoP proof is for another HTTP method',
    );
    expect(await refusal(signJws(HEADER(), { ...claims(), htu: `${HTU}/1` }, key))).toBe(
      'The DPoP proof is for another URL',
    );
    for (const ath of [athOf('another.token'), 42, undefined])
      expect(await refusal(signJws(HEADER(), { ...claims(), ath }, key))).toBe(
        'The DPoP proof does not match the access token (ath)',
      );
  });
});

function athOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** `input` (header.claims, already encoded) signed by the test key as it is. */
function resigned(input: string): string {
  return `${input}.${sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}
