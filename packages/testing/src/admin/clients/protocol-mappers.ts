import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { isProtocolMapperProvider } from '../../model/protocol-mapper-providers.js';
import type { ProtocolMapperRepresentation } from '../../model/representations.js';
import { realmAdminRequest } from '../admin-context.js';
import { PROTOCOL_MAPPER_SHAPE } from './client-fields.js';
import { clientAdminRequest, findClientScope } from './client-lookup.js';
import { stringMap } from './client-write.js';
import { cannotParseJson, errorMessage, errorResponse, malformedJson } from '../errors.js';
import { expectTypes, readJsonObject, type JsonObject } from '../json-body.js';
import { allowIf, type RealmPermissions } from '../permissions.js';

/** What holds protocol mappers: a client or a client scope. */
interface MapperContainer {
  protocol: string;
  protocolMappers: ProtocolMapperRepresentation[];
}

type Resolve = (ctx: RequestContext) => Promise<{ container: MapperContainer; perms: RealmPermissions }>;

const MAPPER_TYPES = {
  id: 'string',
  name: 'string',
  protocol: 'string',
  protocolMapper: 'string',
  consentRequired: 'boolean',
  config: 'object',
} as const;

/** ModelToRepresentation.toRepresentation(ProtocolMapperModel). */
function mapperToRepresentation(mapper: ProtocolMapperRepresentation, container: MapperContainer): JsonObject {
  return {
    id: mapper.id,
    name: mapper.name,
    protocol: mapper.protocol ?? container.protocol,
    protocolMapper: mapper.protocolMapper,
    consentRequired: false,
    config: { ...mapper.config },
  };
}

// ProtocolMappersResource.validateModel: a mapper type without a provider (of any protocol) is 404.
function mapperFrom(rep: JsonObject, container: MapperContainer, id: string): ProtocolMapperRepresentation {
  expectTypes(rep, MAPPER_TYPES);
  const type = rep['protocolMapper'];
  if (typeof type !== 'string' || !isProtocolMapperProvider(type))
    throw errorMessage(404, 'ProtocolMapper provider not found');
  const name = rep['name'];
  if (typeof name !== 'string' || name.trim() === '') throw errorResponse(400, 'Protocol mapper name is missing');
  const protocol = typeof rep['protocol'] === 'string' ? rep['protocol'] : container.protocol;
  const config = stringMap(rep['config']);
  return {
    id,
    name,
    protocol,
    protocolMapper: type,
    consentRequired: false,
    config: protocol === 'openid-connect' ? withTokenDefaults(config) : config,
  };
}

// AbstractOIDCProtocolMapper.validateConfig (Keycloak 26): an OIDC mapper that does not say whether it applies to
// introspection follows its access-token setting, and one silent on userinfo follows its ID-token setting.
function withTokenDefaults(config: Record<string, string>): Record<string, string> {
  const out = { ...config };
  if (out['access.token.claim'] !== undefined && out['introspection.token.claim'] === undefined)
    out['introspection.token.claim'] = out['access.token.claim'];
  if (out['id.token.claim'] !== undefined && out['userinfo.token.claim'] === undefined)
    out['userinfo.token.claim'] = out['id.token.claim'];
  return out;
}

function addMapper(container: MapperContainer, mapper: ProtocolMapperRepresentation): void {
  if (
    container.protocolMappers.some(
      (m) => m.name === mapper.name && (m.protocol ?? container.protocol) === mapper.protocol,
    )
  ) {
    throw errorResponse(409, 'Protocol mapper exists with same name');
  }
  container.protocolMappers.push(mapper);
}

function findMapper(ctx: RequestContext, container: MapperContainer): ProtocolMapperRepresentation {
  const mapper = container.protocolMappers.find((m) => m.id === ctx.params['mapper']);
  if (!mapper) throw errorMessage(404, 'Model not found');
  return mapper;
}

function newId(rep: JsonObject): string {
  return typeof rep['id'] === 'string' && rep['id'] !== '' ? rep['id'] : randomUUID();
}

