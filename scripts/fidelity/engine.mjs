// The fidelity report's engine: replays a sequence of requests against two Keycloaks (each with its own ids,
// captured as the sequence goes) and compares each pair of answers (compare.mjs).
import { compareAnswers } from './compare.mjs';

const BOOTSTRAP_ADMIN = { username: 'admin', password: 'admin' };

/**
 * One request of the sequence. Strings may hold `{name}` placeholders: `{realm}`, or a value an earlier step
 * captured on the same target; a string that is exactly `{name}` is replaced by the captured value itself
 * (object or array).
 * @typedef {object} Step
 * @property {string} name what the request is, e.g. "create a user"
 * @property {string} method
 * @property {string} path from the server root, e.g. `/admin/realms/{realm}/users`
 * @property {'admin' | { bearer: string } | { basic: [string, string] }} [auth]
 * @property {unknown} [json] a JSON body (a string is sent as given)
 * @property {Record<string, string>} [form] a form body
 * @property {Record<string, string>} [headers]
 * @property {Record<string, string>} [capture] name -> `location` (last path segment of Location),
 *   `query.<name>` (a query parameter of Location), `header.<name>`, `body.<dotted.path>` (numbers index arrays),
 *   or `regex:<pattern>` (first group in the body text, HTML entities decoded)
 * @property {boolean} [cookies] send the cookies this target set earlier (a browser login), and keep new ones
 */

/** @typedef {{ name: string, url: string }} Target */

/** Replaces `{name}` placeholders in strings, deeply. */
function fill(value, vars, missing) {
  if (typeof value === 'string') {
    const whole = /^\{([A-Za-z0-9_]+)\}$/.exec(value);
    if (whole && vars.has(whole[1]) && typeof vars.get(whole[1]) !== 'string')
      return structuredClone(vars.get(whole[1]));
    return value.replace(/\{([A-Za-z0-9_]+)\}/g, (all, name) => {
      if (!vars.has(name)) {
        missing.add(name);
        return all;
      }
      const found = vars.get(name);
      return typeof found === 'string' ? found : JSON.stringify(found);
    });
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, vars, missing));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars, missing)]));
  return value;
}

const decodeHtml = (text) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x?([0-9a-f]+);/gi, (all, code) =>
      String.fromCodePoint(Number.parseInt(code, all.includes('x') ? 16 : 10)),
    );

function pick(answer, spec) {
  if (spec === 'location') return answer.headers.get('location')?.split('/').pop() ?? undefined;
  if (spec.startsWith('query.')) {
    const location = answer.headers.get('location');
    if (!location) return undefined;
    const url = new URL(location.replace('#', '?'), 'http://placeholder');
    return url.searchParams.get(spec.slice(6)) ?? undefined;
  }
  if (spec.startsWith('regex:')) {
    const found = new RegExp(spec.slice(6)).exec(answer.text)?.[1];
    return found === undefined ? undefined : decodeHtml(found);
  }
  if (spec.startsWith('header.')) return answer.headers.get(spec.slice(7)) ?? undefined;
  if (!spec.startsWith('body')) throw new Error(`unknown capture "${spec}"`);
  let value = answer.json;
  for (const part of spec.split('.').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = value[part];
  }
  return value;
}

/** The per-target state of one run: its URL, captured values, admin token. */
class TargetRun {
  constructor(target, realm) {
    this.target = target;
    this.vars = new Map([['realm', realm]]);
    /** captured string value -> placeholder name, for normalisation */
    this.captured = new Map();
    this.token = undefined;
    /** cookie name -> value, for steps that ask for cookies */
    this.cookies = new Map();
  }

  get context() {
    return { base: this.target.url, captured: this.captured };
  }

  async adminToken() {
    if (this.token && this.token.expiresAt > Date.now() + 15_000) return this.token.value;
    const response = await fetch(`${this.target.url}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', ...BOOTSTRAP_ADMIN }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = await response.json();
    if (!body.access_token)
      throw new Error(`${this.target.name}: the master admin could not log in (${response.status})`);
    this.token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return this.token.value;
  }

  /** Sends a step; undefined (and the names it lacks) when a placeholder has no value on this target. */
  async send(step) {
    const missing = new Set();
    const path = fill(step.path, this.vars, missing);
    const headers = fill({ ...step.headers }, this.vars, missing);
    let body;
    if (step.json !== undefined) {
      const json = fill(step.json, this.vars, missing);
      headers['content-type'] ??= 'application/json';
      body = typeof json === 'string' ? json : JSON.stringify(json);
    } else if (step.form) {
      body = new URLSearchParams(fill(step.form, this.vars, missing));
    }
    const auth = step.auth && step.auth !== 'admin' ? fill(step.auth, this.vars, missing) : step.auth;
    if (missing.size) return { missing: [...missing] };
    if (step.cookies && this.cookies.size)
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (auth === 'admin') headers.authorization = `Bearer ${await this.adminToken()}`;
    else if (auth?.bearer) headers.authorization = `Bearer ${auth.bearer}`;
    else if (auth?.basic)
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(auth.basic[0])}:${encodeURIComponent(auth.basic[1])}`).toString('base64')}`;
    // An absolute URL (a login form's action) must stay on this target.
    if (/^https?:/.test(path) && !path.startsWith(`${this.target.url}/`))
      throw new Error(`${this.target.name}: ${path} is not on ${this.target.url}`);
    const url = /^https?:/.test(path) ? path : `${this.target.url}${path}`;
    const response = await fetch(url, {
      method: step.method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    if (step.cookies) {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      }
    }
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const answer = { status: response.status, headers: response.headers, text, json };
    for (const [name, spec] of Object.entries(step.capture ?? {})) {
      const value = pick(answer, spec);
      if (value === undefined) continue;
      this.vars.set(name, value);
      if (typeof value === 'string') this.captured.set(value, name);
    }
    return { answer };
  }
}

/**
 * Replays `steps` against both targets, in order, each step on both before the next, and writes one line per
 * step (✓ or ✗ with a short diff), then `N agree, M differ`.
 * @param {{ targets: [Target, Target], steps: (Step & { area: string })[], realm: string, write?: (line: string) => void }} options
 * @returns {Promise<{ agree: number, differ: number, results: { area: string, name: string, differences: string[] }[] }>}
 */
export async function runFidelity({ targets, steps, realm, write = (line) => process.stdout.write(`${line}\n`) }) {
  const runs = targets.map((target) => new TargetRun(target, realm));
  const results = [];
  for (const step of steps) {
    let differences;
    try {
      const sent = await Promise.all(runs.map((run) => run.send(step)));
      const missing = sent
        .map((s, i) => (s.missing ? `${targets[i].name} lacks {${s.missing.join('}, {')}}` : undefined))
        .filter(Boolean);
      differences = missing.length
        ? [`not run: ${missing.join('; ')} (an earlier step failed)`]
        : compareAnswers(
            sent.map((s) => s.answer),
            runs.map((r) => r.context),
          );
    } catch (error) {
      differences = [`not run: ${error instanceof Error ? error.message : String(error)}`];
    }
    results.push({ area: step.area, name: step.name, differences });
    write(`${differences.length ? '✗' : '✓'} [${step.area}] ${step.method} ${step.path} — ${step.name}`);
    for (const line of differences.slice(0, 8)) write(`    ${line}`);
    if (differences.length > 8) write(`    ... ${differences.length - 8} more`);
  }
  const agree = results.filter((r) => r.differences.length === 0).length;
  const differ = results.length - agree;
  write(`${agree} agree, ${differ} differ`);
  return { agree, differ, results };
}
