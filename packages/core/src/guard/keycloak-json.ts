import { readFileSync } from 'node:fs';
import type { KeycloakGuardOptions } from './options.js';

/** The adapter config Keycloak's console exports ("Action > Download adapter config", keycloak.json). */
export interface KeycloakJson {
  realm: string;
  'auth-server-url': string;
  resource: string;
  credentials?: { secret?: string };
  'bearer-only'?: boolean | string;
  'public-client'?: boolean | string;
  'verify-token-audience'?: boolean | string;
  'ssl-required'?: 'external' | 'all' | 'none' | string;
  'confidential-port'?: number;
  'policy-enforcer'?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What a keycloak.json gives a guard. */
export interface KeycloakJsonSettings {
  options: KeycloakGuardOptions<never> & { clientSecret?: string };
  /** The `ssl-required` value, kept for information: a bearer-only API never redirects. */
  sslRequired: string | undefined;
  /** The raw `policy-enforcer` section, for `protect({ config })` once Authorization Services land. */
  policyEnforcer: Record<string, unknown> | undefined;
}

// keycloak-connect's syntax: `${env.NAME}` or `${env.NAME:fallback}`; an empty variable takes the fallback.
const ENV_REFERENCE = /\$\{env\.([^:}]*)(?::([^}]*))?\}/g;

/** Replaces `${env.NAME:default}` references in a string value, as keycloak-connect does. */
export function interpolateEnv(value: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(
    ENV_REFERENCE,
    (_match, name: string, fallback: string | undefined) => env[name] || fallback || '',
  );
}

/**
 * Reads a keycloak.json (a path or the parsed object) into guard options, with `${env.NAME:default}`
 * interpolation. Throws a TypeError naming the missing or malformed field.
 *
 * `verify-token-audience`: `false` (or `"false"`) turns the guard's audience check off; `true`, or the
 * field absent, keeps the guard's default (on, `aud` must contain `resource`). Keycloak's own adapters
 * read an absent field as false; this guard does not, so a file exported for them keeps the check.
 */
export function readKeycloakJson(
  input: string | KeycloakJson | Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): KeycloakJsonSettings {
  const parsed: unknown = typeof input === 'string' ? parseFile(input) : input;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new TypeError('keycloak.json must be a JSON object');
  const json = parsed as Record<string, unknown>;
  const text = (name: string): string | undefined => {
    const value = json[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new TypeError(`keycloak.json "${name}" must be a string`);
    return interpolateEnv(value, env);
  };
  // undefined when the file does not say (absent, null, or an env reference that resolved to nothing).
  const setFlag = (name: string): boolean | undefined => {
    const value = json[name];
    const resolved = typeof value === 'string' ? interpolateEnv(value, env) : value;
    if (resolved === undefined || resolved === null || resolved === '') return undefined;
    if (resolved === false || resolved === 'false') return false;
    if (resolved === true || resolved === 'true') return true;
    throw new TypeError(`keycloak.json "${name}" must be a boolean`);
  };
  const flag = (name: string): boolean => setFlag(name) ?? false;
  const realm = required('realm', text('realm'));
  const serverUrl = required('auth-server-url', text('auth-server-url'));
  const clientId = required('resource', text('resource'));
  const credentials = json['credentials'];
  if (credentials !== undefined && (credentials === null || typeof credentials !== 'object'))
    throw new TypeError('keycloak.json "credentials" must be an object');
  const rawSecret = (credentials as { secret?: unknown } | undefined)?.secret;
  if (rawSecret !== undefined && typeof rawSecret !== 'string')
    throw new TypeError('keycloak.json "credentials.secret" must be a string');
  const secret = rawSecret === undefined ? undefined : interpolateEnv(rawSecret, env);
  const publicClient = flag('public-client');
  flag('bearer-only'); // validated; every guard is bearer-only: APIs answer 401, they never redirect
  const enforcer = json['policy-enforcer'];
  if (enforcer !== undefined && (enforcer === null || typeof enforcer !== 'object' || Array.isArray(enforcer))) {
    throw new TypeError('keycloak.json "policy-enforcer" must be an object');
  }
  return {
    options: {
      serverUrl,
      realm,
      clientId,
      ...(publicClient || secret === undefined || secret === '' ? {} : { clientSecret: secret }),
      // Keycloak's adapters default `verify-token-audience` to false (AdapterConfig, keycloak-connect's
      // config.js), so files written for them rarely say it. Only an explicit false turns our check off.
      ...(setFlag('verify-token-audience') === false ? { verifyTokenAudience: false } : {}),
    },
    sslRequired: text('ssl-required'),
    policyEnforcer: enforcer as Record<string, unknown> | undefined,
  };
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new TypeError(`keycloak.json "${name}" is required`);
  return value;
}

function parseFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TypeError(`keycloak.json could not be read from ${path}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TypeError(`keycloak.json at ${path} is not valid JSON`, { cause: error });
  }
}
