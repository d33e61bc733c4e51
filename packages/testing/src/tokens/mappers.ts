import type { ProtocolMapperRepresentation } from '../model/representations.js';
import { clientById, groupPath } from '../model/roles.js';
import type { ClientModel, RealmModel, RoleModel, UserModel } from '../model/types.js';
import type { UserSession } from '../sessions/session-store.js';

/** Which token a mapper writes into; each maps to Keycloak's `<kind>.token.claim` config flag. */
export type TokenKind = 'access' | 'id' | 'userinfo' | 'introspection';

/** What a mapper may read. */
export interface MapperInput {
  realm: RealmModel;
  client: ClientModel;
  user: UserModel;
  session?: UserSession;
  /** The user's roles after composites and the client's scope, as they go into the token. */
  roles: Set<RoleModel>;
  claims: Record<string, unknown>;
  kind: TokenKind;
}

type MapperFn = (mapper: ProtocolMapperRepresentation, input: MapperInput) => void;

const FLAG: Record<TokenKind, string> = {
  access: 'access.token.claim',
  id: 'id.token.claim',
  userinfo: 'userinfo.token.claim',
  introspection: 'introspection.token.claim',
};

function convert(value: string, type: string | undefined): unknown {
  switch (type) {
    case 'boolean':
      return value === 'true';
    case 'long':
    case 'int':
      return Number.isFinite(Number(value)) ? Number(value) : value;
    case 'JSON':
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    default:
      return value;
  }
}

/** Sets a claim; dots in the name nest objects as Keycloak's OIDCAttributeMapperHelper does (`\.` escapes). */
export function setClaim(claims: Record<string, unknown>, name: string, value: unknown): void {
  const parts = name.split(/(?<!\\)\./).map((p) => p.replace(/\\\./g, '.'));
  let target = claims;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (!next || typeof next !== 'object' || Array.isArray(next)) target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  target[parts[parts.length - 1] ?? name] = value;
}

function setMulti(
  claims: Record<string, unknown>,
  name: string,
  values: string[],
  multivalued: boolean,
  type?: string,
): void {
  if (values.length === 0) return;
  setClaim(claims, name, multivalued ? values.map((v) => convert(v, type)) : convert(values[0] ?? '', type));
}

const USER_PROPERTIES: Record<string, (u: UserModel) => string | undefined> = {
  username: (u) => u.username,
  firstName: (u) => u.firstName,
  lastName: (u) => u.lastName,
  email: (u) => u.email,
  emailVerified: (u) => String(u.emailVerified),
  enabled: (u) => String(u.enabled),
  createdTimestamp: (u) => String(u.createdTimestamp),
};

function userValues(user: UserModel, attribute: string): string[] {
  const property = USER_PROPERTIES[attribute]?.(user);
  if (property !== undefined) return [property];
  return user.attributes[attribute] ?? [];
}

function roleClaim(mapper: ProtocolMapperRepresentation, input: MapperInput, realmRoles: boolean): void {
  const config = mapper.config ?? {};
  const wantedClient = config['usermodel.clientRoleMapping.clientId'];
  const prefix =
    (realmRoles ? config['usermodel.realmRoleMapping.rolePrefix'] : config['usermodel.clientRoleMapping.rolePrefix']) ??
    '';
  const byClient = new Map<string, string[]>();
  for (const role of input.roles) {
    if (realmRoles !== !role.clientId) continue;
    const owner = role.clientId ? clientById(input.realm, role.clientId)?.clientId : '';
    if (owner === undefined || (!realmRoles && wantedClient && owner !== wantedClient)) continue;
    byClient.set(owner, [...(byClient.get(owner) ?? []), prefix + role.name]);
  }
  const claimName = config['claim.name'] ?? (realmRoles ? 'realm_access.roles' : 'resource_access.${client_id}.roles');
  for (const [owner, names] of byClient) {
    names.sort();
    setClaim(
      input.claims,
      claimName.replace('${client_id}', owner.replace(/\./g, '\\.')),
      config['multivalued'] === 'false' ? names[0] : names,
    );
  }
}

function webOrigins(client: ClientModel): string[] {
  const out = new Set<string>();
  for (const origin of client.webOrigins) {
    if (origin !== '+') out.add(origin);
    else
      for (const uri of client.redirectUris) {
        try {
          out.add(new URL(uri.replace(/\*$/, '')).origin);
        } catch {
          /* relative redirect URIs have no origin */
        }
      }
  }
  return [...out];
}

