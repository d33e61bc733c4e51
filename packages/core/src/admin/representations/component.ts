/**
 * Component, key metadata and user-storage sync representations, written from the schemas of Keycloak 26.6's
 * admin OpenAPI document (docs-api/26.6.0/rest-api/openapi.json on keycloak.org).
 */

/** Keycloak's `ComponentRepresentation`; config values are string lists, secrets come back as `**********`. */
export interface ComponentRepresentation {
  id?: string;
  name?: string;
  providerId?: string;
  /** e.g. `org.keycloak.keys.KeyProvider`, `org.keycloak.storage.UserStorageProvider`. */
  providerType?: string;
  parentId?: string;
  subType?: string;
  config?: Record<string, string[]>;
}

/** Keycloak's `KeyMetadataRepresentation`. */
export interface KeyMetadataRepresentation {
  /** Id of the component the key comes from. */
  providerId?: string;
  providerPriority?: number;
  kid?: string;
  status?: 'ACTIVE' | 'PASSIVE' | 'DISABLED' | string;
  type?: string;
  algorithm?: string;
  publicKey?: string;
  certificate?: string;
  use?: 'SIG' | 'ENC' | string;
  validTo?: number;
}

/** Keycloak's `KeysMetadataRepresentation`: the active kid per algorithm and every key. */
export interface KeysMetadataRepresentation {
  active?: Record<string, string>;
  keys?: KeyMetadataRepresentation[];
}

/** Keycloak's `SynchronizationResult` of a user storage sync. */
export interface SynchronizationResultRepresentation {
  ignored?: boolean;
  added?: number;
  updated?: number;
  removed?: number;
  failed?: number;
  status?: string;
}
