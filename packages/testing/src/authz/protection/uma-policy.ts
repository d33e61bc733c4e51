import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import { oauthError, type Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { groupPath } from '../../model/roles.js';
import { pageByName } from '../admin/paging.js';
import { createPolicy } from '../admin/policy-write.js';
import { policyFromRepresentation } from '../policy-input.js';
import { groupByRef, jsonList, roleById, roleName } from '../refs.js';
import { removePolicy } from '../removal.js';
import type { PolicyRepresentation } from '../representations.js';
import type { AuthzPolicy, AuthzResource, ResourceServerModel } from '../types.js';
import { jsonBody, protectionCaller, type ProtectionCaller } from './guard.js';

/**
 * The Protection API's user-managed permissions (`authz/protection/uma-policy`, Keycloak's
 * UserManagedPermissionService): a resource owner grants others access to an owner-managed resource with an
 * `uma` policy whose children are role, group, client and user policies the owner owns.
 */

/** UmaPermissionRepresentation as it arrives. */
interface UmaPermissionInput {
  id?: unknown;
  name?: unknown;
  description?: unknown;
  logic?: unknown;
  decisionStrategy?: unknown;
  scopes?: unknown;
  resources?: unknown;
  roles?: unknown;
  groups?: unknown;
  clients?: unknown;
  users?: unknown;
  condition?: unknown;
}

const invalid = (description: string) => oauthError(400, 'invalid_request', description);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

async function readRep(ctx: RequestContext): Promise<UmaPermissionInput> {
  const body = await jsonBody(ctx);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('Failed to parse representation');
  return body as UmaPermissionInput;
}

// UserManagedPermissionService.checkRequest, in Keycloak's order.
function checkRequest(caller: ProtectionCaller, resourceId: string, rep?: UmaPermissionInput): AuthzResource {
  const { server, user } = caller;
  const resource = server.resources.get(resourceId);
  if (!resource) throw invalid(`Resource [${resourceId}] cannot be found`);
  if (resource.owner !== user.id) throw invalid(`Only resource owner can access policies for resource [${resourceId}]`);
  if (!resource.ownerManagedAccess) throw invalid('Only resources with owner managed accessed can have policies');
  if (!server.allowRemoteResourceManagement)
    throw oauthError(
      403,
      'request_not_supported',
      `Remote Resource Management not enabled on resource server [${server.id}]`,
    );
  if (rep) {
    const owned = resource.scopes.map((s) => s.name);
    const asked = strings(rep.scopes);
    if (asked.some((name) => !owned.includes(name)))
      throw invalid(`Some of the scopes [${asked.join(', ')}] are not valid for resource [${resourceId}]`);
    const resources = strings(rep.resources);
    if (resources.length > 0 && (resources.length !== 1 || resources[0] !== resource.id))
      throw invalid('Invalid resource');
    if (rep.condition !== undefined && rep.condition !== null) throw invalid('Script upload not supported');
  }
  return resource;
}

// UMAPolicyProviderFactory.onCreate: one owned child policy per role, group, client and user.
function createChildren(caller: ProtectionCaller, rep: UmaPermissionInput): string[] {
  const { realm, server, user } = caller;
  const kinds: Array<[string, unknown[]]> = [
    ['role', strings(rep.roles).map((id) => ({ roles: [{ id, required: false }] }))],
    ['group', strings(rep.groups).map((path) => ({ groups: [{ path }] }))],
    ['client', strings(rep.clients).map((client) => ({ clients: [client] }))],
    ['user', strings(rep.users).map((u) => ({ users: [u] }))],
  ];
  return kinds.flatMap(([type, reps]) =>
    reps.map((typed) => {
      const child = policyFromRepresentation(realm, server, {
        ...(typed as PolicyRepresentation),
        name: randomUUID(),
        type,
        owner: user.id,
      });
      server.policies.set(child.id, child);
      return child.id;
    }),
  );
}

function umaFields(rep: UmaPermissionInput, resource: AuthzResource): PolicyRepresentation {
  const scopes = strings(rep.scopes);
  return {
    type: 'uma',
    ...(typeof rep.name === 'string' ? { name: rep.name } : {}),
    ...(typeof rep.description === 'string' ? { description: rep.description } : {}),
    ...(typeof rep.logic === 'string' ? { logic: rep.logic } : {}),
    ...(typeof rep.decisionStrategy === 'string' ? { decisionStrategy: rep.decisionStrategy } : {}),
    resources: [resource.id],
    scopes: (scopes.length ? scopes : resource.scopes.map((s) => s.name)).map(
      (name) => resource.scopes.find((s) => s.name === name)?.id ?? name,
    ),
  };
}

/** UMAPolicyProviderFactory.toRepresentation: scope names, and the children's roles, group paths, clientIds, usernames. */
function umaView(caller: ProtectionCaller, policy: AuthzPolicy): Record<string, unknown> {
  const { realm, server } = caller;
  const out: Record<string, string[]> = {};
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined) (out[key] ??= []).push(value);
  };
  for (const child of policy.policies.flatMap((id) => server.policies.get(id) ?? [])) {
    const c = child.config;
    if (child.type === 'role')
      for (const e of jsonList(c['roles'])) {
        const role = roleById(realm, String((e as { id?: unknown }).id));
        add('roles', role && roleName(realm, role));
      }
    if (child.type === 'group')
      for (const e of jsonList(c['groups'])) {
        const group = groupByRef(realm, { id: String((e as { id?: unknown }).id) });
        add('groups', group && groupPath(group));
      }
    if (child.type === 'client')
      for (const id of jsonList(c['clients']))
        add('clients', [...realm.clients.values()].find((x) => x.id === id)?.clientId);
    if (child.type === 'user')
      for (const id of jsonList(c['users'])) add('users', realm.users.get(String(id))?.username);
  }
  return {
    id: policy.id,
    name: policy.name,
    ...(policy.description !== undefined ? { description: policy.description } : {}),
    type: 'uma',
    logic: policy.logic,
    decisionStrategy: policy.decisionStrategy,
    owner: policy.owner,
    scopes: policy.scopes.flatMap((id) => server.scopes.get(id)?.name ?? []),
    ...out,
  };
}

