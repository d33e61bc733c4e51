import type { IncomingMessage } from 'node:http';
import { HttpError, oauthError } from './http-error.js';

/** Reads a request body up to `maxBytes`; past that answers 413 without reading the rest. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBytes) throw new HttpError({ status: 413, headers: { connection: 'close' } });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError({ status: 413, headers: { connection: 'close' } });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Every value of a repeatable form parameter (`permission`), in order. */
export function allValues(body: Buffer, name: string): string[] {
  return new URLSearchParams(body.toString('utf8')).getAll(name);
}

/** The media type of a request, lower-cased, without parameters. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Parses an `application/x-www-form-urlencoded` body. Keycloak's protocol endpoints declare no @Consumes and read
 * HttpRequest.getDecodedFormParameters, which is empty for any other media type: a JSON body at the token endpoint
 * is a request without parameters ("Missing form parameter: grant_type"). A parameter sent twice gets Keycloak's
 * "duplicated parameter".
 */
export function parseForm(req: IncomingMessage, body: Buffer): Map<string, string> {
  const form = new Map<string, string>();
  if (mediaType(req) !== 'application/x-www-form-urlencoded') return form;
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    // TokenEndpoint.checkParameterDuplicated lets the UMA grant's `permission` and token exchange's `audience`
    // repeat; readers of them use allValues.
    if (form.has(key)) {
      if (key === 'permission' || key === 'audience') continue;
      throw oauthError(400, 'invalid_request', 'duplicated parameter');
    }
    form.set(key, value);
  }
  return form;
}
