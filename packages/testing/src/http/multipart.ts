import type { IncomingMessage } from 'node:http';
import { mediaType } from './body.js';
import { genericError } from './http-error.js';

/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly data: Buffer;
}

/** The parts of a form by field name, each list in body order (`get(name)?.[0]` is JAX-RS's `getFirst`). */
export type MultipartForm = ReadonlyMap<string, readonly MultipartPart[]>;

/** More parts than any admin form has; past it the body is refused rather than indexed. */
const MAX_PARTS = 64;
/** Bytes of one part's header block; Content-Disposition and Content-Type fit well within. */
const MAX_HEADER_BYTES = 8192;

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** 415 unless the request is `multipart/form-data`, as a JAX-RS `@Consumes(MULTIPART_FORM_DATA)` method answers. */
export function requireMultipart(req: IncomingMessage): void {
  if (mediaType(req) !== 'multipart/form-data') throw genericError(415, 'Unsupported Media Type');
}

/**
 * Parses a `multipart/form-data` body (RFC 7578) that was read within the server's body limit. Another media type
 * gets 415; a missing boundary, a part without `form-data; name`, a truncated body or more than 64 parts get 400.
 */
export function parseMultipart(req: IncomingMessage, body: Buffer): MultipartForm {
  requireMultipart(req);
  const boundary = boundaryOf(req.headers['content-type'] ?? '');
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.concat([CRLF, delimiter]);
  const form = new Map<string, MultipartPart[]>();
  let count = 0;
  // The preamble before the first delimiter is ignored (RFC 2046 §5.1.1).
  let position = body.indexOf(delimiter);
  if (position < 0) throw badRequest();
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString('latin1') === '--') return form;
    position = skipLinearWhitespace(body, position);
    if (!body.subarray(position, position + 2).equals(CRLF)) throw badRequest();
    const headerEnd = body.indexOf(HEADER_END, position);
    if (headerEnd < 0 || headerEnd - position > MAX_HEADER_BYTES) throw badRequest();
    const headers = body.subarray(position + 2, headerEnd).toString('utf8');
    const dataStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(nextDelimiter, dataStart);
    if (next < 0) throw badRequest();
    if (++count > MAX_PARTS) throw badRequest();
    const part = { ...describePart(headers), data: body.subarray(dataStart, next) };
    const list = form.get(part.name) ?? [];
    list.push(part);
    form.set(part.name, list);
    position = next + CRLF.length;
  }
}

function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s"]{1,70}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined) throw badRequest();
  return boundary;
}

function skipLinearWhitespace(body: Buffer, position: number): number {
  let at = position;
  while (body[at] === 0x20 || body[at] === 0x09) at++;
  return at;
}

/** Reads Content-Disposition (`form-data; name=...; filename=...`) and Content-Type of one part. */
function describePart(headerBlock: string): Omit<MultipartPart, 'data'> {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') contentType = value;
  }
  if (disposition === undefined || !/^form-data\s*(;|$)/i.test(disposition)) throw badRequest();
  const name = dispositionParam(disposition, 'name');
  if (name === undefined) throw badRequest();
  const filename = dispositionParam(disposition, 'filename');
  return {
    name,
    ...(filename !== undefined ? { filename } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
}

/** A quoted or bare parameter; browsers and undici escape `"`, CR and LF in quoted names as %22, %0D, %0A. */
function dispositionParam(disposition: string, param: string): string | undefined {
  const match = new RegExp(`;\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(disposition);
  if (!match) return undefined;
  if (match[2] !== undefined) return match[2];
  return (match[1] ?? '').replace(/\\(.)/g, '$1').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

/** RESTEasy's answer for a multipart body it cannot read. */
function badRequest(): Error {
  return genericError(400, 'Bad Request');
}
