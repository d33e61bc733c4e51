import { mediaType } from '../http/body.js';
import type { RequestContext } from '../http/context.js';
import { genericError, type HttpError } from '../http/http-error.js';
import { cannotParseJson, errorMessage, malformedJson } from './errors.js';

/** RESTEasy's answer to a body whose media type the method does not `@Consumes`. */
export const unsupportedMediaType = (): HttpError =>
  errorMessage(415, 'The content-type header value did not match the value in @Consumes');

/** A JSON object as read from a request body. */
export type JsonObject = Record<string, unknown>;

/** What a representation accepts: its Java class name (for the error text) and its field names. */
export interface RepresentationShape {
  className: string;
  fields: ReadonlySet<string>;
}

/**
 * Reads a JSON object body as a JAX-RS `@Consumes(APPLICATION_JSON)` method does: another media type gets 415,
 * bytes that are not JSON get 400 `invalid_request` "Cannot parse the JSON", JSON that is not an object
 * the same text as `unknown_error` (see errors.ts), and, when a shape is given, a top-level
 * field the representation does not declare gets Keycloak's 400 "Invalid json representation ... Unrecognized field".
 */
export async function readJsonObject(ctx: RequestContext, shape?: RepresentationShape): Promise<JsonObject> {
  const type = mediaType(ctx.req);
  if (type !== 'application/json' && !type.endsWith('+json')) throw unsupportedMediaType();
  const raw = await ctx.body();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw malformedJson();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw cannotParseJson();
  const object = parsed as JsonObject;
  if (shape) {
    const unknown = Object.keys(object).find((key) => !shape.fields.has(key));
    if (unknown !== undefined) {
      const { line, column } = unknownFieldLocation(raw.toString('utf8'), unknown);
      const simpleName = shape.className.slice(shape.className.lastIndexOf('.') + 1);
      throw errorMessage(
        400,
        `Invalid json representation for ${simpleName}. Unrecognized field "${unknown}" at line ${line} column ${column}.`,
      );
    }
  }
  return object;
}

/**
 * Where Jackson's parser stands when it refuses an unknown top-level field (Keycloak 26 quotes it): just after the
 * start of the field's value, i.e. after the opening quote of a string, the bracket of an object or array, or the
 * whole of a number or literal. Lines and columns count from 1.
 */
function unknownFieldLocation(text: string, key: string): { line: number; column: number } {
  let depth = 0;
  let at = -1;
  for (let i = 0; i < text.length && at < 0; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (depth === 1 && /^\s*:/.test(text.slice(end + 1)) && JSON.parse(text.slice(i, end + 1)) === key) at = end + 1;
      i = end;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  let pos = at < 0 ? text.length : at;
  while (pos < text.length && /[\s:]/.test(text[pos] ?? '')) pos++;
  const first = text[pos];
  if (first === '"' || first === '{' || first === '[') pos++;
  else while (pos < text.length && !/[\s,}\]]/.test(text[pos] ?? '')) pos++;
  const before = text.slice(0, pos);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: pos - lastBreak };
}

/**
 * Reads an optional JSON array body as JAX-RS binds a `List<T>`: a blank body or `null` gives `null`, another
 * media type 415, and bytes that are not JSON, or an item `isItem` refuses, 400 "Cannot parse the JSON".
 */
export async function readJsonArray<T>(
  ctx: RequestContext,
  isItem: (value: unknown) => value is T,
): Promise<T[] | null> {
  const raw = (await ctx.body()).toString('utf8');
  if (raw.trim() === '') return null;
  const type = mediaType(ctx.req);
  if (type !== 'application/json' && !type.endsWith('+json')) throw unsupportedMediaType();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw malformedJson();
  }
  if (parsed === null) return null;
  if (!Array.isArray(parsed) || !parsed.every(isItem)) throw cannotParseJson();
  return parsed;
}

/** Whether a parsed JSON value is an object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks the JSON types of some fields as Jackson's binding would, coercing scalars in place where Jackson does
 * (ALLOW_COERCION_OF_SCALARS, checked against Keycloak 26.7.3): a Boolean takes "true"/"false" in any case and
 * integers (0 is false), a String takes numbers and booleans as their text, a number takes numeric text. Any other
 * mismatch is "Cannot parse the JSON".
 */
export function expectTypes(
  object: JsonObject,
  types: Record<string, 'string' | 'boolean' | 'number' | 'object' | 'array'>,
): void {
  for (const [key, type] of Object.entries(types)) {
    const value = object[key];
    if (value === undefined || value === null) continue;
    const actual = Array.isArray(value) ? 'array' : typeof value;
    if (actual === type) continue;
    const coerced = coerceScalar(value, type);
    if (coerced === undefined) throw cannotParseJson();
    object[key] = coerced;
  }
}

function coerceScalar(value: unknown, type: string): unknown {
  if (type === 'boolean') {
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    if (typeof value === 'number' && Number.isInteger(value)) return value !== 0;
  }
  if (type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if (type === 'number' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** A boolean query parameter as JAX-RS binds `Boolean`: absent -> undefined, "true" (any case) -> true, else false. */
export function booleanParam(url: URL, name: string): boolean | undefined {
  const value = url.searchParams.get(name);
  return value === null ? undefined : value.toLowerCase() === 'true';
}

/** An integer query parameter; a value that is not an integer gets RESTEasy's 404 for an unbindable parameter. */
export function integerParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw genericError(404, 'Not Found');
  return Number(value);
}
