/** Small JSON helpers shared by the settings parser, the evaluator and the claim information point. */
import { KeycloakAuthorizationConfigError } from '../../errors.js';

/** A plain JSON-ish object. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a list that Keycloak exports either as a real array (typed admin representation) or as
 * a JSON-encoded string inside `config` (export format).
 */
export function readList(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (cause) {
      throw new KeycloakAuthorizationConfigError(`${where} is not a JSON list`, { cause });
    }
    if (Array.isArray(parsed)) return parsed;
  }
  throw new KeycloakAuthorizationConfigError(`${where} must be a list`);
}

/** Reads a list of strings (names or ids). */
export function readStringList(value: unknown, where: string): string[] {
  return readList(value, where).map((item, index) => {
    if (typeof item !== 'string' || item === '') {
      throw new KeycloakAuthorizationConfigError(`${where}[${index}] must be a non-empty string`);
    }
    return item;
  });
}

/** Keycloak stores booleans in `config` as strings. */
export function readBoolean(value: unknown, where: string, fallback = false): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new KeycloakAuthorizationConfigError(`${where} must be true or false`);
}

/**
 * Turns a claim value into the strings Keycloak's `Attributes.Entry` would hold: arrays give one
 * string per element, objects their JSON text, scalars their text.
 */
export function toStrings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => (item === null || item === undefined ? [] : [toText(item)]));
  return [toText(value)];
}

function toText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Resolves a slash path (`/a/b/0`, Keycloak's CIP notation, RFC 6901 escapes honoured) inside a
 * JSON value; `undefined` when any step is missing.
 */
export function atPointer(root: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return root;
  const steps = pointer
    .replace(/^\//, '')
    .split('/')
    .map((step) => step.replaceAll('~1', '/').replaceAll('~0', '~'));
  let node: unknown = root;
  for (const step of steps) {
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(step)) return undefined;
      node = node[Number(step)];
    } else if (isObject(node) && Object.hasOwn(node, step)) {
      node = node[step];
    } else {
      return undefined;
    }
  }
  return node;
}
