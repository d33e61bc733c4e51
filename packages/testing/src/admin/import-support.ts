import { HttpError } from '../http/http-error.js';
import type { JsonObject } from './json-body.js';

/** Makes the error for a part of a realm representation that cannot be imported (the message names the part). */
export type ImportFailure = (message: string) => Error;

/** The objects of an optional array field of `rep`; anything but an array of objects is a failure. */
export function objectsOf(rep: JsonObject, key: string, fail: ImportFailure, where = key): JsonObject[] {
  const value = rep[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => item === null || typeof item !== 'object' || Array.isArray(item))) {
    throw fail(`"${where}" must be an array of objects`);
  }
  return value as JsonObject[];
}

/** The message of an admin-API error thrown by a shared validator, for an import failure. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof HttpError)) return error instanceof Error ? error.message : String(error);
  const body = error.reply.body;
  if (typeof body !== 'object') return String(body ?? error.message);
  const fields = body as Record<string, unknown>;
  return String(fields['errorMessage'] ?? fields['error_description'] ?? fields['error'] ?? error.message);
}
