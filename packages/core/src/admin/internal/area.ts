/**
 * What every admin API area is built on. An area file declares its endpoints as constants and its methods as
 * an ordinary class, written as a mixin (`UsersArea(Base)`), and keycloak-admin.ts stacks the areas into
 * KeycloakAdmin. The methods are class members: TypeScript, `go to definition` and stack traces name the
 * area class and file where each one lives.
 */
import type { AdminRequester } from '../request.js';

/** The key of an admin object's request helper: not a public name, so users see the methods only. */
export const REQUESTER: unique symbol = Symbol('keycloak-ts.admin.requester');

/** The root of KeycloakAdmin's area chain: something that has the one request helper. */
export abstract class AdminArea {
  abstract get [REQUESTER](): AdminRequester;
}

/**
 * A class an area mixin extends: AdminArea, plus `T`, the methods of areas it calls (applied before it).
 * TypeScript requires a mixin base's constructor to take `...args: any[]` (TS2545); nothing is passed.
 */
// biome-ignore lint/suspicious/noExplicitAny: TS2545 requires a mixin base's constructor to take any[] (see above).
export type AreaBase<T = object> = abstract new (...args: any[]) => AdminArea & T;

/**
 * The public methods an area mixin adds: its instance type without the request helper's key, nor the methods
 * of the areas it builds on (`Inherited`, the `T` of its {@link AreaBase}).
 */
export type AreaMethods<F extends (base: never) => AreaBase, Inherited = object> = Omit<
  InstanceType<ReturnType<F>>,
  typeof REQUESTER | keyof Inherited
>;
