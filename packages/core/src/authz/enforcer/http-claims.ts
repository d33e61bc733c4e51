/**
 * The `http` claim-information-point provider, as keycloak-client's HttpClaimInformationPointProvider:
 * calls the configured `url` (GET, or POST for any other `method`) with `parameters` (query for GET, a
 * form for POST) and `headers` filled from the request's placeholders, and turns the JSON answer into
 * claims: every top-level field, or the JSON pointers of `claims` (`{ "claim-a": "/a/b" }`).
 * The call goes through one {@link KeycloakConnection}, with its timeout, response size limit and
 * dispatcher, and only ever to the URL of the config, never to one a request names.
 */
import type { Dispatcher } from 'undici';
import { KeycloakAuthorizationConfigError, KeycloakError } from '../../errors.js';
import { KeycloakConnection } from '../../http/connection.js';
import { atPointer, isObject, toStrings, type JsonObject } from '../internal/json.js';
import { invalidPlaceholder, resolvePlaceholders } from './claims.js';
import type { ClaimProvider } from './policy-enforcer.js';

/** Options of {@link httpClaimProvider}. */
export interface HttpClaimProviderOptions {
  /** Milliseconds a call may take. Default 10000. */
  timeout?: number;
  /** Largest answer read, in bytes. Default 1 MiB. */
  maxResponseBytes?: number;
  /** The undici dispatcher the calls go through (e.g. the guard's pool). */
  dispatcher?: Dispatcher;
}

/** A provider and the connection it owns, closed with {@link HttpClaimProvider.close}. */
export interface HttpClaimProvider {
  readonly provide: ClaimProvider;
  close(): Promise<void>;
}

function templates(value: unknown): string[] {
  return typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((item): item is string => typeof item === 'string')
      : [];
}

/**
 * Checks an `http` section when the config is read, so a bad one fails at startup: `url` an absolute
 * http(s) URL, `method` a string, `headers`, `parameters` and `claims` objects of strings or lists of
 * strings, placeholders known.
 * @throws KeycloakAuthorizationConfigError naming the field.
 */
export function checkHttpSection(section: JsonObject, where: string): void {
  const fail = (message: string): never => {
    throw new KeycloakAuthorizationConfigError(`${where}.${message}`);
  };
  const { url, method } = section;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url) || !URL.canParse(url))
    fail('url must be an absolute http(s) URL');
  if (method !== undefined && typeof method !== 'string') fail('method must be a string');
  for (const field of ['headers', 'parameters', 'claims'] as const) {
    const value = section[field];
    if (value === undefined) continue;
    if (!isObject(value)) fail(`${field} must be an object`);
    for (const [name, spec] of Object.entries(value as JsonObject)) {
      if (typeof spec !== 'string' && !(Array.isArray(spec) && spec.every((item) => typeof item === 'string')))
        fail(`${field}.${name} must be a string or an array of strings`);
      if (field === 'claims') continue;
      for (const template of templates(spec)) {
        const bad = invalidPlaceholder(template);
        if (bad !== undefined) fail(`${field}.${name} has an unknown or malformed placeholder ${bad}`);
      }
    }
  }
}

/**
 * Builds the `http` provider. Its calls fail as KeycloakErrors (a non-2xx answer, a timeout, an answer
 * that is not JSON), which a guard answers 503.
 */
export function httpClaimProvider(options: HttpClaimProviderOptions = {}): HttpClaimProvider {
  // The base URL is never used: every call names the config's absolute URL.
  const connection = new KeycloakConnection({
    baseUrl: 'http://127.0.0.1/',
    timeout: options.timeout ?? 10_000,
    maxRetries: 0,
    maxResponseBytes: options.maxResponseBytes ?? 1024 * 1024,
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
  });
  const provide: ClaimProvider = async (config, request, sources) => {
    const pairs = (field: unknown): Array<[string, string]> =>
      isObject(field)
        ? Object.entries(field).flatMap(([name, spec]) =>
            templates(spec).flatMap((template) =>
              resolvePlaceholders(template, request, sources).map((value): [string, string] => [name, value]),
            ),
          )
        : [];
    const get = typeof config.method !== 'string' || config.method.toUpperCase() === 'GET';
    const parameters = new URLSearchParams(pairs(config.parameters));
    const headers: Record<string, string> = {};
    for (const [name, value] of pairs(config.headers))
      headers[name.toLowerCase()] =
        headers[name.toLowerCase()] === undefined ? value : `${headers[name.toLowerCase()]}, ${value}`;
    const url = config.url as string;
    const response = await connection.request({
      method: get ? 'GET' : 'POST',
      path: get && parameters.size > 0 ? `${url}${url.includes('?') ? '&' : '?'}${parameters}` : url,
      headers,
      ...(get ? {} : { body: { form: parameters } }),
      ...(sources.signal === undefined ? {} : { signal: sources.signal }),
    });
    if (response.status < 200 || response.status >= 300) {
      throw new KeycloakError(`The http claim information point answered ${response.status}`, {
        code: 'ERR_INVALID_RESPONSE',
        status: response.status,
      });
    }
    const body = response.body;
    if (!isObject(body))
      throw new KeycloakError('The http claim information point did not answer a JSON object', {
        code: 'ERR_INVALID_RESPONSE',
      });
    const claims: Record<string, string[]> = {};
    if (!isObject(config.claims)) {
      for (const [name, value] of Object.entries(body)) claims[name] = toStrings(value);
      return claims;
    }
    for (const [claim, spec] of Object.entries(config.claims))
      claims[claim] = templates(spec).flatMap((pointer) => toStrings(atPointer(body, pointer)));
    return claims;
  };
  return { provide, close: () => connection.close() };
}
