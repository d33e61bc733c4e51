import { errorMessage } from '../errors.js';

/**
 * The `q` filter of GET /clients/v2 (ClientQueryEvaluator.java, QueryParseUtils.java): SCIM-like comparisons
 * `field op value` over the v2 representation's fields, joined by `and` (binding tighter) and `or`. A list field
 * matches when one of its items does (`roles eq "r1"`). Served here without parentheses or `not`; Keycloak's
 * ANTLR parser words its syntax errors differently, the status (400) and the prefix are the same.
 */

type Value = string | number | boolean | null;
interface Comparison {
  field: string;
  op: string;
  value: Value;
}
/** Alternatives (or) of conjunctions (and). */
export type Filter = Comparison[][];

const OPS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const TOKEN = /\s*("(?:[^"\\]|\\.)*"|[^\s"]+)/y;

const syntaxError = (detail: string) => errorMessage(400, `Invalid filter syntax: ${detail}`);

function literal(token: string): Value {
  if (token.startsWith('"')) return JSON.parse(token) as string;
  if (token === 'true' || token === 'false') return token === 'true';
  if (token === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  throw syntaxError(`unexpected value ${token}`);
}

function tokens(q: string): string[] {
  const out: string[] = [];
  let at = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(q); match; match = TOKEN.exec(q)) {
    out.push(match[1] ?? '');
    at = TOKEN.lastIndex;
  }
  if (q.slice(at).trim() !== '') throw syntaxError(`cannot read ${q.slice(at)}`);
  return out;
}

/** Parses `q`; an empty one filters nothing. Unknown fields are Keycloak's "Unknown query field: x". */
export function parseQuery(q: string | null, fields: ReadonlySet<string>): Filter | undefined {
  if (!q || q.trim() === '') return undefined;
  const list = tokens(q);
  const filter: Filter = [[]];
  for (let i = 0; i < list.length; ) {
    const [field = '', op = '', value] = list.slice(i, i + 3);
    if (value === undefined || !OPS.has(op.toLowerCase())) throw syntaxError(`no viable alternative at ${field}`);
    if (!fields.has(field)) throw errorMessage(400, `Unknown query field: ${field}`);
    filter[filter.length - 1]?.push({ field, op: op.toLowerCase(), value: literal(value) });
    i += 3;
    const joiner = list[i]?.toLowerCase();
    if (joiner === undefined) break;
    if (joiner === 'or') filter.push([]);
    else if (joiner !== 'and') throw syntaxError(`unexpected ${list[i]}`);
    i += 1;
    if (i >= list.length) throw syntaxError('missing comparison');
  }
  return filter;
}

function compareOne(actual: unknown, op: string, expected: Value): boolean {
  if (op === 'eq') return actual === expected;
  if (op === 'ne') return actual !== expected;
  if (typeof actual === 'string' && typeof expected === 'string') {
    if (op === 'co') return actual.includes(expected);
    if (op === 'sw') return actual.startsWith(expected);
    if (op === 'ew') return actual.endsWith(expected);
  }
  if (actual === undefined || actual === null || expected === null) return false;
  const a = actual as string | number;
  const e = expected as string | number;
  if (op === 'gt') return a > e;
  if (op === 'ge') return a >= e;
  if (op === 'lt') return a < e;
  if (op === 'le') return a <= e;
  return false;
}

function matchesComparison(rep: Record<string, unknown>, { field, op, value }: Comparison): boolean {
  const actual = rep[field];
  if (Array.isArray(actual))
    return op === 'ne' ? !actual.includes(value) : actual.some((item) => compareOne(item, op, value));
  return compareOne(actual, op, value);
}

/** Whether a v2 representation passes the filter. */
export function matchesQuery(rep: Record<string, unknown>, filter: Filter | undefined): boolean {
  if (!filter) return true;
  return filter.some((all) => all.every((comparison) => matchesComparison(rep, comparison)));
}
