/** Reads the type-specific part of a policy (export `config` strings or typed fields) into a condition. */
import { KeycloakAuthorizationConfigError } from '../../errors.js';
import { isObject, readBoolean, readList, readStringList } from '../internal/json.js';
import type { GroupReference, PolicyCondition, RequiredReference, TimeConditions, TimeRange } from './model.js';
import type { PolicyRepresentation } from './types.js';

type Field = keyof PolicyRepresentation;

/** A field from the typed form, else from `config` (whose keys sometimes differ, e.g. nbf/notBefore). */
function field(policy: PolicyRepresentation, typed: Field, configKey: string = typed): unknown {
  const value = policy[typed];
  return value !== undefined ? value : policy.config?.[configKey];
}

export function readCondition(policy: PolicyRepresentation, where: string): PolicyCondition {
  const type = policy.type;
  switch (type) {
    case 'role':
      return {
        kind: 'role',
        roles: readRequired(field(policy, 'roles'), `${where}.roles`),
        fetchRoles: readBoolean(field(policy, 'fetchRoles'), `${where}.fetchRoles`),
      };
    case 'user':
      return { kind: 'user', users: readStringList(field(policy, 'users'), `${where}.users`) };
    case 'client':
      return { kind: 'client', clients: readStringList(field(policy, 'clients'), `${where}.clients`) };
    case 'group':
      return {
        kind: 'group',
        groups: readGroups(field(policy, 'groups'), `${where}.groups`),
        groupsClaim: optionalString(field(policy, 'groupsClaim')),
      };
    case 'time':
      return { kind: 'time', time: readTime(policy, where) };
    case 'regex':
      return readRegex(policy, where);
    case 'client-scope':
      return {
        kind: 'client-scope',
        clientScopes: readRequired(field(policy, 'clientScopes'), `${where}.clientScopes`),
      };
    case 'aggregate':
    case 'resource':
    case 'scope':
      return { kind: type };
    case 'js':
      return { kind: 'unsupported', why: 'JavaScript policies cannot run outside Keycloak' };
    case 'uma':
      return { kind: 'unsupported', why: 'user-managed (uma) policies need Keycloak permission tickets' };
    default:
      return type.startsWith('script-')
        ? { kind: 'unsupported', why: 'deployed JavaScript policies cannot run outside Keycloak' }
        : { kind: 'unsupported', why: `policy type "${type}" is not a built-in type` };
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readRequired(value: unknown, where: string): RequiredReference[] {
  return readList(value, where).map((item, index) => {
    if (!isObject(item) || typeof item.id !== 'string' || item.id === '') {
      throw new KeycloakAuthorizationConfigError(`${where}[${index}] must be an object with a non-empty "id"`);
    }
    return { id: item.id, required: readBoolean(item.required, `${where}[${index}].required`) };
  });
}

function readGroups(value: unknown, where: string): GroupReference[] {
  return readList(value, where).map((item, index) => {
    const path = isObject(item) ? (optionalString(item.path) ?? optionalString(item.id)) : undefined;
    if (!isObject(item) || path === undefined) {
      throw new KeycloakAuthorizationConfigError(`${where}[${index}] must be an object with a "path" (or "id")`);
    }
    return { path, extendChildren: readBoolean(item.extendChildren, `${where}[${index}].extendChildren`) };
  });
}

function readRegex(policy: PolicyRepresentation, where: string): PolicyCondition {
  const targetClaim = optionalString(field(policy, 'targetClaim'));
  const source = optionalString(field(policy, 'pattern'));
  if (targetClaim === undefined) throw new KeycloakAuthorizationConfigError(`${where}.targetClaim is required`);
  if (source === undefined) throw new KeycloakAuthorizationConfigError(`${where}.pattern is required`);
  let pattern: RegExp;
  try {
    // Java's Matcher.matches() needs the whole value to match, so anchor the pattern
    pattern = new RegExp(`^(?:${source})$`, 'u');
  } catch (cause) {
    throw new KeycloakAuthorizationConfigError(`${where}.pattern is not a valid regular expression`, { cause });
  }
  const targetContextAttributes = readBoolean(
    field(policy, 'targetContextAttributes'),
    `${where}.targetContextAttributes`,
  );
  return { kind: 'regex', targetClaim, pattern, targetContextAttributes };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

/** `yyyy-MM-dd[ HH:mm:ss]` read as UTC (Keycloak reads it in the server's zone). */
export function parseKeycloakDateTime(text: string, where: string): number {
  const match = DATE_TIME.exec(text.trim());
  if (match === null) throw new KeycloakAuthorizationConfigError(`${where} must look like "yyyy-MM-dd HH:mm:ss"`);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

function readTime(policy: PolicyRepresentation, where: string): TimeConditions {
  const date = (typed: Field, key: string): number | undefined => {
    const value = optionalString(field(policy, typed, key));
    return value === undefined ? undefined : parseKeycloakDateTime(value, `${where}.${typed}`);
  };
  const range = (name: Field): TimeRange | undefined => {
    const start = readInteger(field(policy, name), `${where}.${name}`);
    if (start === undefined) return undefined;
    const end = readInteger(field(policy, `${name}End` as Field), `${where}.${name}End`);
    return { start, end: end ?? start };
  };
  return {
    notBeforeMs: date('notBefore', 'nbf'),
    notOnOrAfterMs: date('notOnOrAfter', 'noa'),
    dayMonth: range('dayMonth'),
    month: range('month'),
    year: range('year'),
    hour: range('hour'),
    minute: range('minute'),
  };
}

function readInteger(value: unknown, where: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number)) throw new KeycloakAuthorizationConfigError(`${where} must be an integer`);
  return number;
}