const MAPPERS: Record<string, MapperFn> = {
  'oidc-sub-mapper': (_m, i) => {
    i.claims['sub'] = i.user.id;
  },
  'oidc-usersessionmodel-note-mapper': (m, i) => {
    const note = i.session?.notes[m.config?.['user.session.note'] ?? ''];
    if (note !== undefined && m.config?.['claim.name'])
      setClaim(i.claims, m.config['claim.name'], convert(note, m.config['jsonType.label']));
  },
  'oidc-allowed-origins-mapper': (_m, i) => {
    const origins = webOrigins(i.client);
    if (origins.length) i.claims['allowed-origins'] = origins;
  },
  'oidc-acr-mapper': (_m, i) => {
    i.claims['acr'] = '1';
  },
  'oidc-usermodel-attribute-mapper': (m, i) => {
    const c = m.config ?? {};
    if (c['claim.name'])
      setMulti(
        i.claims,
        c['claim.name'],
        userValues(i.user, c['user.attribute'] ?? ''),
        c['multivalued'] === 'true',
        c['jsonType.label'],
      );
  },
  'oidc-usermodel-property-mapper': (m, i) => {
    const c = m.config ?? {};
    if (c['claim.name'])
      setMulti(i.claims, c['claim.name'], userValues(i.user, c['user.attribute'] ?? ''), false, c['jsonType.label']);
  },
  'oidc-full-name-mapper': (_m, i) => {
    const name = [i.user.firstName, i.user.lastName].filter(Boolean).join(' ');
    if (name) i.claims['name'] = name;
  },
  'oidc-usermodel-realm-role-mapper': (m, i) => roleClaim(m, i, true),
  'oidc-usermodel-client-role-mapper': (m, i) => roleClaim(m, i, false),
  'oidc-audience-resolve-mapper': (_m, i) => {
    for (const role of i.roles) {
      const owner = role.clientId ? clientById(i.realm, role.clientId) : undefined;
      if (owner && owner.id !== i.client.id) addAudience(i.claims, owner.clientId);
    }
  },
  'oidc-audience-mapper': (m, i) => {
    const audience = m.config?.['included.client.audience'] || m.config?.['included.custom.audience'];
    if (audience) addAudience(i.claims, audience);
  },
  'oidc-hardcoded-claim-mapper': (m, i) => {
    const c = m.config ?? {};
    if (c['claim.name'] && c['claim.value'] !== undefined)
      setClaim(i.claims, c['claim.name'], convert(c['claim.value'], c['jsonType.label']));
  },
  'oidc-group-membership-mapper': (m, i) => {
    const full = m.config?.['full.path'] !== 'false';
    const groups = [...i.user.groups].map((g) => (full ? groupPath(g) : g.name));
    if (groups.length) setClaim(i.claims, m.config?.['claim.name'] ?? 'groups', groups);
  },
  'oidc-address-mapper': (m, i) => {
    const c = m.config ?? {};
    const address: Record<string, string> = {};
    for (const part of ['formatted', 'street_address', 'locality', 'region', 'postal_code', 'country']) {
      const attribute = c[`user.attribute.${part === 'street_address' ? 'street' : part}`] ?? part;
      const value = i.user.attributes[attribute]?.[0];
      if (value !== undefined) address[part] = value;
    }
    if (Object.keys(address).length) i.claims['address'] = address;
  },
};

function addAudience(claims: Record<string, unknown>, audience: string): void {
  const current = claims['aud'];
  const list = Array.isArray(current) ? (current as string[]) : typeof current === 'string' ? [current] : [];
  if (!list.includes(audience)) list.push(audience);
  claims['aud'] = list;
}

/** Whether a mapper writes into this kind of token (a lightweight access token only takes `lightweight.claim`). */
export function mapperApplies(mapper: ProtocolMapperRepresentation, kind: TokenKind, lightweight: boolean): boolean {
  const config = mapper.config ?? {};
  if (kind === 'access' && lightweight) return config['lightweight.claim'] === 'true';
  // The basic scope's sub mapper and the audience mappers have no id-token flag: Keycloak sets those itself.
  return config[FLAG[kind]] === 'true';
}

/**
 * Mapper priorities that are not 0 (ProtocolMapperUtils: SUB_MAPPER, PRIORITY_AUDIENCE_RESOLVE_MAPPER,
 * PRIORITY_ROLE_MAPPER). Keycloak runs a token's mappers sorted by priority, so the audience resolve mapper
 * appends its clients after every Audience mapper has written its own, wherever each mapper is defined.
 */
const PRIORITY: Readonly<Record<string, number>> = {
  'oidc-sub-mapper': -10,
  'oidc-audience-resolve-mapper': 30,
  'oidc-usermodel-realm-role-mapper': 40,
  'oidc-usermodel-client-role-mapper': 40,
};

const priorityOf = (mapper: ProtocolMapperRepresentation): number => PRIORITY[mapper.protocolMapper] ?? 0;

/**
 * Runs the mappers that apply to `input.kind` by priority, in the given order within one priority (a stable
 * sort, as ProtocolMapperUtils.getSortedProtocolMappers); unknown mapper types are skipped.
 */
export function applyMappers(
  mappers: readonly ProtocolMapperRepresentation[],
  input: MapperInput,
  lightweight = false,
): void {
  const sorted = [...mappers].sort((a, b) => priorityOf(a) - priorityOf(b));
  for (const mapper of sorted)
    if (mapperApplies(mapper, input.kind, lightweight)) MAPPERS[mapper.protocolMapper]?.(mapper, input);
}
