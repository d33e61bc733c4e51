/** Making server-provided text safe to put in an error message. */
import { REDACTED, redact } from '../../errors.js';

// An HTTP credential quoted in the text; JWTs are cut by `redact`.
const BEARER = /\b(Bearer|Basic)\s+\S+/gi;
const MAX_LENGTH = 300;

/** Cuts tokens and credentials out of `text`, flattens control characters and caps the length. */
export function cleanMessage(text: string): string {
  const cleaned = String(redact(text))
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  return cleaned.length > MAX_LENGTH ? `${cleaned.slice(0, MAX_LENGTH)}…` : cleaned;
}
