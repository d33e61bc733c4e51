import { describe, expect, it } from 'vitest';
import {
  BACKCHANNEL_LOGOUT_EVENT,
  checkLogoutToken,
  LogoutTokenRefused,
  type LogoutTokenRules,
} from '../../src/revocation/logout-token.js';

// OpenID Connect Back-Channel Logout 1.0 section 2.6, rule by rule, each refusal named by its message, and
// every bound taken on both sides.

const NOW = 1_800_000_000;
const RULES: LogoutTokenRules = {
  issuer: 'https://kc/realms/shop',
  audiences: ['api'],
  clockToleranceSeconds: 5,
  nowSeconds: NOW,
};
const HEADER = { alg: 'RS256', typ: 'logout+jwt' };
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: RULES.issuer,
  aud: 'api',
  iat: NOW,
  exp: NOW + 60,
  jti: 'j1',
  sid: 's1',
  sub: 'u1',
  events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
  ...extra,
});

function refusal(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  try {
    checkLogoutToken(header, payload, RULES);
  } catch (error) {
    expect(error).toBeInstanceOf(LogoutTokenRefused);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('checkLogoutToken', () => {
  it('returns what to revoke and how long to remember the jti', () => {
    expect(checkLogoutToken(HEADER, claims(), RULES)).toEqual({
      sid: 's1',
      sub: 'u1',
      iat: NOW,
      jti: 'j1',
      exp: NOW + 60,
    });
    expect(checkLogoutToken({ alg: 'RS256' }, claims({ exp: undefined, sub: undefined }), RULES)).toEqual({
      sid: 's1',
      sub: undefined,
      iat: NOW,
      jti: 'j1',
      exp: undefined,
    });
    expect(checkLogoutToken({ typ: 'JWT' }, claims({ aud: ['other', 'api'], sid: undefined }), RULES).sub).toBe('u1');
  });

  it('refuses another typ, issuer or audience', () => {
    expect(refusal({ typ: 'at+jwt' }, claims())).toBe('The logout token typ header is not logout+jwt');
    expect(refusal(HEADER, claims({ iss: 'https://kc/realms/other' }))).toBe('The logout token iss is not the realm');
    for (const aud of ['other', ['other'], [42], 42, undefined])
      expect(refusal(HEADER, claims({ aud }))).toBe('The logout token aud names none of the accepted clients');
  });

  it('takes iat up to the tolerance ahead, and refuses past it or when it is no finite number', () => {
    expect(checkLogoutToken(HEADER, claims({ iat: NOW + 5 }), RULES).iat).toBe(NOW + 5);
    expect(refusal(HEADER, claims({ iat: NOW + 6 }))).toBe('The logout token iat is in the future');
    for (const iat of ['1800000000', undefined, Number.POSITIVE_INFINITY])
      expect(refusal(HEADER, claims({ iat }))).toBe('The logout token has no iat');
  });

  it('takes exp up to the tolerance behind, and refuses it at the tolerance or when it is no finite number', () => {
    expect(checkLogoutToken(HEADER, claims({ exp: NOW - 4 }), RULES).exp).toBe(NOW - 4);
    expect(refusal(HEADER, claims({ exp: NOW - 5 }))).toBe('The logout token expired');
    for (const exp of ['soon', null, Number.NaN])
      expect(refusal(HEADER, claims({ exp }))).toBe('The logout token exp is not a number');
  });

  it.each([
    ['no events', undefined],
    ['null events', null],
    ['a list of events', [BACKCHANNEL_LOGOUT_EVENT]],
    ['another event', { 'http://example/other': {} }],
    ['the event as a string', { [BACKCHANNEL_LOGOUT_EVENT]: 'yes' }],
    ['the event as null', { [BACKCHANNEL_LOGOUT_EVENT]: null }],
  ])('refuses %s', (_name, events) => {
    expect(refusal(HEADER, claims({ events }))).toBe('The logout token has no back-channel logout event');
  });

  it('refuses an empty or non-string sid or sub, neither of them, a nonce, and a missing or empty jti', () => {
    for (const sid of ['', 42]) expect(refusal(HEADER, claims({ sid }))).toBe('The logout token sid is not a string');
    for (const sub of ['', 42]) expect(refusal(HEADER, claims({ sub }))).toBe('The logout token sub is not a string');
    expect(refusal(HEADER, claims({ sid: undefined, sub: undefined }))).toBe(
      'The logout token has neither sid nor sub',
    );
    expect(refusal(HEADER, claims({ nonce: 'n' }))).toBe('The logout token carries a nonce');
    for (const jti of ['', undefined, 7]) expect(refusal(HEADER, claims({ jti }))).toBe('The logout token has no jti');
  });
});
