/**
 * How core builds its own public classes from options it has checked already. The guard validates its options
 * once, at its edge, then builds a verifier, an introspector, UMA and admin clients: their public constructors
 * validate user input, and would check the same values again under other names. Each such class exports, next
 * to itself, a factory (`xFromResolved`) that hands its constructor a carrier of resolved options instead; the
 * factories are not exported from the package's index, so a user of the package cannot skip the checks.
 *
 * The carrier is an empty object registered here: the constructor's public signature stays the user's options
 * type, and a carrier cannot be forged from outside (only this module's WeakMap knows it).
 */
const carried = new WeakMap<object, unknown>();

/** A carrier of `resolved`, to pass where the class's constructor takes its user options `O`. */
export function carrier<O, R>(resolved: R): O {
  const handle = {};
  carried.set(handle, resolved);
  return handle as O;
}

/** The resolved options `options` carries, or undefined when it is user input. */
export function carriedBy<R>(options: unknown): R | undefined {
  return options !== null && typeof options === 'object' ? (carried.get(options) as R | undefined) : undefined;
}

/** The resolved options `options` carries, or those `resolve` makes of user input. */
export function resolvedOr<O, R>(options: O, resolve: (options: O) => R): R {
  return carriedBy<R>(options) ?? resolve(options);
}
