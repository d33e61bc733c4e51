import { describe, expect, it } from 'vitest';
import { peekIssuer } from '../../../src/guard/internal/peek-issuer.js';

// The unverified `iss` a multi-realm guard picks a realm's keys by: read from the second segment only.

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('peekIssuer', () => {
  it('reads iss from the payload segment, not the header', () => {
    expect(peekIssuer(`${b64({ iss: 'header' })}.${b64({ iss: 'https://kc/realms/a' })}.sig`)).toBe(
      'https://kc/realms/a',
    );
    expect(peekIssuer(`h.${b64({ iss: 'https://kc/realms/b' })}.`)).toBe('https://kc/realms/b');
  });

  it.each([
    ['no dot', 'abc'],
    ['one dot', `h.${b64({ iss: 'x' })}`],
    ['a payload that is not JSON', `h.${b64('not json')}.s`],
    ['a payload that is null', `h.${b64('null')}.s`],
    ['a payload without iss', `h.${b64({ sub: 'x' })}.s`],
    ['an inherited iss only', `h.${b64('{"__proto__":{"iss":"x"}}')}.s`],
    ['a non-string iss', `h.${b64({ iss: 42 })}.s`],
  ])('has no issuer for %s', (_name, token) => {
    expect(peekIssuer(token)).toBeUndefined();
  });
});
