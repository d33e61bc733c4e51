/**
 * The UMA forms of `protect(spec)`: permission strings and policy-enforcer configs, compiled once when a
 * route is declared so that a request only looks things up.
 */
import { KeycloakError } from '../errors.js';
import { parsePolicyEnforcerConfig, type PolicyEnforcerConfig } from '../authz/enforcer/config.js';
import { createPolicyEnforcer, type ClaimProvider, type PolicyEnforcer } from '../authz/enforcer/policy-enforcer.js';
import { PermissionSet } from '../permissions/permission-set.js';
import { knownOptions } from '../shared/options.js';

/**
 * Reads one permission of a protect() spec. Two notations:
 * - UMA's own, `resource#scope1,scope2` (or `#scope`): used as is whenever the string holds a `#`, so
 *   names containing `:` are written this way;
 * - keycloak-connect's `resource:scope`: split on the FIRST `:`, as keycloak-connect's enforcer does
 *   (`permission.split(':')[0]` is the resource). Unlike keycloak-connect, the rest is kept whole, so a
 *   scope named in Keycloak's usual `album:view` style survives (`Album:album:view` -> resource
 *   `Album`, scope `album:view`); several scopes are separated by `,`.
 * A string with neither asks for the whole resource.
 *
 * @throws TypeError naming the malformed permission.
 */
export function parseProtectPermission(spec: string): string {
  const text = spec.trim();
  if (text.includes('#')) return text;
  const colon = text.indexOf(':');
  if (colon === -1) return text;
  const resource = text.slice(0, colon).trim();
  const scopes = text.slice(colon + 1).trim();
  if (resource === '' || scopes === '')
    throw new TypeError(`"spec" has a malformed permission ${JSON.stringify(spec)}`);
  return `${resource}#${scopes}`;
}

/**
 * Compiles permission strings into one {@link PermissionSet}: every resource and scope named must be
 * granted.
 * @throws TypeError naming the malformed permission.
 */
export function compilePermissions(specs: readonly string[]): PermissionSet {
  if (specs.length === 0) throw new TypeError('"spec" must name at least one permission');
  const notations = specs.map((spec) => parseProtectPermission(spec));
  try {
    return PermissionSet.from(notations);
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: PermissionSet.from throws only its format errors; others pass unchanged.
    if (error instanceof KeycloakError)
      throw new TypeError(`"spec" has a malformed permission: ${error.message}`, { cause: error });
    throw error;
  }
}

/** `protect({ config })`: a policy-enforcer config (keycloak.json's `policy-enforcer`, or a whole keycloak.json). */
export interface PolicyEnforcerSpec {
  /** The `policy-enforcer` object, a keycloak.json holding one, or the standalone 22+ format. */
  config: unknown;
  /** Claim-information-point providers by name besides the built-in `claims` (e.g. an `http` one). */
  claimProviders?: Readonly<Record<string, ClaimProvider>>;
}

const ENFORCER_SPEC_KEYS: Record<keyof PolicyEnforcerSpec, true> = { config: true, claimProviders: true };

/**
 * Builds the enforcer of a `{ config }` spec. `defaults` gives the guard's own providers (its `http`
 * one), asked for only when the config names a provider the spec does not give.
 * @throws TypeError naming the unknown key; KeycloakAuthorizationConfigError naming the invalid field.
 */
export function compileEnforcer(
  spec: Partial<PolicyEnforcerSpec>,
  defaults?: () => Readonly<Record<string, ClaimProvider>>,
): PolicyEnforcer {
  knownOptions('protect()', spec, ENFORCER_SPEC_KEYS, 'spec.');
  if (spec.config === null || typeof spec.config !== 'object')
    throw new TypeError('"spec.config" must be a policy-enforcer config object');
  const given = spec.claimProviders ?? {};
  const named = providerNames(parsePolicyEnforcerConfig(spec.config));
  const missing =
    defaults === undefined || named.every((name) => name === 'claims' || Object.hasOwn(given, name)) ? {} : defaults();
  return createPolicyEnforcer(spec.config, { claimProviders: { ...missing, ...given } });
}

function providerNames(config: PolicyEnforcerConfig): string[] {
  return [config.claimInformationPoint, ...config.paths.map((path) => path.claimInformationPoint)].flatMap((cip) =>
    Object.keys(cip ?? {}),
  );
}
