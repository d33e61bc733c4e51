/** Header name and value checks, so a bad header fails where it is set rather than inside undici. */

// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Control characters (CR/LF among them) would let a value inject headers.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Throws a TypeError naming `what` when `name` is not a valid header name. */
export function assertHeaderName(what: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || !TOKEN.test(name))
    throw new TypeError(`${what}: invalid header name ${JSON.stringify(name)}`);
}

/** Throws a TypeError naming `what` when `value` is not a string or holds control characters. */
export function assertHeaderValue(what: string, value: unknown): asserts value is string {
  // The value itself is never quoted: it may be a bearer token.
  if (typeof value !== 'string' || CONTROL.test(value))
    throw new TypeError(`${what} must be a string without control characters`);
}
