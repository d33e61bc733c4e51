/**
 * The user profile configuration (`UPConfig`) and server info representations, written from the schemas of
 * Keycloak 26.6's admin OpenAPI document (docs-api/26.6.0/rest-api/openapi.json on keycloak.org).
 */

/** Keycloak's `UPAttribute`: one attribute of the user profile. */
export interface UPAttribute {
  name?: string;
  displayName?: string;
  validations?: Record<string, Record<string, unknown>>;
  annotations?: Record<string, unknown>;
  required?: { roles?: string[]; scopes?: string[] };
  permissions?: { view?: string[]; edit?: string[] };
  selector?: { scopes?: string[] };
  group?: string;
  multivalued?: boolean;
  defaultValue?: string;
}

/** Keycloak's `UPGroup`. */
export interface UPGroup {
  name?: string;
  displayHeader?: string;
  displayDescription?: string;
  annotations?: Record<string, unknown>;
}

/** Keycloak's `UPConfig`. */
export interface UPConfig {
  attributes?: UPAttribute[];
  groups?: UPGroup[];
  /** `ENABLED`, `ADMIN_VIEW`, `ADMIN_EDIT`; absent means unmanaged attributes are disabled. */
  unmanagedAttributePolicy?: string;
}

/** Keycloak's `ServerInfoRepresentation`, its commonly read parts typed, the rest open. */
export interface ServerInfoRepresentation {
  systemInfo?: {
    version?: string;
    serverTime?: string;
    uptime?: string;
    uptimeMillis?: number;
    [field: string]: unknown;
  };
  memoryInfo?: { total?: number; used?: number; free?: number; freePercentage?: number; [field: string]: unknown };
  profileInfo?: {
    name?: string;
    disabledFeatures?: string[];
    previewFeatures?: string[];
    experimentalFeatures?: string[];
  };
  themes?: Record<string, { name?: string; locales?: string[] }[]>;
  providers?: Record<string, { internal?: boolean; providers?: Record<string, unknown> }>;
  protocolMapperTypes?: Record<string, Record<string, unknown>[]>;
  builtinProtocolMappers?: Record<string, Record<string, unknown>[]>;
  [field: string]: unknown;
}
