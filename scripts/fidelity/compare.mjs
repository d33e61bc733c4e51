// Normalising and comparing one answer of each target (the fidelity report's rules): same status, same meaningful
// headers, and bodies with the same keys, value types and values, once ids, timestamps, keys, secrets and hosts
// are replaced by placeholders.

/** The headers that carry meaning for a client. */
export const MEANINGFUL_HEADERS = ['location', 'content-type', 'www-authenticate', 'cache-control'];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const JWT = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$/;
// Fields whose values are keys or secrets: compared by presence and type only.
const KEY_FIELDS = new Set([
  'kid',
  'n',
  'e',
  'x',
  'y',
  'crv',
  'x5c',
  'x5t',
  'x5t#S256',
  'publicKey',
  'certificate',
  'privateKey',
  'public_key',
  'secret',
  'client_secret',
  'registrationAccessToken',
  'registration_access_token',
  'value',
  'secretData',
  'credentialData',
  'access_token',
  'refresh_token',
  'id_token',
  'device_code',
  'user_code',
  'ticket',
  'upgraded',
  'token',
  'salt',
  'hash',
]);
// Fields whose values are times or ids Keycloak generates: compared by type only.
const TIME_FIELDS =
  /(^|_)(iat|exp|nbf|auth_time|time|timestamp|expires_at|start|lastAccess|createdDate|lastUpdated|validTo)$|Timestamp$|Date$/i;
const ID_FIELDS = new Set([
  'id',
  'sid',
  'jti',
  'session_state',
  'sub',
  'containerId',
  'parentId',
  'flowId',
  'authenticationFlowId',
  'internalId',
  'ipAddress',
  'clientIpAddress',
  'userId',
  'sessionId',
  'session_id',
]);

/**
 * Replaces what differs between two Keycloaks by nature: the target's base URL by `<host>`, values captured by the
 * sequence (ids, tokens) by `<name>`, UUIDs by `<id>`, JWTs by `<jwt>`; key/secret/time/id fields by `<type>`.
 * @param {unknown} value
 * @param {{ base: string, captured: Map<string, string> }} context
 * @param {string} [field]
 */
export function normalise(value, context, field = '') {
  if (Array.isArray(value)) return unordered(value.map((item) => normalise(item, context, field)));
  // A scope parameter is a set (RFC 6749 section 3.3); Keycloak joins it in hash order.
  if (field === 'scope' && typeof value === 'string') return value.split(' ').sort().join(' ');
  // Lifetimes are computed from exp - now: a second may pass between issuing and answering.
  if ((field === 'expires_in' || field === 'refresh_expires_in') && typeof value === 'number')
    return Math.round(value / 10) * 10;
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, item] of Object.entries(value)) out[key] = normalise(item, context, key);
    return out;
  }
  if (KEY_FIELDS.has(field) || TIME_FIELDS.test(field) || ID_FIELDS.has(field))
    return value === null ? null : `<${typeof value}>`;
  if (typeof value !== 'string') return value;
  return normaliseText(value, context);
}

/**
 * Keycloak lists roles, client scopes, scope names and the like in hash or database order, which changes from
 * realm to realm (two runs against the same Keycloak differ): lists of plain values, and of objects with a
 * `name`, are compared sorted. Lists whose order Keycloak defines (flows, executions by priority) have no `name`.
 */
function unordered(items) {
  if (items.every((item) => item === null || typeof item !== 'object'))
    return [...items].sort((a, b) => String(a).localeCompare(String(b)));
  if (items.every((item) => item && typeof item === 'object' && typeof item.name === 'string'))
    return [...items].sort((a, b) => a.name.localeCompare(b.name));
  return items;
}

