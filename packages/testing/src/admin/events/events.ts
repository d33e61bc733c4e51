import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { savedEventTypes } from '../../events/event-types.js';
import { eventsOf, type AdminEvent, type UserEvent } from '../../events/event-store.js';
import { realmAdminRequest } from '../admin-context.js';
import { integerParam, readJsonObject, type RepresentationShape } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { applyRealmSettings, realmSetting } from '../realms/realm-representation.js';

const CONFIG_FIELDS = [
  'eventsEnabled',
  'eventsExpiration',
  'eventsListeners',
  'enabledEventTypes',
  'adminEventsEnabled',
  'adminEventsDetailsEnabled',
];
const CONFIG_SHAPE: RepresentationShape = {
  className: 'org.keycloak.representations.idm.RealmEventsConfigRepresentation',
  fields: new Set(CONFIG_FIELDS),
};

async function eventsRequest(ctx: RequestContext, right: 'view' | 'manage') {
  const request = await realmAdminRequest(ctx);
  allowIf(
    right === 'view' ? request.perms.hasOne('view-events', 'manage-events') : request.perms.hasOne('manage-events'),
  );
  return request;
}

// dateFrom/dateTo are yyyy-MM-dd (whole days, dateTo inclusive) or epoch milliseconds.
function dateBound(value: string | null, endOfDay: boolean): number | undefined {
  if (value === null || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const parsed = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed)) return undefined;
  return endOfDay ? parsed + 86_399_999 : parsed;
}

function page<T extends { time: number }>(ctx: RequestContext, events: T[]): T[] {
  const from = dateBound(ctx.url.searchParams.get('dateFrom'), false);
  const to = dateBound(ctx.url.searchParams.get('dateTo'), true);
  const ascending = ctx.url.searchParams.get('direction') === 'asc';
  const first = Math.max(0, integerParam(ctx.url, 'first') ?? 0);
  const max = integerParam(ctx.url, 'max') ?? 100;
  const kept = events.filter((e) => (from === undefined || e.time >= from) && (to === undefined || e.time <= to));
  const ordered = ascending ? kept : [...kept].reverse();
  return ordered.slice(first, max < 0 ? undefined : first + max);
}

const matches = (wanted: string | null, actual: string | undefined): boolean => wanted === null || wanted === actual;

async function getEvents(ctx: RequestContext): Promise<Reply> {
  const { realm } = await eventsRequest(ctx, 'view');
  const q = ctx.url.searchParams;
  const types = q.getAll('type');
  const found = eventsOf(realm).user.filter(
    (e: UserEvent) =>
      (types.length === 0 || types.includes(e.type)) &&
      matches(q.get('client'), e.clientId) &&
      matches(q.get('user'), e.userId) &&
      matches(q.get('ipAddress'), e.ipAddress),
  );
  return { status: 200, body: page(ctx, found) };
}

async function getAdminEvents(ctx: RequestContext): Promise<Reply> {
  const { realm } = await eventsRequest(ctx, 'view');
  const q = ctx.url.searchParams;
  const operations = q.getAll('operationTypes');
  const resources = q.getAll('resourceTypes');
  const path = q.get('resourcePath');
  const pathPattern =
    path === null ? undefined : new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
  const found = eventsOf(realm).admin.filter(
    (e: AdminEvent) =>
      (operations.length === 0 || operations.includes(e.operationType)) &&
      (resources.length === 0 || resources.includes(e.resourceType)) &&
      (pathPattern === undefined || pathPattern.test(e.resourcePath)) &&
      matches(q.get('authRealm'), e.authDetails.realmId) &&
      matches(q.get('authClient'), e.authDetails.clientId) &&
      matches(q.get('authUser'), e.authDetails.userId) &&
      matches(q.get('authIpAddress'), e.authDetails.ipAddress),
  );
  return { status: 200, body: page(ctx, found) };
}

async function clearEvents(ctx: RequestContext): Promise<Reply> {
  const { realm } = await eventsRequest(ctx, 'manage');
  eventsOf(realm).user.length = 0;
  return { status: 204 };
}

async function clearAdminEvents(ctx: RequestContext): Promise<Reply> {
  const { realm } = await eventsRequest(ctx, 'manage');
  eventsOf(realm).admin.length = 0;
  return { status: 204 };
}

async function getConfig(ctx: RequestContext): Promise<Reply> {
  const { realm } = await eventsRequest(ctx, 'view');
  const body: Record<string, unknown> = {};
  for (const field of CONFIG_FIELDS) {
    const value =
      field === 'enabledEventTypes' ? savedEventTypes(realmSetting(realm, field)) : realmSetting(realm, field);
    if (value !== undefined) body[field] = structuredClone(value);
  }
  return { status: 200, body };
}

async function putConfig(ctx: RequestContext): Promise<Reply> {
  const { realm } = await eventsRequest(ctx, 'manage');
  applyRealmSettings(realm, await readJsonObject(ctx, CONFIG_SHAPE));
  return { status: 204 };
}

/** User and admin events and the events config of the admin API (RealmAdminResource). */
export const eventRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/events', endpoint: 'admin', handler: getEvents },
  { method: 'DELETE', path: '/admin/realms/{realm}/events', endpoint: 'admin', handler: clearEvents },
  { method: 'GET', path: '/admin/realms/{realm}/events/config', endpoint: 'admin', handler: getConfig },
  { method: 'PUT', path: '/admin/realms/{realm}/events/config', endpoint: 'admin', handler: putConfig },
  { method: 'GET', path: '/admin/realms/{realm}/admin-events', endpoint: 'admin', handler: getAdminEvents },
  { method: 'DELETE', path: '/admin/realms/{realm}/admin-events', endpoint: 'admin', handler: clearAdminEvents },
];
