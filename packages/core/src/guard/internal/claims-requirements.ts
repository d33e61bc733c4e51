/**
 * The `{ roles, scopes, mode }` form of `protect(spec)`: requirements decided from the verified claims
 * alone, compiled once per route. A refusal names what was missing, as written in the spec, the way a
 * UMA refusal names the missing permission; a scope refusal also carries RFC 6750 §3's `scope`
 * attribute, so the client knows which scope to request.
 */
import type { GuardDenialReason } from '../../errors.js';
import type { KeycloakAccessTokenClaims } from '../../token/claims.js';
import { knownOptions } from '../../shared/options.js';
import { headerSafe } from '../answers.js';
import type { ClaimsSpec } from '../spec.js';
import { holdsRole, parseRole, type RoleRequirement } from './roles.js';

/** `{ roles, scopes, mode }` as the guard receives it, before validation. */
interface RequirementsInput {
  roles?: unknown;
  scopes?: unknown;
  mode?: unknown;
}

const REQUIREMENT_KEYS: Record<keyof RequirementsInput, true> = { roles: true, scopes: true, mode: true };

/**
 * RFC 6749 §3.3: `scope-token = 1*NQCHAR`, NQCHAR being %x21 / %x23-5B / %x5D-7E. Checking it here
 * keeps spaces, quotes and backslashes out of the `scope="..."` challenge.
 */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/u;

/**
 * Compiles `{ roles?, scopes?, mode? }`: at least one list; `mode` (default `any`) applies within each
 * list, and when both are given both must be satisfied (roles are checked first).
 * @throws TypeError naming the bad part.
 */
export function compileClaimsRequirements<R>(spec: object, clientId: string): ClaimsSpec<R> {
  knownOptions('protect()', spec, REQUIREMENT_KEYS, 'spec.');
  const { roles, scopes, mode = 'any' } = spec as RequirementsInput;
  if (mode !== 'any' && mode !== 'all') throw new TypeError('"spec.mode" must be "any" or "all"');
  if (roles === undefined && scopes === undefined) throw new TypeError('"spec" needs "roles" or "scopes"');
  const roleNames = roles === undefined ? [] : nonEmptyStrings(roles, 'spec.roles');
  const scopeNames = scopes === undefined ? [] : nonEmptyStrings(scopes, 'spec.scopes');
  for (const scope of scopeNames) {
    if (!SCOPE_TOKEN.test(scope))
      throw new TypeError(`"spec.scopes" has a malformed scope ${JSON.stringify(scope)} (RFC 6749 scope-token)`);
  }
  const requirements = roleNames.map((role) => parseRole(role, clientId));
  const all = mode === 'all';
  // Plain loops: this runs on every request and must not allocate.
  const rolesHeld = (claims: KeycloakAccessTokenClaims): boolean => {
    if (requirements.length === 0) return true;
    for (const requirement of requirements) {
      if (holdsRole(claims, requirement) !== all) return !all;
    }
    return all;
  };
  const scopesHeld = (claims: KeycloakAccessTokenClaims): boolean => {
    if (scopeNames.length === 0) return true;
    const text = scopeClaim(claims);
    for (const scope of scopeNames) {
      if (listsScope(text, scope) !== all) return !all;
    }
    return all;
  };
  const challengeScope = scopeNames.join(' ');
  return {
    kind: 'claims',
    allows: (claims) => rolesHeld(claims) && scopesHeld(claims),
    deniedReason: roleNames.length > 0 ? 'role_missing' : 'scope_missing',
    explain(claims) {
      if (!rolesHeld(claims)) {
        const missing = all ? roleNames.filter((_, i) => !holdsRole(claims, requirements[i] as RoleRequirement)) : [];
        return { reason: 'role_missing', description: describe('roles', all, all ? missing : roleNames) };
      }
      const text = scopeClaim(claims);
      const missing = all ? scopeNames.filter((scope) => !listsScope(text, scope)) : scopeNames;
      return { reason: 'scope_missing', description: describe('scopes', all, missing), scope: challengeScope };
    },
  };
}

/** What a refusal of claims requirements says: its reason, a header-safe description, the `scope` attribute. */
export interface ClaimsRefusal {
  readonly reason: GuardDenialReason;
  readonly description: string;
  /** RFC 6750 §3 `scope`: the scopes the route needs, space-separated (scope refusals only). */
  readonly scope?: string;
}

/**
 * `Missing roles: a b` (what is missing: in mode `all` those not held, in mode `any` the only one), or
 * `Missing one of the roles: a b` (mode `any` with alternatives), as UMA refusals say `Missing permissions: ...`.
 */
function describe(kind: 'roles' | 'scopes', all: boolean, names: readonly string[]): string {
  const lead = all || names.length === 1 ? 'Missing' : 'Missing one of the';
  return headerSafe(`${lead} ${kind}: ${names.join(' ')}`);
}

/** True when the space-separated `granted` lists `scope` as a whole word; no allocation. */
export function listsScope(granted: string, scope: string): boolean {
  let at = granted.indexOf(scope);
  while (at !== -1) {
    const end = at + scope.length;
    if ((at === 0 || granted.charCodeAt(at - 1) === 32) && (end === granted.length || granted.charCodeAt(end) === 32))
      return true;
    at = granted.indexOf(scope, at + 1);
  }
  return false;
}

/** The `scope` claim (RFC 9068 §2.2.3, space-separated), read as an own property only; '' when absent. */
function scopeClaim(claims: KeycloakAccessTokenClaims): string {
  const scope = Object.hasOwn(claims, 'scope') ? claims.scope : undefined;
  return typeof scope === 'string' ? scope : '';
}

function nonEmptyStrings(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string' && item !== ''))
    throw new TypeError(`"${name}" must be a non-empty array of non-empty strings`);
  return value as string[];
}
