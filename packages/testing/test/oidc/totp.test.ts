import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  currentOtp,
  generateTotp,
  startKeycloak,
  TestClock,
  type CredentialRepresentation,
  type KeycloakTestServer,
} from '@keycloak-ts/testing';
import { adminCall, tokenFor } from '../admin/admin-support.js';
import { postForm } from '../support.js';

// Credential shapes as in Keycloak's admin-client testsuite realm (samples/realm-import-testsuite-testrealm.json).
const otp = (secret: string, id: string, data: Record<string, unknown> = {}): CredentialRepresentation => ({
  id,
  type: 'otp',
  secretData: JSON.stringify({ value: secret }),
  credentialData: JSON.stringify({
    digits: 6,
    counter: 0,
    period: 30,
    algorithm: 'HmacSHA1',
    subType: 'totp',
    ...data,
  }),
});
const password = (value: string): CredentialRepresentation => ({ type: 'password', value });
const user = (username: string, credentials: CredentialRepresentation[], extra: Record<string, unknown> = {}) => ({
  username,
  enabled: true,
  credentials,
  ...extra,
});

let kc: KeycloakTestServer;
let tokenUrl: string;

beforeAll(async () => {
  // A frozen clock in the middle of a 30 s period, so moving by whole periods is exact.
  const clock = new TestClock({ now: () => 1_700_000_010_000 }, true);
  kc = await startKeycloak({
    clock,
    realms: [
      {
        realm: 'otp',
        enabled: true,
        clients: [{ clientId: 'cli', publicClient: true, directAccessGrantsEnabled: true }],
        users: [
          user('carol', [password('pw'), otp('DJmQfC73VGFhw7D4QJ8A', 'carol-otp')]),
          user('dave', [password('pw')], { requiredActions: ['CONFIGURE_TOTP'] }),
          user('erin', [password('pw'), otp('DJmQfC73VGFhw7D4QJ8A', 'first'), otp('ABCQfC73VGFhw7D4QJ8A', 'second')]),
          user('frank', [password('pw'), otp('hotp-secret', 'frank-otp', { subType: 'hotp', counter: 5 })]),
          user('gina', [
            password('pw'),
            otp('GEZDGNBVGY3TQOJQ', 'gina-otp', { digits: 8, algorithm: 'HmacSHA256', secretEncoding: 'BASE32' }),
          ]),
          user('hank', [password('pw')]),
        ],
      },
      {
        realm: 'reusable',
        enabled: true,
        otpPolicyCodeReusable: true,
        otpPolicyLookAheadWindow: 0,
        clients: [{ clientId: 'cli', publicClient: true, directAccessGrantsEnabled: true }],
        users: [user('ivan', [password('pw'), otp('reusable-secret', 'ivan-otp')])],
      },
    ],
  });
  tokenUrl = `${kc.url}/realms/otp/protocol/openid-connect/token`;
});
afterAll(() => kc.close());

const grant = (username: string, extra: Record<string, string> = {}, url = tokenUrl) =>
  postForm(url, { grant_type: 'password', client_id: 'cli', username, password: 'pw', ...extra });
const invalidCredentials = {
  status: 400,
  body: { error: 'invalid_grant', error_description: 'Invalid user credentials' },
};
const outcome = (r: { status: number; body: unknown }) => ({ status: r.status, body: r.body });

describe('generateTotp', () => {
  it('matches the RFC 6238 test vectors for SHA1, SHA256 and SHA512', () => {
    expect(generateTotp('12345678901234567890', { timeMs: 59_000, digits: 8 })).toBe('94287082');
    expect(
      generateTotp('12345678901234567890123456789012', { timeMs: 59_000, digits: 8, algorithm: 'HmacSHA256' }),
    ).toBe('46119246');
    expect(
      generateTotp('1234567890123456789012345678901234567890123456789012345678901234', {
        timeMs: 1_111_111_109_000,
        digits: 8,
        algorithm: 'HmacSHA512',
      }),
    ).toBe('25091201');
  });

  it('decodes a base32 secret as authenticator apps show it', () => {
    expect(generateTotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', { timeMs: 59_000, digits: 8, encoding: 'base32' })).toBe(
      '94287082',
    );
  });

  it('rejects bad options with a TypeError naming the option', () => {
    expect(() => generateTotp('', {})).toThrow(new TypeError('secret must be a non-empty string'));
    expect(() => generateTotp('s', { digits: 0 })).toThrow(
      new TypeError('options.digits must be an integer from 1 to 10'),
    );
    expect(() => generateTotp('s', { periodSeconds: 1.5 })).toThrow(
      new TypeError('options.periodSeconds must be a positive integer'),
    );
    expect(() => generateTotp('s', { algorithm: 'MD5' as never })).toThrow(
      new TypeError('options.algorithm must be HmacSHA1, HmacSHA256 or HmacSHA512'),
    );
    expect(() => generateTotp('not base32!', { encoding: 'base32' })).toThrow(
      new TypeError('secret is not valid base32'),
    );
  });
});

