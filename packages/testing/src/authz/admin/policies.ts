import { booleanParam, readJsonObject } from '../../admin/json-body.js';
import { allowIf } from '../../admin/permissions.js';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { removePolicy } from '../removal.js';
import type { PolicyRepresentation } from '../representations.js';
import type { AuthzPolicy, ResourceServerModel } from '../types.js';
import { authzAdminRequest, hasAuthzRight, notFoundPlain, type AuthzAdminRequest, type AuthzRight } from './context.js';
import { filterParam, nameLike, pageByName } from './paging.js';
import {
  createdEcho,
  createPolicy,
  isPermission,
  PERMISSION_TYPES,
  POLICY_TYPES,
  updatePolicy,
} from './policy-write.js';
import { policySummary, policyView, typedPolicyView } from './views.js';

/** PolicyService.findPolicyProviders: the providers the admin console offers, in Keycloak 26.7.3's order. */
const POLICY_PROVIDERS = [
  { type: 'regex', name: 'Regex', group: 'Identity Based' },
  { type: 'role', name: 'Role', group: 'Identity Based' },
  { type: 'resource', name: 'Resource-Based', group: 'Permission' },
  { type: 'scope', name: 'Scope-Based', group: 'Permission' },
  { type: 'client', name: 'Client', group: 'Identity Based' },
  { type: 'time', name: 'Time', group: 'Time Based' },
  { type: 'user', name: 'User', group: 'Identity Based' },
  { type: 'client-scope', name: 'Client Scope', group: 'Identity Based' },
  { type: 'group', name: 'Group', group: 'Identity Based' },
  { type: 'aggregate', name: 'Aggregated', group: 'Others' },
] as const;

/** `policy` (PolicyService) or `permission` (PermissionService: only permission types, view checked first). */
type Kind = 'policy' | 'permission';

const RS = '/admin/realms/{realm}/clients/{client}/authz/resource-server';

async function request(ctx: RequestContext, kind: Kind, right: AuthzRight): Promise<AuthzAdminRequest> {
  const req = await authzAdminRequest(ctx, right);
  // ResourceServerService.getPermissionTypeResource requires view before the operation's own check.
  if (kind === 'permission') allowIf(hasAuthzRight(req.perms, 'view'));
  return req;
}

const typesOf = (kind: Kind): ReadonlySet<string> => (kind === 'policy' ? POLICY_TYPES : PERMISSION_TYPES);

function policyOf(server: ResourceServerModel, id: string | undefined): AuthzPolicy {
  return server.policies.get(id ?? '') ?? notFoundPlain();
}

// PolicyService.findAll's resource and scope filters: the policies on matching resources (and their types) or
// scopes, widened by everything they apply; none at all short-circuits to an empty list.
function byResourceOrScope(
  server: ResourceServerModel,
  resource: string | undefined,
  scope: string | undefined,
): Set<string> {
  const hits = new Set<string>();
  const all = [...server.policies.values()];
  if (resource) {
    for (const r of server.resources.values()) {
      if (!nameLike(r.name, resource)) continue;
      for (const p of all)
        if (p.resources.includes(r.id) || (r.type !== undefined && p.config['defaultResourceType'] === r.type))
          hits.add(p.id);
    }
  }
  if (scope) {
    for (const s of server.scopes.values())
      if (nameLike(s.name, scope)) for (const p of all) if (p.scopes.includes(s.id)) hits.add(p.id);
  }
  const widen = (id: string): void => {
    for (const child of server.policies.get(id)?.policies ?? [])
      if (!hits.has(child)) {
        hits.add(child);
        widen(child);
      }
  };
  for (const id of [...hits]) widen(id);
  return hits;
}

async function list(ctx: RequestContext, kind: Kind, type: string | undefined): Promise<Reply> {
  const { server } = await request(ctx, kind, 'view');
  const url = ctx.url;
  const id = filterParam(url, 'policyId');
  const name = filterParam(url, 'name');
  const wantedType = type ?? filterParam(url, 'type');
  const owner = filterParam(url, 'owner');
  const permission = kind === 'permission' ? true : booleanParam(url, 'permission');
  const resource = url.searchParams.get('resource');
  const scope = url.searchParams.get('scope');
  let ids: Set<string> | undefined;
  if (resource !== null || scope !== null) {
    ids = byResourceOrScope(server, resource?.trim() || undefined, scope?.trim() || undefined);
    if (ids.size === 0) return { status: 200, body: [] };
  }
  const found = [...server.policies.values()].filter(
    (p) =>
      (!id || p.id === id) &&
      (!ids || ids.has(p.id)) &&
      (!name || nameLike(p.name, name)) &&
      (!wantedType || p.type === wantedType) &&
      (owner ? p.owner === owner : p.owner === undefined) &&
      (permission === undefined || isPermission(p) === permission),
  );
  // PermissionService lists typed representations (resourceType, no config); PolicyService the generic ones.
  return { status: 200, body: pageByName(found, url).map(kind === 'permission' ? typedPolicyView : policyView) };
}

