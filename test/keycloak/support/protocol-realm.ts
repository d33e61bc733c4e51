import { generateKeyPairSync, createSign, createHmac, randomUUID, type KeyObject } from 'node:crypto';
import type { KeycloakTarget, RawResponse } from './target.js';

/**
 * The realm the protocol scenarios (oidc-*, uma, protection-api, openid-client-core) share the shape of: users
 * with and without OTP, a confidential client with every grant, a public PKCE client, a device client, a resource
 * server with resources, scopes and policies, and the four client authentication methods. Each file creates its
 * own copy (one realm per file) through POST /admin/realms on either target.
 */
export const REDIRECT = 'http://127.0.0.1:9/callback';
export const OTP_SECRET = 'DJmQfC73VGFhw7D4QJ8A';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** The key private_key_jwt signs with; its public half is the `jwt-key` client's `jwks.string`. */
export const clientPrivateKey: KeyObject = privateKey;
export const clientKid = 'client-key-1';
const clientJwk = { ...publicKey.export({ format: 'jwk' }), kid: clientKid, use: 'sig', alg: 'RS256' };

export function protocolRealm(): Record<string, unknown> {
  return {
    roles: {
      realm: [{ name: 'reader' }, { name: 'writer' }],
      client: { api: [{ name: 'api-user' }] },
    },
    users: [
      {
        username: 'alice',
        enabled: true,
        email: 'alice@example.com',
        emailVerified: true,
        firstName: 'Alice',
        lastName: 'Liddell',
        credentials: [{ type: 'password', value: 'alice-pw', temporary: false }],
        realmRoles: ['reader', 'offline_access'],
        clientRoles: { api: ['api-user'] },
      },
      {
        username: 'bob',
        enabled: true,
        email: 'bob@example.com',
        emailVerified: true,
        firstName: 'Bob',
        lastName: 'Builder',
        credentials: [{ type: 'password', value: 'bob-pw', temporary: false }],
        realmRoles: ['writer'],
      },
      {
        username: 'otto',
        enabled: true,
        email: 'otto@example.com',
        emailVerified: true,
        firstName: 'Otto',
        lastName: 'Otp',
        credentials: [
          { type: 'password', value: 'otto-pw', temporary: false },
          {
            type: 'otp',
            userLabel: 'phone',
            secretData: JSON.stringify({ value: OTP_SECRET }),
            credentialData: JSON.stringify({
              subType: 'totp',
              digits: 6,
              counter: 0,
              period: 30,
              algorithm: 'HmacSHA1',
            }),
          },
        ],
      },
    ],
    clients: [
      {
        clientId: 'app',
        secret: 'app-secret',
        publicClient: false,
        directAccessGrantsEnabled: true,
        serviceAccountsEnabled: true,
        standardFlowEnabled: true,
        redirectUris: [REDIRECT],
        attributes: { 'standard.token.exchange.enabled': 'true', 'oauth2.device.authorization.grant.enabled': 'true' },
      },
      {
        clientId: 'spa',
        publicClient: true,
        directAccessGrantsEnabled: true,
        standardFlowEnabled: true,
        redirectUris: [REDIRECT],
        attributes: { 'pkce.code.challenge.method': 'S256' },
      },
      {
        clientId: 'tv',
        publicClient: true,
        standardFlowEnabled: false,
        attributes: { 'oauth2.device.authorization.grant.enabled': 'true' },
      },
      {
        clientId: 'signed-userinfo',
        secret: 'su-secret',
        publicClient: false,
        directAccessGrantsEnabled: true,
        attributes: { 'user.info.response.signature.alg': 'RS256' },
      },
      { clientId: 'legacy', secret: 'legacy-secret', publicClient: false, directAccessGrantsEnabled: true },
      {
        clientId: 'jwt-secret',
        secret: 'a-secret-long-enough-for-hs256-signing-0123456789',
        publicClient: false,
        clientAuthenticatorType: 'client-secret-jwt',
        serviceAccountsEnabled: true,
        standardFlowEnabled: false,
        attributes: { 'token.endpoint.auth.signing.alg': 'HS256' },
      },
      {
        clientId: 'jwt-key',
        publicClient: false,
        clientAuthenticatorType: 'client-jwt',
        serviceAccountsEnabled: true,
        standardFlowEnabled: false,
        attributes: {
          'use.jwks.string': 'true',
          'jwks.string': JSON.stringify({ keys: [clientJwk] }),
          'token.endpoint.auth.signing.alg': 'RS256',
        },
      },
      {
        clientId: 'api',
        secret: 'api-secret',
        publicClient: false,
        serviceAccountsEnabled: true,
        authorizationServicesEnabled: true,
        standardFlowEnabled: false,
        directAccessGrantsEnabled: true,
        authorizationSettings: {
          allowRemoteResourceManagement: true,
          policyEnforcementMode: 'ENFORCING',
          decisionStrategy: 'UNANIMOUS',
          resources: [
            { name: 'Default Resource', type: 'urn:api:resources:default', uris: ['/*'] },
            {
              name: 'photos',
              type: 'urn:api:photo',
              uris: ['/photos/*'],
              scopes: [{ name: 'view' }, { name: 'delete' }],
            },
            { name: 'reports', type: 'urn:api:report', uris: ['/reports'], scopes: [{ name: 'view' }] },
          ],
          scopes: [{ name: 'view' }, { name: 'delete' }],
          policies: [
            {
              name: 'readers',
              type: 'role',
              logic: 'POSITIVE',
              decisionStrategy: 'UNANIMOUS',
              config: { roles: JSON.stringify([{ id: 'reader', required: false }]) },
            },
            {
              name: 'writers',
              type: 'role',
              logic: 'POSITIVE',
              decisionStrategy: 'UNANIMOUS',
              config: { roles: JSON.stringify([{ id: 'writer', required: false }]) },
            },
            {
              name: 'view photos',
              type: 'scope',
              logic: 'POSITIVE',
              decisionStrategy: 'AFFIRMATIVE',
              config: {
                resources: JSON.stringify(['photos']),
                scopes: JSON.stringify(['view']),
                applyPolicies: JSON.stringify(['readers', 'writers']),
              },
            },
            {
              name: 'delete photos',
              type: 'scope',
              logic: 'POSITIVE',
              decisionStrategy: 'UNANIMOUS',
              config: {
                resources: JSON.stringify(['photos']),
                scopes: JSON.stringify(['delete']),
                applyPolicies: JSON.stringify(['writers']),
              },
            },
            {
              name: 'reports',
              type: 'resource',
              logic: 'POSITIVE',
              decisionStrategy: 'UNANIMOUS',
              config: { resources: JSON.stringify(['reports']), applyPolicies: JSON.stringify(['writers']) },
            },
          ],
        },
      },
    ],
  };
}

