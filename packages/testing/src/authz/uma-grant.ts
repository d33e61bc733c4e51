import { randomUUID } from 'node:crypto';
import { HttpError, oauthError, type Reply } from '../http/http-error.js';
import { allValues } from '../http/body.js';
import type { Kernel } from '../http/context.js';
import type { GrantContext } from '../http/grant-registry.js';
import { tokenReply } from '../oidc/grants/token-reply.js';
import { resolveCaller, ID_TOKEN_FORMAT, JWT_FORMAT, type UmaCaller } from './caller.js';
import { evaluatePermissions, type GrantedPermission, type ResourcePermission } from './evaluator.js';
import { identityOf } from './identity.js';
import { parsePermission, resolveRequest } from './permission-request.js';
import type { PolicyEnv } from './policies.js';
import { resourceServerOf } from './resource-server.js';
import { issueRpt, previousPermissions } from './rpt.js';
import { readTicket, type TicketPermission } from './tickets.js';
import type { ResourceServerModel } from './types.js';

/** The UMA ticket grant type. */
export const UMA_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:uma-ticket';

const flag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined ? fallback : value === 'true';

// claim_token in the jwt format is base64url JSON whose claims are string arrays [D-service-authorization-pushing-claims].
function pushedClaims(form: Map<string, string>): Record<string, string[]> {
  const token = form.get('claim_token');
  if (!token || (form.get('claim_token_format') ?? ID_TOKEN_FORMAT) !== JWT_FORMAT) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]));
  } catch {
    throw oauthError(400, 'invalid_request', 'Invalid claims');
  }
}

function countAndFault(kernel: Kernel, socket: { destroy(): void }): void {
  kernel.counters?.increment('uma-grant');
  const fault = kernel.faults?.take('uma-grant');
  if (fault?.kind === 'reset') {
    // as the router's reset fault: the client sees the connection drop; the reply below is never written
    socket.destroy();
    throw new HttpError({ status: 500 });
  }
  if (fault?.kind === 'status')
    throw new HttpError({ status: fault.status, ...(fault.body !== undefined ? { body: fault.body } : {}) });
}

function targetServer(grant: Omit<GrantContext, 'client'>, audience: string | undefined): ResourceServerModel {
  if (!audience) throw oauthError(400, 'invalid_request', 'You must provide the issuedFor');
  const client = grant.realm.clients.get(audience);
  if (!client) throw oauthError(400, 'invalid_request', `Unknown resource server id: [${audience}]`);
  const server = resourceServerOf(client);
  if (!server) throw oauthError(400, 'invalid_request', 'Client does not support permissions');
  return server;
}

function ticketTargets(server: ResourceServerModel, permissions: TicketPermission[]): ResourcePermission[] {
  return permissions.map((p) => {
    const resource = p.rsid ? server.resources.get(p.rsid) : undefined;
    const scopes = (p.scopes ?? [])
      .map((name) => [...server.scopes.values()].find((s) => s.name === name || s.id === name))
      .filter((s) => s !== undefined);
    return {
      resource,
      scopes: scopes.length === 0 && resource ? [...resource.scopes] : scopes,
      ...(p.claims ? { claims: p.claims } : {}),
    };
  });
}

// AuthorizationTokenService.createPermissionRequest... submit_request: a pending ticket per denied scope.
function submitRequests(
  server: ResourceServerModel,
  caller: UmaCaller,
  targets: ResourcePermission[],
  nowMs: number,
): void {
  for (const { resource, scopes } of targets) {
    if (!resource?.ownerManagedAccess || resource.owner === caller.user.id) continue;
    for (const scope of scopes.length ? scopes : [undefined]) {
      const exists = [...server.tickets.values()].some(
        (t) => t.resource === resource.id && t.requester === caller.user.id && t.scope === scope?.id,
      );
      if (exists) continue;
      const id = randomUUID();
      server.tickets.set(id, {
        id,
        owner: resource.owner,
        resource: resource.id,
        requester: caller.user.id,
        createdTimestamp: nowMs,
        ...(scope ? { scope: scope.id } : {}),
      });
    }
  }
}

function contained(previous: GrantedPermission, granted: GrantedPermission[]): boolean {
  return granted.some((g) => g.rsid === previous.rsid && (previous.scopes ?? []).every((s) => g.scopes?.includes(s)));
}

