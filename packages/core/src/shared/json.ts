/**
 * Reading JSON that came from the network. JSON.parse makes a `__proto__` key an own property, but a later
 * `Object.assign` or merge by the user would turn it into a prototype; every body core parses from Keycloak
 * (JWKS, introspection, userinfo, token segments) drops those keys, as secure-json-parse does.
 */

/** JSON.parse reviver that removes `__proto__` keys. */
export function dropProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}

/** Parses `text` with `__proto__` keys dropped; `undefined` when it is not JSON. */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text, dropProtoKeys) as unknown;
  } catch {
    return undefined;
  }
}