/** The string form of {@link normalise}. */
export function normaliseText(text, { base, captured }) {
  // The base URL as such, and percent-encoded (an `iss` or `redirect_uri` query parameter).
  let out = text.split(base).join('<host>').split(encodeURIComponent(base)).join('<host>');
  // Longest first, so a captured value that contains another is replaced whole.
  for (const [secret, name] of [...captured].sort((a, b) => b[0].length - a[0].length))
    if (secret.length >= 6) out = out.split(secret).join(`<${name}>`);
  if (JWT.test(out)) return '<jwt>';
  // Key ids (SHA-256 thumbprints, 43 base64url characters) and device user codes are generated per server.
  if (/^[A-Za-z0-9_-]{43}$/.test(out)) return '<kid>';
  return out
    .replace(UUID, '<id>')
    .replace(/user_code=[A-Z]{4}-[A-Z]{4}/g, 'user_code=<user_code>')
    .replace(/session_state=[^&#]+/g, 'session_state=<id>');
}

const kind = (value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const show = (value) => {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 110 ? `${text.slice(0, 107)}...` : text;
};

/**
 * The differences between two normalised JSON values, as short lines (`path: a=... b=...`).
 * @returns {string[]}
 */
export function diffJson(a, b, path = '$', out = []) {
  if (kind(a) !== kind(b)) {
    out.push(`${path}: type ${kind(a)} ${show(a)} vs ${kind(b)} ${show(b)}`);
    return out;
  }
  if (Array.isArray(a)) {
    if (a.length !== b.length) out.push(`${path}: ${a.length} items vs ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) diffJson(a[i], b[i], `${path}[${i}]`, out);
    return out;
  }
  if (a && typeof a === 'object') {
    const onlyA = Object.keys(a).filter((k) => !(k in b));
    const onlyB = Object.keys(b).filter((k) => !(k in a));
    if (onlyA.length) out.push(`${path}: keys only in first: ${onlyA.join(', ')}`);
    if (onlyB.length) out.push(`${path}: keys only in second: ${onlyB.join(', ')}`);
    for (const key of Object.keys(a)) if (key in b) diffJson(a[key], b[key], `${path}.${key}`, out);
    return out;
  }
  if (a !== b) out.push(`${path}: ${show(a)} vs ${show(b)}`);
  return out;
}

/**
 * Compares one answer of each target.
 * @param {{ status: number, headers: Headers, text: string, json: unknown }[]} answers two answers
 * @param {{ base: string, captured: Map<string, string> }[]} contexts their normalisation contexts
 * @returns {string[]} the differences (empty when they agree)
 */
export function compareAnswers([a, b], [ca, cb]) {
  const out = [];
  if (a.status !== b.status) {
    out.push(`status: ${a.status} vs ${b.status}`);
    // Say why each side answered as it did, when it says so.
    const why = (answer) =>
      answer.json &&
      typeof answer.json === 'object' &&
      !Array.isArray(answer.json) &&
      ('error' in answer.json || 'errorMessage' in answer.json)
        ? show({
            error: answer.json.error,
            error_description: answer.json.error_description,
            errorMessage: answer.json.errorMessage,
          })
        : undefined;
    if (why(a) || why(b)) out.push(`  answers: ${why(a) ?? '-'} vs ${why(b) ?? '-'}`);
  }
  for (const name of MEANINGFUL_HEADERS) {
    const va = a.headers.get(name);
    const vb = b.headers.get(name);
    const na = va === null ? null : normaliseText(va, ca);
    const nb = vb === null ? null : normaliseText(vb, cb);
    if (na !== nb) out.push(`header ${name}: ${show(na)} vs ${show(nb)}`);
  }
  if (a.json !== undefined && b.json !== undefined) {
    out.push(...diffJson(normalise(a.json, ca), normalise(b.json, cb)).map((line) => `body ${line}`));
  } else if (a.json !== undefined || b.json !== undefined) {
    out.push(
      `body: ${a.json !== undefined ? 'JSON' : a.text ? 'text' : 'empty'} vs ${b.json !== undefined ? 'JSON' : b.text ? 'text' : 'empty'}`,
    );
  } else if ((a.text === '') !== (b.text === '')) {
    out.push(`body: ${a.text ? 'text' : 'empty'} vs ${b.text ? 'text' : 'empty'}`);
  }
  return out;
}
