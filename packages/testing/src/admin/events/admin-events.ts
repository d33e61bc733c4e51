import { mediaType } from '../../http/body.js';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { recordAdminEvent, type AdminEvent } from '../../events/event-store.js';
import { authenticateAdmin } from '../auth.js';
import { realmSetting } from '../realms/realm-representation.js';

const RESOURCE_TYPES: [RegExp, string][] = [
  [/^authentication\/flows\/[^/]+\/executions/, 'AUTH_EXECUTION'],
  [/^authentication\/(flows|executions\/[^/]+\/config)/, 'AUTH_FLOW'],
  [/^authentication\/executions/, 'AUTH_EXECUTION'],
  [/^authentication\/config/, 'AUTHENTICATOR_CONFIG'],
  [/^authentication\/required-actions/, 'REQUIRED_ACTION'],
  [/^users\/[^/]+\/role-mappings/, 'REALM_ROLE_MAPPING'],
  [/^users/, 'USER'],
  [/^groups/, 'GROUP'],
  [/^clients\/[^/]+\/roles/, 'CLIENT_ROLE'],
  [/^clients/, 'CLIENT'],
  [/^client-scopes/, 'CLIENT_SCOPE'],
  [/^(roles|roles-by-id)/, 'REALM_ROLE'],
  [/^components/, 'COMPONENT'],
  [/^attack-detection/, 'USER_LOGIN_FAILURE'],
  [/^(partialImport)/, 'REALM'],
];

function resourceTypeOf(path: string): string {
  return RESOURCE_TYPES.find(([pattern]) => pattern.test(path))?.[1] ?? 'REALM';
}

function operationOf(method: string, path: string): AdminEvent['operationType'] {
  if (method === 'PUT') return 'UPDATE';
  if (method === 'DELETE') return 'DELETE';
  return /(raise|lower)-priority$|clear-[a-z]+-cache$|\/sync$|partialImport$|logout-all$|push-revocation$|\/certificates\/[^/]+\/(upload(-certificate)?|generate(-and-download)?)$/.test(
    path,
  )
    ? 'ACTION'
    : 'CREATE';
}

async function record(ctx: RequestContext, reply: Reply): Promise<void> {
  const realm = ctx.kernel.store.get(ctx.params['realm'] ?? '');
  if (!realm || realmSetting(realm, 'adminEventsEnabled') !== true) return;
  const auth = await authenticateAdmin(ctx).catch(() => undefined);
  if (!auth) return;
  const prefix = `/admin/realms/${ctx.url.pathname.split('/')[3] ?? ''}/`;
  let resourcePath = ctx.url.pathname.startsWith(prefix)
    ? decodeURIComponent(ctx.url.pathname.slice(prefix.length))
    : '';
  // Clearing the stored events is not itself an audited change (RealmAdminResource.clearEvents/clearAdminEvents).
  if (ctx.req.method === 'DELETE' && (resourcePath === 'events' || resourcePath === 'admin-events')) return;
  // A keystore download is a read (ClientAttributeCertificateResource.getKeystore records nothing).
  if (/\/certificates\/[^/]+\/download$/.test(resourcePath)) return;
  const location = reply.headers?.['location'];
  // A create names the new resource, as adminEvent.resourcePath(uri, id) does.
  if (ctx.req.method === 'POST' && location) resourcePath = `${resourcePath}/${location.split('/').pop() ?? ''}`;
  // A multipart upload is recorded with what was read from it, as ClientAttributeCertificateResource does, never
  // its raw form (which may hold key-store passwords).
  const multipart = mediaType(ctx.req) === 'multipart/form-data';
  const raw =
    ctx.req.method === 'DELETE'
      ? ''
      : reply.eventRepresentation
        ? JSON.stringify(reply.eventRepresentation)
        : multipart
          ? JSON.stringify(reply.body ?? {})
          : (await ctx.body().catch(() => Buffer.alloc(0))).toString('utf8');
  recordAdminEvent(realm, {
    time: ctx.kernel.clock.now(),
    authDetails: {
      realmId: auth.realm.id,
      clientId: auth.client.id,
      userId: auth.user.id,
      ipAddress: ctx.req.socket.remoteAddress ?? '',
    },
    operationType: operationOf(ctx.req.method ?? '', resourcePath),
    resourceType: resourceTypeOf(resourcePath),
    resourcePath,
    ...(raw ? { representation: raw } : {}),
  });
}

/**
 * Routes whose successful writes (POST, PUT, DELETE with a 2xx answer) on a realm record an admin event when the
 * realm's `adminEventsEnabled` is on; reads and failures record nothing.
 */
export function withAdminEvents(routes: readonly Route[]): Route[] {
  return routes.map((route) => {
    const methods = typeof route.method === 'string' ? [route.method] : route.method;
    if (!methods.some((m) => m !== 'GET')) return route;
    return {
      ...route,
      handler: async (ctx) => {
        const reply = await route.handler(ctx);
        if (ctx.req.method !== 'GET' && reply.status >= 200 && reply.status < 300) await record(ctx, reply);
        return reply;
      },
    };
  });
}
