/**
 * The Protection API side of a policy-enforcer route: which client's PAT finds the resources of
 * unnamed paths, checked at protect() time, and one {@link PathResources} per realm built on a
 * {@link KeycloakUMA} of that client.
 */
import type { Dispatcher } from 'undici';
import { LRUCache } from 'lru-cache';
import { KeycloakAuthorizationConfigError, KeycloakOperationError } from '../../errors.js';
import { connectionFromResolved, type KeycloakOpenIDConnection } from '../../admin/auth/openid-connection.js';
import { CONNECTION_DEFAULTS } from '../../admin/auth/options.js';
import type { PolicyEnforcerConfig } from '../../authz/enforcer/config.js';
import { PathResources, type ResourceFinder } from '../../authz/enforcer/path-resources.js';
import { KeycloakUMA } from '../../uma/keycloak-uma.js';
import type { RealmEntry } from './realms.js';

/** What the guard lends to the lookups: its client, outbound limits and clock. */
export interface ProtectionContext {
  readonly clientId: string;
  readonly clientSecret?: string | undefined;
  readonly timeoutDuration: number;
  readonly dispatcher?: Dispatcher | undefined;
  readonly now: () => number;
}

interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** True when no configured path may match and the server's resources stand for paths (Keycloak's loadPathsFromServer). */
export function loadsPathsFromServer(config: PolicyEnforcerConfig): boolean {
  return (
    config.enforcementMode !== 'DISABLED' &&
    (config.lazyLoadPaths || config.paths.every((path) => path.enforcementMode === 'DISABLED'))
  );
}

/** What of the config needs the Protection API, for the error when no credentials are given. */
function serverNeed(config: PolicyEnforcerConfig): string | undefined {
  if (config.enforcementMode === 'DISABLED') return undefined;
  if (config.userManagedAccess) return 'user-managed-access is on (its permission tickets are asked with the PAT)';
  const index = config.paths.findIndex((path) => path.name === undefined && path.enforcementMode !== 'DISABLED');
  if (index !== -1) return `paths[${index}] (${JSON.stringify(config.paths[index]?.path)}) has no "name"`;
  // PathConfigMatcher.resolvePathConfig: a template's resource is the request path's own, named or not.
  const template = config.paths.findIndex((path) => path.path.includes('{') && path.enforcementMode !== 'DISABLED');
  if (template !== -1)
    return `paths[${template}] (${JSON.stringify(config.paths[template]?.path)}) is a template, whose resource is looked up by the request path`;
  if (config.lazyLoadPaths) return 'lazy-load-paths is on';
  if (loadsPathsFromServer(config)) return 'no path is enforced, so paths come from the server';
  return undefined;
}

/**
 * The client whose PAT reads the resource server's resources: the config's own `resource` and
 * `credentials.secret` (keycloak.json), else the guard's clientId and clientSecret. Undefined when the
 * config needs no lookup.
 * @throws KeycloakAuthorizationConfigError naming the path that needs a lookup when no secret is known.
 */
export function protectionCredentials(
  config: PolicyEnforcerConfig,
  context: ProtectionContext,
): Credentials | undefined {
  const need = serverNeed(config);
  if (need === undefined) return undefined;
  const secret = config.credentials?.['secret'];
  if (typeof secret === 'string' && secret !== '')
    return { clientId: config.resource ?? context.clientId, clientSecret: secret };
  if (context.clientSecret !== undefined && context.clientSecret !== '')
    return { clientId: context.clientId, clientSecret: context.clientSecret };
  throw new KeycloakAuthorizationConfigError(
    `${need}: finding its resource through the Protection API needs the resource server's client secret (credentials.secret in the config, or the guard's clientSecret)`,
  );
}