function umaPolicyOf(server: ResourceServerModel, id: string): AuthzPolicy {
  const policy = server.policies.get(id);
  if (policy?.type !== 'uma') throw oauthError(404, 'invalid_request', `Policy with [${id}] does not exist`);
  return policy;
}

const resourceOfPolicy = (policy: AuthzPolicy): string => policy.resources[0] ?? '';

async function create(ctx: RequestContext): Promise<Reply> {
  const caller = await protectionCaller(ctx, false);
  const rep = await readRep(ctx);
  if (rep.id !== undefined && rep.id !== null) throw invalid('Newly created uma policies should not have an id');
  const resource = checkRequest(caller, ctx.params['id'] ?? '', rep);
  const policy = createPolicy(caller.realm, caller.server, { ...umaFields(rep, resource), owner: caller.user.id });
  try {
    policy.policies = createChildren(caller, rep);
  } catch (error) {
    removePolicy(caller.server, policy);
    throw error;
  }
  return { status: 200, body: umaView(caller, policy) };
}

async function getOne(ctx: RequestContext): Promise<Reply> {
  const caller = await protectionCaller(ctx, false);
  const policy = umaPolicyOf(caller.server, ctx.params['id'] ?? '');
  checkRequest(caller, resourceOfPolicy(policy));
  return { status: 200, body: umaView(caller, policy) };
}

// onUpdate replaces the children by the lists sent (a list left out removes its child); the resource is fixed.
async function update(ctx: RequestContext): Promise<Reply> {
  const caller = await protectionCaller(ctx, false);
  const rep = await readRep(ctx);
  const policy = umaPolicyOf(caller.server, ctx.params['id'] ?? '');
  const resourceId = resourceOfPolicy(policy);
  const resources = strings(rep.resources);
  if (resources.length > 1 || (resources.length === 1 && resources[0] !== resourceId))
    throw invalid('Uma permission resource cannot be changed');
  const resource = checkRequest(caller, resourceId, rep);
  const updated = policyFromRepresentation(
    caller.realm,
    caller.server,
    { ...umaFields(rep, resource), name: typeof rep.name === 'string' ? rep.name : policy.name },
    policy,
  );
  for (const id of policy.policies) {
    const child = caller.server.policies.get(id);
    if (child) removePolicy(caller.server, child);
  }
  updated.policies = createChildren(caller, rep);
  caller.server.policies.set(updated.id, updated);
  return { status: 201 };
}

async function remove(ctx: RequestContext): Promise<Reply> {
  const caller = await protectionCaller(ctx, false);
  const policy = umaPolicyOf(caller.server, ctx.params['id'] ?? '');
  checkRequest(caller, resourceOfPolicy(policy));
  removePolicy(caller.server, policy);
  return { status: 204 };
}

function matches(server: ResourceServerModel, policy: AuthzPolicy, q: URLSearchParams): boolean {
  const name = q.get('name')?.trim();
  const resource = q.get('resource')?.trim();
  const scope = q.get('scope')?.trim();
  const like = (value: string | undefined, term: string): boolean =>
    value?.toLowerCase().includes(term.toLowerCase()) === true;
  return (
    (!name || like(policy.name, name)) &&
    (!resource || policy.resources.some((id) => id === resource || like(server.resources.get(id)?.name, resource))) &&
    (!scope || policy.scopes.some((id) => id === scope || like(server.scopes.get(id)?.name, scope)))
  );
}

// The caller's own uma policies, filtered as PolicyService.findAll does with type uma and the caller as owner.
async function find(ctx: RequestContext): Promise<Reply> {
  const caller = await protectionCaller(ctx, false);
  const mine = [...caller.server.policies.values()].filter(
    (p) => p.type === 'uma' && p.owner === caller.user.id && matches(caller.server, p, ctx.url.searchParams),
  );
  return { status: 200, body: pageByName(mine, ctx.url).map((p) => umaView(caller, p)) };
}

/** `authz/protection/uma-policy` routes (endpoint `uma-policy`). */
export const umaPolicyRoutes: Route[] = [
  { method: 'GET', path: '/realms/{realm}/authz/protection/uma-policy', endpoint: 'uma-policy', handler: find },
  { method: 'POST', path: '/realms/{realm}/authz/protection/uma-policy/{id}', endpoint: 'uma-policy', handler: create },
  { method: 'GET', path: '/realms/{realm}/authz/protection/uma-policy/{id}', endpoint: 'uma-policy', handler: getOne },
  { method: 'PUT', path: '/realms/{realm}/authz/protection/uma-policy/{id}', endpoint: 'uma-policy', handler: update },
  {
    method: 'DELETE',
    path: '/realms/{realm}/authz/protection/uma-policy/{id}',
    endpoint: 'uma-policy',
    handler: remove,
  },
];
