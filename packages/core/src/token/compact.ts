import { isAscii } from 'node:buffer';
import { dropProtoKeys } from '../shared/json.js';
import { invalidToken } from './internal/fail.js';

/** A compact JWS split and decoded, its signature not yet checked. */
export interface DecodedJws {
  header: Record<string, unknown>;
  /** The payload segment, still base64url. */
  payload: string;
  /** What the signature covers: the header and payload segments as sent, joined by a dot. */
  signingInput: string;
  /** The signature segment, still base64url. */
  signature: string;
  /** True when the signature segment is empty (an unsecured or stripped token). */
  unsigned: boolean;
}

// fatal: a payload that is not UTF-8 is refused, not read with replacement characters (RFC 7519 section 7.2).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const SEGMENT = /^[A-Za-z0-9_-]*$/;

/**
 * A compact JWS split into its segments, nothing decoded yet. The header and signature are checked to be strict
 * base64url here; the payload, the largest segment, when {@link parsePayload} decodes it (one pass, not two).
 */
export interface JwsSegments {
  /** The protected header segment, still base64url. */
  header: string;
  /** The payload segment, still base64url. */
  payload: string;
  /** What the signature covers: the header and payload segments as sent, joined by a dot. */
  signingInput: string;
  /** The signature segment, still base64url. */
  signature: string;
  /** True when the signature segment is empty (an unsecured or stripped token). */
  unsigned: boolean;
}

/**
 * Splits a compact JWS into its three segments. The size is checked first, before any split, so an oversized
 * token costs nothing. Strict base64url (no padding, no `+` or `/`) for the header and signature; the payload
 * is only checked to have a length some bytes can have, its alphabet by {@link parsePayload}.
 */
export function splitCompact(token: unknown, maxTokenSize: number): JwsSegments {
  if (typeof token !== 'string') throw invalidToken('malformed', 'The token is not a string');
  if (token.length > maxTokenSize) throw invalidToken('malformed', `The token is longer than ${maxTokenSize} bytes`);
  const parts = token.split('.');
  if (parts.length !== 3) throw invalidToken('malformed', 'The token is not a compact JWS of three segments');
  const [header, payload, signature] = parts as [string, string, string];
  // An empty header is refused when decoded (no JSON); the payload is decoded later, so its emptiness is named here.
  if (payload === '' || !isBase64Url(header) || !hasBase64UrlLength(payload) || !isBase64Url(signature)) {
    throw invalidToken('malformed', 'A token segment is not base64url');
  }
  return {
    header,
    payload,
    signingInput: token.slice(0, header.length + 1 + payload.length),
    signature,
    unsigned: signature === '',
  };
}

/** The protected header segment decoded: a JSON object. */
export function parseHeader(segment: string): Record<string, unknown> {
  return parseJsonObject(Buffer.from(segment, 'base64url').toString('utf8'), 'header');
}

/** Splits a compact JWS and decodes its protected header (see {@link splitCompact}). */
export function decodeCompact(token: unknown, maxTokenSize: number): DecodedJws {
  const segments = splitCompact(token, maxTokenSize);
  return { ...segments, header: parseHeader(segments.header) };
}

/**
 * Parses a JSON object, dropping `__proto__` keys. A reviver costs a call per value (4x the parse of a
 * Keycloak payload, on every cold token), so it runs only on a text that can spell `__proto__` as a key:
 * literally, or through `\u` escapes, the one other way JSON writes those characters.
 */
export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  // Stryker disable BlockStatement,ConditionalExpression,StringLiteral: the reviver is a shortcut's other side (it
  // gives the same object), and an emptied catch leaves value undefined, refused below with the same reason.
  try {
    value = text.includes('__proto__') || text.includes('\\u') ? JSON.parse(text, dropProtoKeys) : JSON.parse(text);
  } catch {
    // No cause: V8's SyntaxError quotes the text it failed on.
    throw invalidToken('malformed', `The token ${what} is not JSON`);
  }
  // Stryker restore BlockStatement,ConditionalExpression,StringLiteral
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidToken('malformed', `The token ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Parses a payload segment (strict base64url of a JSON object that must be UTF-8). The alphabet is checked by the
 * decoding itself: node skips every character outside base64 and base64url, so fewer bytes than the length
 * promises means one was there; `+` and `/` (base64's own, which node also reads) are looked for apart. A
 * regular expression over the segment first would read its ~1 KB twice on every token not seen before.
 */
export function parsePayload(segment: string): Record<string, unknown> {
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.length !== (segment.length * 3) >>> 2 || segment.includes('+') || segment.includes('/')) {
    throw invalidToken('malformed', 'A token segment is not base64url');
  }
  let text: string;
  try {
    // ASCII is UTF-8 read as latin1, and reading it so skips the decoder's work.
    text = isAscii(bytes) ? bytes.toString('latin1') : utf8.decode(bytes);
    // Stryker disable next-line BlockStatement: emptied, the parse below refuses undefined with the same reason.
  } catch {
    throw invalidToken('malformed', 'The token payload is not UTF-8');
  }
  return parseJsonObject(text, 'payload');
}

function isBase64Url(segment: string): boolean {
  return SEGMENT.test(segment) && hasBase64UrlLength(segment);
}

/** A length of 4n+1 cannot come from any byte string. */
function hasBase64UrlLength(segment: string): boolean {
  return segment.length % 4 !== 1;
}

/**
 * The payload of a compact JWS read WITHOUT verifying anything: for choices that never let a token in (which
 * allowed realm's keys to try, which explanation a refusal gets). Undefined for anything that is not a JWT with
 * a JSON object payload.
 */
export function peekClaims(token: string): Record<string, unknown> | undefined {
  const first = token.indexOf('.');
  const second = first === -1 ? -1 : token.indexOf('.', first + 1);
  if (second === -1) return undefined;
  try {
    return parseJsonObject(Buffer.from(token.slice(first + 1, second), 'base64url').toString('utf8'), 'payload');
  } catch {
    return undefined;
  }
}
