/** Encoding request bodies and reading answers as the caller expects. */
import type { Dispatcher } from 'undici';
import { KeycloakError, KeycloakOperationError } from '../../errors.js';
import type { FormFields, RequestBody, ResponseExpectation } from '../types.js';
import type { EncodedBody } from './encoded-body.js';
import { encodeMultipart } from './multipart.js';
import { dropProtoKeys } from '../../shared/json.js';
import { readLimited, utf8 } from './read-limited.js';

/** Encodes a tagged {@link RequestBody}; an untagged value is a caller bug reported as ERR_OPERATION. */
export async function encodeBody(body: RequestBody): Promise<EncodedBody> {
  if (body !== null && typeof body === 'object') {
    if ('json' in body) {
      const payload = serialise(body.json);
      if (payload === undefined) throw new KeycloakOperationError('body.json cannot be serialised to JSON');
      return { payload, contentType: 'application/json' };
    }
    if ('form' in body) return { payload: encodeForm(body.form), contentType: 'application/x-www-form-urlencoded' };
    if ('multipart' in body && body.multipart !== null && typeof body.multipart === 'object')
      return encodeMultipart(body.multipart);
    if ('raw' in body && (typeof body.raw === 'string' || body.raw instanceof Uint8Array)) {
      return { payload: body.raw, contentType: body.contentType };
    }
  }
  throw new KeycloakOperationError('body must be { json }, { form }, { multipart } or { raw: string | Uint8Array }');
}

// JSON.stringify throws a bare TypeError on a BigInt or a cycle; it must surface as our ERR_OPERATION.
function serialise(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function encodeForm(form: URLSearchParams | FormFields): string {
  if (form instanceof URLSearchParams) return form.toString();
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    if (value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) params.append(key, item);
  }
  return params.toString();
}

/** How to read one answer. */
export interface ReadOptions {
  readonly expect: ResponseExpectation;
  readonly contentType: string;
  /** Answers past this many bytes are refused (the connection's `maxResponseBytes`). */
  readonly maxBytes: number;
  /** `METHOD origin/path` of the call, for messages. */
  readonly target: string;
}

/**
 * Reads the answer. 2xx bodies must match `expect`; other bodies are read leniently for error messages.
 * @throws KeycloakError `ERR_INVALID_RESPONSE` for an answer larger than `maxBytes` or not of the expected type.
 */
export async function readBody(
  response: Dispatcher.ResponseData,
  { expect, contentType, maxBytes, target }: ReadOptions,
): Promise<unknown> {
  const status = response.statusCode;
  // Error answers are read even when no body is expected: they carry Keycloak's error message.
  if ((expect === 'none' && status < 300) || status === 204 || status === 304) {
    await response.body.dump();
    return undefined;
  }
  const bytes = await readLimited(response, maxBytes);
  if (bytes === undefined) {
    throw new KeycloakError(
      `${target} answered HTTP ${status} with a body larger than maxResponseBytes (${maxBytes} bytes)`,
      {
        code: 'ERR_INVALID_RESPONSE',
        status,
      },
    );
  }
  if (expect === 'bytes' && status < 300) return bytes;
  const text = utf8(bytes);
  if (status < 200 || status >= 300) return lenientParse(text, contentType);
  if (expect === 'text') return text;
  if (text === '') return undefined;
  if (!isJsonType(contentType)) {
    throw new KeycloakError(
      `Expected a JSON answer but got ${contentType ? `"${contentType.split(';')[0]}"` : 'no content type'}`,
      {
        code: 'ERR_INVALID_RESPONSE',
        status,
      },
    );
  }
  try {
    return JSON.parse(text, dropProtoKeys) as unknown;
  } catch (cause) {
    throw new KeycloakError('The answer is not valid JSON', { code: 'ERR_INVALID_RESPONSE', status, cause });
  }
}

function isJsonType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

function lenientParse(text: string, contentType: string): unknown {
  if (text === '') return undefined;
  if (!isJsonType(contentType)) return text;
  try {
    return JSON.parse(text, dropProtoKeys) as unknown;
  } catch {
    return text;
  }
}
