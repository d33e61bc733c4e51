/**
 * The events API area (python-keycloak's event, admin event and brute-force methods): its endpoints declared
 * over the one request helper, and the area class KeycloakAdmin extends.
 */
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { iteratePages, type PageIterationOptions } from './pagination.js';
import type {
  AdminEventRepresentation,
  BruteForceStatusRepresentation,
  EventRepresentation,
  RealmEventsConfigRepresentation,
} from './representations/event.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const EVENTS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/events' };
const ADMIN_EVENTS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/admin-events' };
const EVENTS_CONFIG: AdminEndpoint = {
  method: 'PUT',
  path: 'admin/realms/{realm}/events/config',
  expectedStatus: [204],
};
const BRUTE_FORCE_USER: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/attack-detection/brute-force/users/{id}',
};
const CLEAR_BRUTE_FORCE_USER: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/attack-detection/brute-force/users/{id}',
};
const CLEAR_BRUTE_FORCE: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/attack-detection/brute-force/users',
};

/** Filters of `getEvents` (Keycloak's query parameters). Keycloak answers at most 100 events when `max` is unset. */
export interface EventQuery {
  /** Event types, e.g. `['LOGIN', 'LOGIN_ERROR']`. */
  type?: string[];
  client?: string;
  user?: string;
  ipAddress?: string;
  /** `yyyy-MM-dd` or epoch milliseconds. */
  dateFrom?: string;
  dateTo?: string;
  direction?: 'asc' | 'desc';
  first?: number;
  max?: number;
}

/** Filters of `getAdminEvents`. */
export interface AdminEventQuery {
  operationTypes?: string[];
  resourceTypes?: string[];
  /** A path with `*` wildcards, e.g. `users/*`. */
  resourcePath?: string;
  authRealm?: string;
  authClient?: string;
  authUser?: string;
  authIpAddress?: string;
  dateFrom?: string;
  dateTo?: string;
  direction?: 'asc' | 'desc';
  first?: number;
  max?: number;
}

/** The event and attack-detection methods of KeycloakAdmin. */
export function EventsArea<B extends AreaBase>(Base: B) {
  abstract class EventsArea extends Base {
    /** python-keycloak's `get_events`: one page of the realm's user events (newest first), filtered by `query`. */
    async getEvents(query: EventQuery = {}, options: AdminCallOptions = {}): Promise<EventRepresentation[]> {
      return this[REQUESTER].call(EVENTS, { ...options, query: { ...query } });
    }

    /** Every user event matching `query`, fetched page by page on demand. */
    iterateEvents(
      query: Omit<EventQuery, 'first' | 'max'> = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<EventRepresentation, void, undefined> {
      return iteratePages<EventRepresentation>(this[REQUESTER], EVENTS, { query: { ...query } }, options);
    }

    /** python-keycloak's `get_admin_events`: one page of the realm's admin events, filtered by `query`. */
    async getAdminEvents(
      query: AdminEventQuery = {},
      options: AdminCallOptions = {},
    ): Promise<AdminEventRepresentation[]> {
      return this[REQUESTER].call(ADMIN_EVENTS, { ...options, query: { ...query } });
    }

    /** Every admin event matching `query`, fetched page by page on demand. */
    iterateAdminEvents(
      query: Omit<AdminEventQuery, 'first' | 'max'> = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<AdminEventRepresentation, void, undefined> {
      return iteratePages<AdminEventRepresentation>(this[REQUESTER], ADMIN_EVENTS, { query: { ...query } }, options);
    }

    /** python-keycloak's `set_events`: changes the realm's events config (only the fields sent). */
    async setEvents(payload: RealmEventsConfigRepresentation, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(EVENTS_CONFIG, { ...options, body: payload });
    }

    /** python-keycloak's `get_bruteforce_detection_status`. @throws KeycloakGetError 404 for an unknown user. */
    async getBruteforceDetectionStatus(
      userId: string,
      options: AdminCallOptions = {},
    ): Promise<BruteForceStatusRepresentation> {
      return this[REQUESTER].call(BRUTE_FORCE_USER, { ...options, params: { id: userId } });
    }

    /** python-keycloak's `clear_bruteforce_attempts_for_user`: the user may log in again. */
    async clearBruteforceAttemptsForUser(userId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(CLEAR_BRUTE_FORCE_USER, { ...options, params: { id: userId } });
    }

    /** python-keycloak's `clear_all_bruteforce_attempts`. */
    async clearAllBruteforceAttempts(options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(CLEAR_BRUTE_FORCE, options);
    }
  }
  return EventsArea;
}

/** The event methods KeycloakAdmin has. */
export type EventsApi = AreaMethods<typeof EventsArea>;
