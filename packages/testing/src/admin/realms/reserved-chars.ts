import { errorMessage } from '../errors.js';

// ReservedCharValidator.RESERVED_CHARACTERS_PATTERN: URI reserved characters (RFC 3986) and the backslash.
const RESERVED = /[:/?#@!$&()*+,;=[\]\\]/;

/**
 * ReservedCharValidator.validate: a realm name (on create and on rename) may hold none of the URI's reserved
 * characters; the first one found answers 400 `{"error": "Character '<c>' not allowed."}` before anything is created or renamed.
 */
export function checkReservedChars(value: unknown): void {
  if (typeof value !== 'string') return;
  const found = RESERVED.exec(value);
  if (found) throw errorMessage(400, `Character '${found[0]}' not allowed.`);
}
