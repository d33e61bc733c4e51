import { randomUUID } from 'node:crypto';
import { realmSetting } from '../admin/realms/realm-representation.js';
import { savedEventTypes } from './event-types.js';
import type { RealmModel } from '../model/types.js';

/**
 * The user and admin events a realm stores when its events config says so (eventsEnabled, enabledEventTypes,
 * adminEventsEnabled). Each list keeps the newest {@link MAX_EVENTS} entries so a long test run stays bounded.
 */

/** How many events of each kind a realm keeps. */
export const MAX_EVENTS = 1000;

/** EventRepresentation. */
export interface UserEvent {
  id: string;
  time: number;
  type: string;
  realmId: string;
  clientId?: string;
  userId?: string;
  sessionId?: string;
  ipAddress?: string;
  error?: string;
  details?: Record<string, string>;
}

/** AdminEventRepresentation. */
export interface AdminEvent {
  id: string;
  time: number;
  realmId: string;
  authDetails: { realmId: string; clientId: string; userId: string; ipAddress?: string };
  operationType: 'CREATE' | 'UPDATE' | 'DELETE' | 'ACTION';
  resourceType: string;
  resourcePath: string;
  representation?: string;
  error?: string;
}

interface RealmEvents {
  user: UserEvent[];
  admin: AdminEvent[];
}

const KEY = 'events';

/** The realm's stored events. */
export function eventsOf(realm: RealmModel): RealmEvents {
  const existing = realm.extensions[KEY] as RealmEvents | undefined;
  if (existing) return existing;
  const created: RealmEvents = { user: [], admin: [] };
  realm.extensions[KEY] = created;
  return created;
}

function push<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_EVENTS) list.splice(0, list.length - MAX_EVENTS);
}

/** Stores a user event if the realm saves events of its type (the saved-by-default ones when `enabledEventTypes` is empty). */
export function recordUserEvent(realm: RealmModel, event: Omit<UserEvent, 'id' | 'realmId'>): void {
  if (realmSetting(realm, 'eventsEnabled') !== true) return;
  if (!savedEventTypes(realmSetting(realm, 'enabledEventTypes')).includes(event.type)) return;
  push(eventsOf(realm).user, { id: randomUUID(), realmId: realm.id, ...event });
}

/** Stores an admin event if the realm saves them; the representation only with adminEventsDetailsEnabled. */
export function recordAdminEvent(realm: RealmModel, event: Omit<AdminEvent, 'id' | 'realmId'>): void {
  if (realmSetting(realm, 'adminEventsEnabled') !== true) return;
  const { representation, ...rest } = event;
  const withDetails = realmSetting(realm, 'adminEventsDetailsEnabled') === true && representation !== undefined;
  push(eventsOf(realm).admin, {
    id: randomUUID(),
    realmId: realm.id,
    ...rest,
    ...(withDetails ? { representation } : {}),
  });
}