/** The ProtocolMappersResource routes under `base`, whose container `resolve` finds (after the caller's checks). */
function mapperRoutes(base: string, resolve: Resolve): Route[] {
  const list = async (ctx: RequestContext): Promise<Reply> => {
    const { container, perms } = await resolve(ctx);
    allowIf(perms.canViewClients());
    const protocol = ctx.params['protocol'];
    const mappers = container.protocolMappers.filter(
      (m) => protocol === undefined || (m.protocol ?? container.protocol) === protocol,
    );
    return { status: 200, body: mappers.map((m) => mapperToRepresentation(m, container)) };
  };
  const create = async (ctx: RequestContext): Promise<Reply> => {
    const { container, perms } = await resolve(ctx);
    allowIf(perms.canManageClients());
    const rep = await readJsonObject(ctx, PROTOCOL_MAPPER_SHAPE);
    const mapper = mapperFrom(rep, container, newId(rep));
    addMapper(container, mapper);
    return {
      status: 201,
      headers: { location: `${ctx.baseUrl}${ctx.url.pathname.replace(/\/$/, '')}/${mapper.id ?? ''}` },
    };
  };
  const addModels = async (ctx: RequestContext): Promise<Reply> => {
    const { container, perms } = await resolve(ctx);
    allowIf(perms.canManageClients());
    const raw = await ctx.body();
    let reps: unknown;
    try {
      reps = JSON.parse(raw.toString('utf8'));
    } catch {
      throw malformedJson();
    }
    if (!Array.isArray(reps) || reps.some((r) => !r || typeof r !== 'object' || Array.isArray(r)))
      throw cannotParseJson();
    // One transaction in Keycloak: a refused model leaves none of the list added.
    const before = [...container.protocolMappers];
    try {
      for (const rep of reps as JsonObject[]) addMapper(container, mapperFrom(rep, container, newId(rep)));
    } catch (error) {
      container.protocolMappers.splice(0, container.protocolMappers.length, ...before);
      throw error;
    }
    return { status: 204 };
  };
  const getOne = async (ctx: RequestContext): Promise<Reply> => {
    const { container, perms } = await resolve(ctx);
    allowIf(perms.canViewClients());
    return { status: 200, body: mapperToRepresentation(findMapper(ctx, container), container) };
  };
  const update = async (ctx: RequestContext): Promise<Reply> => {
    const { container, perms } = await resolve(ctx);
    allowIf(perms.canManageClients());
    const existing = findMapper(ctx, container);
    const rep = await readJsonObject(ctx, PROTOCOL_MAPPER_SHAPE);
    const updated = mapperFrom(
      { name: existing.name, protocolMapper: existing.protocolMapper, ...rep },
      container,
      existing.id ?? randomUUID(),
    );
    container.protocolMappers[container.protocolMappers.indexOf(existing)] = updated;
    return { status: 204 };
  };
  const remove = async (ctx: RequestContext): Promise<Reply> => {
    const { container, perms } = await resolve(ctx);
    allowIf(perms.canManageClients());
    const existing = findMapper(ctx, container);
    container.protocolMappers.splice(container.protocolMappers.indexOf(existing), 1);
    return { status: 204 };
  };
  return [
    { method: 'GET', path: `${base}/protocol-mappers/models`, endpoint: 'admin', handler: list },
    { method: 'POST', path: `${base}/protocol-mappers/models`, endpoint: 'admin', handler: create },
    { method: 'POST', path: `${base}/protocol-mappers/add-models`, endpoint: 'admin', handler: addModels },
    { method: 'GET', path: `${base}/protocol-mappers/protocol/{protocol}`, endpoint: 'admin', handler: list },
    { method: 'GET', path: `${base}/protocol-mappers/models/{mapper}`, endpoint: 'admin', handler: getOne },
    { method: 'PUT', path: `${base}/protocol-mappers/models/{mapper}`, endpoint: 'admin', handler: update },
    { method: 'DELETE', path: `${base}/protocol-mappers/models/{mapper}`, endpoint: 'admin', handler: remove },
  ];
}

async function clientContainer(ctx: RequestContext): Promise<{ container: MapperContainer; perms: RealmPermissions }> {
  const { client, perms } = await clientAdminRequest(ctx);
  return { container: client, perms };
}

async function scopeContainer(ctx: RequestContext): Promise<{ container: MapperContainer; perms: RealmPermissions }> {
  const { realm, perms } = await realmAdminRequest(ctx);
  return { container: findClientScope(realm, perms, ctx.params['scope'] ?? ''), perms };
}

/** Protocol mapper routes of clients and of client scopes. */
export const protocolMapperRoutes: Route[] = [
  ...mapperRoutes('/admin/realms/{realm}/clients/{id}', clientContainer),
  ...mapperRoutes('/admin/realms/{realm}/client-scopes/{scope}', scopeContainer),
];