async function create(ctx: RequestContext, kind: Kind, type: string | undefined): Promise<Reply> {
  const { realm, server } = await request(ctx, kind, 'manage');
  const rep = (await readJsonObject(ctx)) as PolicyRepresentation;
  const sent: PolicyRepresentation = type ? { ...rep, type } : rep;
  return { status: 201, body: createdEcho(sent, createPolicy(realm, server, sent)) };
}

async function search(ctx: RequestContext, kind: Kind): Promise<Reply> {
  const { server } = await request(ctx, kind, 'view');
  const name = ctx.url.searchParams.get('name');
  if (name === null) return { status: 400 };
  const policy = [...server.policies.values()].find((p) => p.name === name);
  return policy ? { status: 200, body: policyView(policy) } : { status: 204 };
}

/** `GET .../{x}`: the policies of type x when x names a provider, else the policy with id x. */
async function getFirst(ctx: RequestContext, kind: Kind): Promise<Reply> {
  const x = ctx.params['x'] ?? '';
  if (kind === 'policy' && x === 'providers') {
    await request(ctx, kind, 'view');
    return { status: 200, body: POLICY_PROVIDERS.map((p) => ({ ...p })) };
  }
  if (typesOf(kind).has(x)) return list(ctx, kind, x);
  const { server } = await request(ctx, kind, 'view');
  return { status: 200, body: policyView(policyOf(server, x)) };
}

async function postFirst(ctx: RequestContext, kind: Kind): Promise<Reply> {
  const x = ctx.params['x'] ?? '';
  // js policies cannot be created over the API since Keycloak 18 (they are deployed as scripts): 404.
  if (!typesOf(kind).has(x) || x === 'js') {
    await request(ctx, kind, 'manage');
    notFoundPlain();
  }
  return create(ctx, kind, x);
}

// PolicyResourceService.update answers 201 Created without a body; delete 204.
async function writeOne(ctx: RequestContext, kind: Kind, id: string | undefined): Promise<Reply> {
  const { realm, server } = await request(ctx, kind, 'manage');
  if (ctx.req.method === 'DELETE') {
    removePolicy(server, policyOf(server, id));
    return { status: 204 };
  }
  const rep = (await readJsonObject(ctx)) as PolicyRepresentation;
  updatePolicy(realm, server, policyOf(server, id), rep);
  return { status: 201 };
}

const SUB_RESOURCES: Record<string, (server: ResourceServerModel, policy: AuthzPolicy) => unknown[]> = {
  associatedPolicies: (server, policy) =>
    policy.policies.flatMap((id) => server.policies.get(id) ?? []).map((p) => policySummary(p, true)),
  dependentPolicies: (server, policy) =>
    [...server.policies.values()].filter((p) => p.policies.includes(policy.id)).map((p) => policySummary(p)),
  resources: (server, policy) =>
    policy.resources.flatMap((id) => server.resources.get(id) ?? []).map((r) => ({ name: r.name, _id: r.id })),
  scopes: (server, policy) =>
    policy.scopes.flatMap((id) => server.scopes.get(id) ?? []).map((s) => ({ id: s.id, name: s.name })),
};

/** `.../{x}/{y}`: policy y of type x (typed form), or sub-resource y of policy x. */
async function second(ctx: RequestContext, kind: Kind): Promise<Reply> {
  const x = ctx.params['x'] ?? '';
  const y = ctx.params['y'] ?? '';
  const typed = typesOf(kind).has(x);
  if (ctx.req.method !== 'GET') {
    if (!typed) notFoundPlain();
    return writeOne(ctx, kind, y);
  }
  const { server } = await request(ctx, kind, 'view');
  if (typed) return { status: 200, body: typedPolicyView(policyOf(server, y)) };
  const sub = SUB_RESOURCES[y];
  if (!sub) notFoundPlain();
  return { status: 200, body: sub(server, policyOf(server, x)) };
}

function routesOf(kind: Kind): Route[] {
  const base = `${RS}/${kind}`;
  return [
    { method: 'GET', path: base, endpoint: 'admin', handler: (ctx) => list(ctx, kind, undefined) },
    { method: 'POST', path: base, endpoint: 'admin', handler: (ctx) => create(ctx, kind, undefined) },
    { method: 'GET', path: `${base}/search`, endpoint: 'admin', handler: (ctx) => search(ctx, kind) },
    { method: 'GET', path: `${base}/{x}`, endpoint: 'admin', handler: (ctx) => getFirst(ctx, kind) },
    { method: 'POST', path: `${base}/{x}`, endpoint: 'admin', handler: (ctx) => postFirst(ctx, kind) },
    {
      method: ['PUT', 'DELETE'],
      path: `${base}/{x}`,
      endpoint: 'admin',
      handler: (ctx) => writeOne(ctx, kind, ctx.params['x']),
    },
    {
      method: ['GET', 'PUT', 'DELETE'],
      path: `${base}/{x}/{y}`,
      endpoint: 'admin',
      handler: (ctx) => second(ctx, kind),
    },
  ];
}

/** `.../authz/resource-server/policy` and `.../permission` routes (generic, per type, and sub-resources). */
export const policyAdminRoutes: Route[] = [...routesOf('policy'), ...routesOf('permission')];