/** grant_type=urn:ietf:params:oauth:grant-type:uma-ticket (PermissionGrantType + AuthorizationTokenService). */
export async function umaGrant(
  grant: Omit<GrantContext, 'client'> & { client?: GrantContext['client'] },
): Promise<Reply> {
  const { ctx, realm, form } = grant;
  countAndFault(ctx.kernel, ctx.req.socket);
  const format = form.get('claim_token_format');
  if (format !== undefined && format !== JWT_FORMAT && format !== ID_TOKEN_FORMAT)
    throw oauthError(400, 'invalid_request', `Claim token format [${format}] not supported`);
  const mode = form.get('response_mode');
  if (mode !== undefined && mode !== 'decision' && mode !== 'permissions')
    throw oauthError(400, 'invalid_request', 'Invalid response_mode');
  const ticket = form.get('ticket');
  // AuthorizationTokenService.isPublicClientRequestingEntitlementWithClaims: the client that authenticated,
  // or the one the bearer token was issued to, may not push claims unless a ticket carries them.
  const refuseClaimsOf = (client: { publicClient?: boolean } | undefined): void => {
    if (client?.publicClient && form.get('claim_token') && !ticket)
      throw oauthError(403, 'invalid_grant', 'Public clients are not allowed to send claims');
  };
  refuseClaimsOf(grant.client);
  const caller = await resolveCaller(ctx, realm, form, grant.client);
  refuseClaimsOf(caller.client);
  const attributes = pushedClaims(form);

  let ticketPermissions: TicketPermission[] | undefined;
  let audience = form.get('audience');
  if (ticket) {
    const read = await readTicket(realm, ticket, ctx.issuer(realm), ctx.nowSeconds);
    if (!read.ok)
      throw oauthError(
        403,
        'invalid_ticket',
        read.reason === 'expired' ? 'Invalid permission ticket.' : 'Ticket verification failed',
      );
    ticketPermissions = read.claims.permissions;
    audience = read.claims.azp;
    for (const p of ticketPermissions) Object.assign(attributes, p.claims);
  }
  const server = targetServer(grant, audience);
  const identity = identityOf(realm, caller.claims);
  const requested = allValues(await ctx.body(), 'permission');
  const extraScopes = (form.get('scope') ?? '')
    .split(' ')
    .filter((s) => s && [...server.scopes.values()].some((x) => x.name === s));
  const targets = ticketPermissions
    ? ticketTargets(server, ticketPermissions)
    : resolveRequest(
        server,
        identity,
        requested.map(parsePermission),
        extraScopes,
        form.get('permission_resource_format') ?? 'id',
        flag(form.get('permission_resource_matching_uri'), false),
      );

  const rpt = form.get('rpt');
  const previous = rpt ? await previousPermissions(ctx, realm, rpt) : [];
  const env: PolicyEnv = {
    realm,
    server,
    identity,
    nowMs: ctx.kernel.clock.now(),
    attributes: {
      ...attributes,
      'kc.client.id': [caller.client.clientId],
      'kc.realm.name': [realm.name],
      'kc.client.network.ip_address': [ctx.req.socket.remoteAddress ?? ''],
    },
  };
  const includeName = flag(form.get('response_include_resource_name'), true);
  // resolvePreviousGrantedPermissions: an earlier RPT's permissions are evaluated again with the new request.
  const previousTargets = ticketTargets(
    server,
    previous.filter((p) => p.rsid && !targets.some((t) => t.resource?.id === p.rsid)),
  );
  const requestedGranted = evaluatePermissions(env, targets, includeName);
  let granted = [
    ...requestedGranted,
    ...evaluatePermissions(
      env,
      previousTargets.filter((t) => t.resource),
      includeName,
    ),
  ];
  if (previous.length > 0 && requested.length > 0 && requestedGranted.length < targets.length) granted = [];
  const upgraded = previous.length > 0 && previous.every((p) => contained(p, granted));
  const merged = granted;
  const limit = Number(form.get('response_permissions_limit'));
  const permissions =
    Number.isInteger(limit) && limit > 0 ? (rpt ? merged.slice(-limit) : merged.slice(0, limit)) : merged;

  if (granted.length === 0) {
    if (ticket && flag(form.get('submit_request'), true)) {
      submitRequests(server, caller, targets, ctx.kernel.clock.now());
      throw oauthError(403, 'access_denied', 'request_submitted');
    }
    throw oauthError(403, 'access_denied', 'not_authorized');
  }
  if (mode === 'decision') return tokenReply({ result: true });
  if (mode === 'permissions') return { ...tokenReply({}), body: permissions };
  const response = await issueRpt(ctx, realm, caller, server, permissions);
  return tokenReply({ upgraded, ...response });
}