export const tokenPath = (realm: string): string => `/realms/${realm}/protocol/openid-connect/token`;
export const oidcPath = (realm: string, endpoint: string): string =>
  `/realms/${realm}/protocol/openid-connect/${endpoint}`;

/** The payload of a JWT, unverified. */
export function claimsOf(jwt: unknown): Record<string, unknown> {
  if (typeof jwt !== 'string') throw new TypeError(`not a JWT: ${String(jwt)}`);
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function headerOf(jwt: unknown): Record<string, unknown> {
  if (typeof jwt !== 'string') throw new TypeError(`not a JWT: ${String(jwt)}`);
  return JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function body(answer: RawResponse): Record<string, unknown> {
  return answer.json as Record<string, unknown>;
}

export async function token(
  target: KeycloakTarget,
  realm: string,
  form: Record<string, string>,
  headers?: Record<string, string>,
): Promise<RawResponse> {
  return target.request('POST', tokenPath(realm), { form, ...(headers ? { headers } : {}) });
}

/** alice's tokens from the password grant of `app` (with `scope` added when given). */
export async function aliceTokens(
  target: KeycloakTarget,
  realm: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const answer = await token(target, realm, {
    grant_type: 'password',
    client_id: 'app',
    client_secret: 'app-secret',
    username: 'alice',
    password: 'alice-pw',
    ...extra,
  });
  if (answer.status !== 200) throw new Error(`alice could not log in: ${answer.status} ${answer.text}`);
  return answer.json as Record<string, string>;
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A client assertion (RFC 7523) for `clientId`, HS256 with `secret` or RS256 with the client key. */
export function clientAssertion(
  clientId: string,
  audience: string,
  how: { secret: string } | { key: KeyObject; kid: string },
  overrides: Record<string, unknown> = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = 'secret' in how ? { alg: 'HS256', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid: how.kid };
  const payload = {
    iss: clientId,
    sub: clientId,
    aud: audience,
    jti: randomUUID(),
    iat: now,
    exp: now + 30,
    ...overrides,
  };
  const input = `${b64(header)}.${b64(payload)}`;
  const signature =
    'secret' in how
      ? createHmac('sha256', how.secret).update(input).digest('base64url')
      : createSign('RSA-SHA256').update(input).sign(how.key).toString('base64url');
  return `${input}.${signature}`;
}

/** The target's host in a URL replaced by `{host}`, so values compare across targets. */
export function normaliseHost(value: unknown, base: string): unknown {
  return JSON.parse(JSON.stringify(value).split(base).join('{host}'));
}
