/** Encoding `multipart/form-data` bodies with undici's own FormData, so boundaries and escaping follow the spec. */
import { FormData, Response } from 'undici';
import { KeycloakOperationError } from '../../errors.js';
import type { MultipartFields, MultipartFile } from '../types.js';
import type { EncodedBody } from './encoded-body.js';

/**
 * Encodes `fields` to bytes once, up front: a fixed payload with a known length can be sent (and, for the verbs
 * that are retried, re-sent) like any other body, where a streamed FormData could be read only once.
 */
export async function encodeMultipart(fields: MultipartFields): Promise<EncodedBody> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const items: readonly (string | MultipartFile)[] = Array.isArray(value) ? value : [value as string | MultipartFile];
    for (const item of items) appendPart(form, name, item);
  }
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type') ?? undefined;
  return { payload: new Uint8Array(await encoded.arrayBuffer()), contentType, replacesContentType: true };
}

function appendPart(form: FormData, name: string, item: unknown): void {
  if (typeof item === 'string') {
    form.append(name, item);
    return;
  }
  if (isFile(item)) {
    const content = typeof item.content === 'string' ? item.content : Uint8Array.from(item.content);
    form.append(name, new Blob([content], { type: item.contentType ?? 'application/octet-stream' }), item.filename);
    return;
  }
  throw new KeycloakOperationError(`multipart field "${name}" must be a string or { content, filename }`);
}

function isFile(item: unknown): item is MultipartFile {
  if (item === null || typeof item !== 'object') return false;
  const { content, filename, contentType } = item as Partial<Record<keyof MultipartFile, unknown>>;
  return (
    typeof filename === 'string' &&
    (typeof content === 'string' || content instanceof Uint8Array) &&
    (contentType === undefined || typeof contentType === 'string')
  );
}
