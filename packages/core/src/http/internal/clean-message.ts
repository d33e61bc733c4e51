/** Making server-provided text safe to put in an error message. */
import { REDACTED } from '../../errors.js';

// A JWT anywhere in the text (three base64url parts), or a bearer credential.
const JWT_ANYWHERE = /[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+\S+/gi;
const MAX_LENGTH = 300;

/** Cuts tokens and credentials out of `text`, flattens control characters and caps the length. */
export function cleanMessage(text: string): string {
  const cleaned = text
    .replace(JWT_ANYWHERE, REDACTED)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  return cleaned.length > MAX_LENGTH ? `${cleaned.slice(0, MAX_LENGTH)}…` : cleaned;
}
