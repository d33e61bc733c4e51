import { readFileSync } from 'node:fs';
import type { RealmRepresentation } from '@keycloak-ts/testing';
import { basic, postForm, type FormResult } from '../support.js';

/** Keycloak's ground-truth samples, copied into the repository so suites run on a fresh clone (see fixtures/README.md). */
export const SAMPLES = new URL('../fixtures/', import.meta.url);

/** A sample realm import, parsed. */
export function sampleRealm(name: string): RealmRepresentation {
  return JSON.parse(readFileSync(new URL(name, SAMPLES), 'utf8')) as RealmRepresentation;
}

export const UMA = 'urn:ietf:params:oauth:grant-type:uma-ticket';

/** The payload of a JWT, unverified. */
export function payload(jwt: unknown): Record<string, unknown> {
  return JSON.parse(Buffer.from(String(jwt).split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** Password-grant access token of a user through a client. */
export async function userToken(
  url: string,
  realm: string,
  clientId: string,
  secret: string | undefined,
  username: string,
  password: string,
): Promise<string> {
  const headers: Record<string, string> = secret ? { authorization: basic(clientId, secret) } : {};
  const form: Record<string, string> = {
    grant_type: 'password',
    username,
    password,
    ...(secret ? {} : { client_id: clientId }),
  };
  const res = await postForm(`${url}/realms/${realm}/protocol/openid-connect/token`, form, headers);
  if (res.status !== 200) throw new Error(`password grant failed: ${JSON.stringify(res.body)}`);
  return String(res.body['access_token']);
}

/** A client-credentials token (the PAT when the client is a resource server). */
export async function clientToken(url: string, realm: string, clientId: string, secret: string): Promise<string> {
  const res = await postForm(
    `${url}/realms/${realm}/protocol/openid-connect/token`,
    { grant_type: 'client_credentials' },
    { authorization: basic(clientId, secret) },
  );
  if (res.status !== 200) throw new Error(`client credentials failed: ${JSON.stringify(res.body)}`);
  return String(res.body['access_token']);
}

/** POSTs a UMA grant with a bearer token; `permission` may repeat. */
export async function umaRequest(
  url: string,
  realm: string,
  token: string,
  params: Array<[string, string]>,
): Promise<FormResult> {
  const body = new URLSearchParams([['grant_type', UMA], ...params]);
  const response = await fetch(`${url}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
  };
}

/** Resource names of granted permissions, sorted, each with its sorted scopes. */
export function grantedNames(permissions: unknown): string[] {
  return (permissions as Array<{ rsname?: string; scopes?: string[] }>)
    .map((p) => `${p.rsname ?? ''}#${[...(p.scopes ?? [])].sort().join(',')}`)
    .sort();
}