describe('password grant with an OTP credential', () => {
  it('refuses a missing or wrong code with Keycloak\'s "Invalid user credentials"', async () => {
    expect(outcome(await grant('carol'))).toEqual(invalidCredentials);
    const wrong = String((Number(currentOtp(kc, 'otp', 'carol')) + 1) % 1_000_000).padStart(6, '0');
    expect(outcome(await grant('carol', { totp: wrong }))).toEqual(invalidCredentials);
    expect(outcome(await grant('carol', { totp: 'abcdef' }))).toEqual(invalidCredentials);
  });

  it('accepts the current code as `totp` (python-keycloak) and a later code as `otp`', async () => {
    const code = currentOtp(kc, 'otp', 'carol');
    expect(code).toBe(generateTotp('DJmQfC73VGFhw7D4QJ8A', { timeMs: kc.clock.now() }));
    expect((await grant('carol', { totp: code })).status).toBe(200);
    kc.clock.advance(30_000);
    expect((await grant('carol', { otp: currentOtp(kc, 'otp', 'carol') })).status).toBe(200);
  });

  it('refuses a code used once already, since the realm does not allow reusable codes', async () => {
    kc.clock.advance(90_000);
    const code = currentOtp(kc, 'otp', 'carol');
    expect((await grant('carol', { totp: code })).status).toBe(200);
    expect(outcome(await grant('carol', { totp: code }))).toEqual(invalidCredentials);
  });

  it("accepts the previous period's code but not one two periods old (look-around window 1)", async () => {
    kc.clock.advance(300_000);
    const previous = generateTotp('DJmQfC73VGFhw7D4QJ8A', { timeMs: kc.clock.now() - 30_000 });
    const older = generateTotp('DJmQfC73VGFhw7D4QJ8A', { timeMs: kc.clock.now() - 60_000 });
    expect(outcome(await grant('carol', { totp: older }))).toEqual(invalidCredentials);
    expect((await grant('carol', { totp: previous })).status).toBe(200);
  });

  it('checks the password before the code', async () => {
    kc.clock.advance(300_000);
    expect(outcome(await grant('carol', { password: 'wrong', totp: currentOtp(kc, 'otp', 'carol') }))).toEqual(
      invalidCredentials,
    );
  });

  it('checks only the default (first) credential of a user with two', async () => {
    const now = kc.clock.now();
    expect(outcome(await grant('erin', { totp: generateTotp('ABCQfC73VGFhw7D4QJ8A', { timeMs: now }) }))).toEqual(
      invalidCredentials,
    );
    expect((await grant('erin', { totp: generateTotp('DJmQfC73VGFhw7D4QJ8A', { timeMs: now }) })).status).toBe(200);
  });

  it("follows the credential's own digits, algorithm and base32 secret", async () => {
    const code = currentOtp(kc, 'otp', 'gina');
    expect(code).toHaveLength(8);
    expect(code).toBe(
      generateTotp('GEZDGNBVGY3TQOJQ', {
        timeMs: kc.clock.now(),
        digits: 8,
        algorithm: 'HmacSHA256',
        encoding: 'base32',
      }),
    );
    expect((await grant('gina', { totp: code })).status).toBe(200);
  });

  it('moves an HOTP counter past each accepted code', async () => {
    const code = currentOtp(kc, 'otp', 'frank');
    expect((await grant('frank', { otp: code })).status).toBe(200);
    expect(outcome(await grant('frank', { otp: code }))).toEqual(invalidCredentials);
    expect(currentOtp(kc, 'otp', 'frank')).not.toBe(code);
    expect((await grant('frank', { otp: currentOtp(kc, 'otp', 'frank') })).status).toBe(200);
  });

  it('lets a user without OTP in with the password alone, and stops a user who must configure TOTP', async () => {
    expect((await grant('hank')).status).toBe(200);
    expect(outcome(await grant('dave'))).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Account is not fully set up' },
    });
  });

  it('honours an imported otpPolicyCodeReusable, shown by the admin API too', async () => {
    const url = `${kc.url}/realms/reusable/protocol/openid-connect/token`;
    const code = currentOtp(kc, 'reusable', 'ivan');
    expect((await grant('ivan', { totp: code }, url)).status).toBe(200);
    expect((await grant('ivan', { totp: code }, url)).status).toBe(200);
    const admin = await tokenFor(kc, 'master', 'admin', 'admin');
    const realm = (await adminCall(kc, 'GET', '/reusable', admin)).body as Record<string, unknown>;
    expect(realm).toMatchObject({
      otpPolicyCodeReusable: true,
      otpPolicyLookAheadWindow: 0,
      otpPolicyDigits: 6,
      otpPolicyPeriod: 30,
    });
  });
});

describe('model', () => {
  it('exports OTP credentials in import form so a realm round-trips', async () => {
    const exported = await kc.model.exportRealm('otp');
    const carol = exported.users?.find((u) => u.username === 'carol');
    const credential = carol?.credentials?.find((c) => c.type === 'otp');
    expect(credential).toMatchObject({
      id: 'carol-otp',
      type: 'otp',
      secretData: JSON.stringify({ value: 'DJmQfC73VGFhw7D4QJ8A' }),
    });
    expect(JSON.parse(String(credential?.credentialData))).toEqual({
      subType: 'totp',
      digits: 6,
      counter: 0,
      period: 30,
      algorithm: 'HmacSHA1',
    });
    kc.importRealm({ ...exported, id: undefined, realm: 'otp-copy' } as typeof exported);
    expect(currentOtp(kc, 'otp-copy', 'carol')).toBe(currentOtp(kc, 'otp', 'carol'));
  });

  it('names what is missing when no code can be computed', () => {
    expect(() => currentOtp(kc, 'nope', 'carol')).toThrow(new TypeError('realm nope does not exist'));
    expect(() => currentOtp(kc, 'otp', 'nobody')).toThrow(new TypeError('user nobody does not exist in realm otp'));
    expect(() => currentOtp(kc, 'otp', 'hank')).toThrow(new TypeError('user hank has no OTP credential'));
  });
});