function finderOf(uma: KeycloakUMA, timeout: number): ResourceFinder {
  return {
    findByUri: (uri, matchingUri) => uma.resourceSetListIds({ uri, matchingUri }, { timeout }),
    findByName: (name) => uma.resourceSetListIds({ name, exactName: true }, { timeout }),
    async read(id) {
      const resource = await uma.resourceSetRead(id, { timeout });
      const scopes = (resource.resource_scopes ?? []).flatMap((scope) =>
        typeof scope === 'string' ? [scope] : typeof scope?.name === 'string' ? [scope.name] : [],
      );
      return { id, name: typeof resource.name === 'string' ? resource.name : id, scopes };
    },
  };
}

interface RealmResources {
  readonly resources: PathResources;
  readonly uma: KeycloakUMA;
  readonly connection: KeycloakOpenIDConnection;
}

/**
 * The {@link PathResources} of one enforcer route, one per realm (bounded). An evicted realm's connection
 * is not closed: a lookup in flight may still use it, and it runs on the guard's shared pool.
 */
export class ProtectionLookups {
  readonly #config: PolicyEnforcerConfig;
  readonly #credentials: Credentials;
  readonly #context: ProtectionContext;
  readonly #realms = new LRUCache<string, RealmResources>({ max: 50 });

  constructor(config: PolicyEnforcerConfig, credentials: Credentials, context: ProtectionContext) {
    this.#config = config;
    this.#credentials = credentials;
    this.#context = context;
  }

  /** The lookups of `realm`, created on first use. */
  of(realm: RealmEntry): PathResources {
    return this.#entry(realm).resources;
  }

  /**
   * A permission ticket for `resourceId` and `scopes` (with the request's claims), for the
   * `user-managed-access` challenge (PolicyEnforcer.getPermissionTicket).
   */
  async ticket(
    realm: RealmEntry,
    resourceId: string,
    scopes: readonly string[],
    claims: Readonly<Record<string, string[]>>,
  ): Promise<string> {
    const request = {
      resource_id: resourceId,
      resource_scopes: [...new Set(scopes)],
      ...(Object.keys(claims).length === 0 ? {} : { claims: { ...claims } }),
    };
    const { ticket } = await this.#entry(realm).uma.permissionTicketRequest([request], {
      timeout: this.#context.timeoutDuration,
    });
    if (typeof ticket !== 'string' || ticket === '')
      throw new KeycloakOperationError('Keycloak answered the permission request without a ticket');
    return ticket;
  }

  #entry(realm: RealmEntry): RealmResources {
    let entry = this.#realms.get(realm.issuer);
    if (entry === undefined) {
      const { serverUrl, realmName } = realm;
      if (serverUrl === undefined || realmName === undefined)
        throw new KeycloakOperationError(
          'Policy-enforcer lookups need a Keycloak issuer of the form {serverUrl}/realms/{name}',
        );
      const { timeoutDuration, dispatcher, now } = this.#context;
      // The client's service account (client_credentials), built from what the guard checked at its edge.
      const connection = connectionFromResolved({
        connection: { baseUrl: serverUrl, timeout: timeoutDuration, maxRetries: 0, dispatcher },
        grantType: 'client_credentials',
        username: undefined,
        password: undefined,
        token: undefined,
        totp: undefined,
        realmName,
        tokenRealmName: realmName,
        clientId: this.#credentials.clientId,
        clientSecretKey: this.#credentials.clientSecret,
        refreshMarginMs: CONNECTION_DEFAULTS.refreshMarginMs,
        now,
      });
      const uma = new KeycloakUMA({ connection });
      const resources = new PathResources(finderOf(uma, timeoutDuration), this.#config, { now });
      entry = { resources, uma, connection };
      this.#realms.set(realm.issuer, entry);
    }
    return entry;
  }

  /** Closes the connection of every realm (with the guard). */
  async close(): Promise<void> {
    const connections = [...this.#realms.values()].map((entry) => entry.connection);
    this.#realms.clear();
    await Promise.allSettled(connections.map((connection) => connection.close()));
  }
}
