/**
 * Event, admin event, events config and brute-force status representations, written from the schemas of
 * Keycloak 26.6's admin OpenAPI document (docs-api/26.6.0/rest-api/openapi.json on keycloak.org).
 */

/** Keycloak's `EventRepresentation`: a login, token refresh, logout... of a user or client. */
export interface EventRepresentation {
  id?: string;
  /** Epoch milliseconds. */
  time?: number;
  type?: string;
  realmId?: string;
  clientId?: string;
  userId?: string;
  sessionId?: string;
  ipAddress?: string;
  error?: string;
  details?: Record<string, string>;
}

/** Keycloak's `AuthDetailsRepresentation`: who made an admin change. */
export interface AuthDetailsRepresentation {
  realmId?: string;
  clientId?: string;
  userId?: string;
  ipAddress?: string;
}

/** Keycloak's `AdminEventRepresentation`. */
export interface AdminEventRepresentation {
  id?: string;
  time?: number;
  realmId?: string;
  authDetails?: AuthDetailsRepresentation;
  operationType?: 'CREATE' | 'UPDATE' | 'DELETE' | 'ACTION' | string;
  resourceType?: string;
  resourcePath?: string;
  /** The JSON sent, when the realm stores admin event details. */
  representation?: string;
  error?: string;
  details?: Record<string, string>;
}

/** Keycloak's `RealmEventsConfigRepresentation`. */
export interface RealmEventsConfigRepresentation {
  eventsEnabled?: boolean;
  /** Seconds events are kept. */
  eventsExpiration?: number;
  eventsListeners?: string[];
  enabledEventTypes?: string[];
  adminEventsEnabled?: boolean;
  adminEventsDetailsEnabled?: boolean;
}

/** What `GET attack-detection/brute-force/users/{id}` answers. */
export interface BruteForceStatusRepresentation {
  numFailures?: number;
  disabled?: boolean;
  lastIPFailure?: string;
  /** Epoch milliseconds of the last failure, 0 when none. */
  lastFailure?: number;
}
