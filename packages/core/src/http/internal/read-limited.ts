/**
 * Reading an answer's body with a size limit: the one place every body core reads from Keycloak
 * (admin and OIDC calls, JWKS, introspection) is bounded, so a broken or hostile server cannot make
 * us buffer an unbounded answer.
 */
import type { Dispatcher } from 'undici';

/**
 * The body's bytes, or `undefined` when it is larger than `maxBytes`. An oversized answer is refused
 * from its `content-length` before reading, or as soon as the bytes read pass the limit; either way the
 * body is destroyed, which closes the socket rather than draining the rest into a pooled connection.
 */
export async function readLimited(
  response: Dispatcher.ResponseData,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const { body } = response;
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    body.destroy();
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = chunk as Uint8Array;
    size += bytes.length;
    if (size > maxBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(bytes);
  }
  // A plain array of its own (not Buffer.concat, which may hand out a slice of Node's shared pool).
  const out = new Uint8Array(size);
  let at = 0;
  for (const bytes of chunks) {
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

const UTF8 = new TextDecoder();

/** Decodes a body as UTF-8 (a leading BOM dropped), as undici's `body.text()` does. */
export function utf8(bytes: Uint8Array): string {
  return UTF8.decode(bytes);
}
