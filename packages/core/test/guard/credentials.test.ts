import { describe, expect, it } from 'vitest';
import { type CredentialSources, readCredentials, type RequestSource } from '../../src/guard/credentials.js';
import { Denial } from '../../src/guard/internal/denial.js';

// readCredentials over Node's rawHeaders: which token a request carries, from which source, and the reason of
// every malformed request. Each row names one rule of RFC 6750 §2 or RFC 9449 §7.1.

interface Request {
  raw: string[];
  query?: Record<string, unknown>;
}

const source: RequestSource<Request> = {
  rawHeaders: (request) => request.raw,
  query: (request, name) => request.query?.[name],
};
const HEADER_ONLY: CredentialSources = { queryParameter: undefined, cookieName: undefined };
const ALL: CredentialSources = { queryParameter: 'token', cookieName: 'kc' };

function read(raw: string[], sources = HEADER_ONLY, query?: Record<string, unknown>) {
  return readCredentials({ raw, query }, source, sources);
}

function reason(raw: string[], sources = HEADER_ONLY, query?: Record<string, unknown>): string {
  try {
    read(raw, sources, query);
  } catch (error) {
    expect(error).toBeInstanceOf(Denial);
    return (error as Denial).reason;
  }
  throw new Error('expected a denial');
}

describe('readCredentials: Authorization', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER\tabc', 'abc'],
    ['Bearer   abc  ', 'abc'],
  ])('reads %j as the bearer token', (value, token) => {
    expect(read(['Authorization', value])).toBe(token);
    expect(read(['authorization', value])).toBe(token);
    expect(read(['AUTHORIZATION', value])).toBe(token);
  });

  it.each(['Basic YTpi', 'Bearerabc', 'Beare', 'Bearer-abc', 'Token abc', 'Abcd efg', 'Abcd', 'Digest abc', 'Digest'])(
    'takes %j as no credentials',
    (value) => {
      expect(reason(['Authorization', value])).toBe('no_credentials');
    },
  );

  it('refuses an empty bearer and two Authorization headers', () => {
    expect(reason(['Authorization', 'Bearer'])).toBe('empty_bearer');
    expect(reason(['Authorization', 'Bearer   '])).toBe('empty_bearer');
    expect(reason(['Authorization', 'Bearer a', 'authorization', 'Bearer b'])).toBe('multiple_authorization_headers');
    expect(reason([])).toBe('no_credentials');
  });

  it('reads the DPoP scheme (any case, space or tab) with every DPoP header, and no other look-alike', () => {
    expect(read(['Host', 'api', 'Authorization', 'DPoP abc  ', 'DPoP', 'proof-1', 'Accept', '*/*'])).toEqual({
      token: 'abc',
      proofs: ['proof-1'],
    });
    expect(read(['authorization', 'dpop\tabc', 'dpop', 'p1', 'DPOP', 'p2'])).toEqual({
      token: 'abc',
      proofs: ['p1', 'p2'],
    });
    expect(read(['Authorization', 'DPoP abc'])).toEqual({ token: 'abc', proofs: [] });
    expect(reason(['Authorization', 'DPoP'])).toBe('empty_bearer');
    expect(reason(['Authorization', 'DPoPabc'])).toBe('no_credentials');
    expect(reason(['Authorization', 'DPo'])).toBe('no_credentials');
    // A DPoP header beside a Bearer token is not read: the request is a Bearer one.
    expect(read(['Authorization', 'Bearer abc', 'DPoP', 'proof'])).toBe('abc');
  });
});

describe('readCredentials: the query and the cookie (opt-in)', () => {
  it('refuses ?access_token= unless it is the query source, and reads it when it is', () => {
    expect(reason(['Authorization', 'Bearer abc'], HEADER_ONLY, { access_token: 'x' })).toBe('token_in_url');
    expect(reason([], ALL, { access_token: 'x' })).toBe('token_in_url');
    const accessToken = { queryParameter: 'access_token', cookieName: undefined };
    expect(read([], accessToken, { access_token: ' x ' })).toBe('x');
    expect(read([], ALL, { token: 'q' })).toBe('q');
  });

  it('refuses a repeated query parameter and a token sent twice', () => {
    expect(reason([], ALL, { token: ['a', 'b'] })).toBe('multiple_token_sources');
    expect(reason(['Authorization', 'Bearer a'], ALL, { token: 'b' })).toBe('multiple_token_sources');
    expect(reason(['Cookie', 'kc=c'], ALL, { token: 'b' })).toBe('multiple_token_sources');
    expect(reason(['Authorization', 'Bearer a', 'Cookie', 'kc=c'], ALL)).toBe('multiple_token_sources');
  });

  it('reads the named cookie, across Cookie headers, quoted or percent-encoded', () => {
    expect(read(['Cookie', 'a=1; kc=tok; b=2'], ALL)).toBe('tok');
    expect(read(['Cookie', 'a=1', 'cookie', 'kc=tok'], ALL)).toBe('tok');
    expect(read(['Cookie', 'kc="tok"'], ALL)).toBe('tok');
    expect(read(['Cookie', 'kc=a%2Bb'], ALL)).toBe('a+b');
    // Not valid percent-encoding: passed on as sent, for the verifier to refuse as malformed.
    expect(read(['Cookie', 'kc=%E0%A4%A'], ALL)).toBe('%E0%A4%A');
    expect(read(['Cookie', 'kc="'], ALL)).toBe('"');
    expect(reason(['Cookie', 'kcx=tok; other'], ALL)).toBe('no_credentials');
  });

  it('reads a cookie value trimmed, a one-letter name, and no part without =', () => {
    expect(read(['Cookie', 'kc= tok '], ALL)).toBe('tok');
    expect(read(['Cookie', 'k=tok'], { queryParameter: undefined, cookieName: 'k' })).toBe('tok');
    expect(reason(['Cookie', 'kcX'], ALL)).toBe('no_credentials');
  });

  it('unquotes only a value quoted at both ends, the empty quoted value included', () => {
    expect(reason(['Cookie', 'kc=""'], ALL)).toBe('empty_bearer');
    expect(read(['Cookie', 'kc="tok'], ALL)).toBe('"tok');
    expect(read(['Cookie', 'kc=tok"'], ALL)).toBe('tok"');
  });

  it('refuses the cookie sent twice, in one header or two', () => {
    expect(reason(['Cookie', 'kc=a; kc=b'], ALL)).toBe('multiple_token_sources');
    expect(reason(['Cookie', 'kc=a', 'Cookie', 'kc=b'], ALL)).toBe('multiple_token_sources');
  });

  it('reads no cookie when no cookie name is configured, and no other header as one', () => {
    expect(reason(['Cookie', 'kc=tok'], HEADER_ONLY)).toBe('no_credentials');
    expect(reason(['X-Cookie', 'kc=tok', 'Cookies', 'kc=tok', 'Host', 'kc=tok'], ALL)).toBe('no_credentials');
  });
});
