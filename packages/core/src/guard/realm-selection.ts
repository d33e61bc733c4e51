import type { KeycloakGuardOptions } from './options.js';

/**
 * Where a guard finds the realm of a request, as the adapters' option types require it: a fixed realm
 * name or a per-request resolver (`realm`), or the issuers whose tokens pick their realm
 * (`allowedIssuers`); exactly one of the two. {@link KeycloakGuardOptions} keeps both optional for the
 * framework-free guard, which checks the rule when it is built.
 */
export type GuardRealmSelection<R> =
  | {
      /** The realm name, or a resolver of it per request; see {@link KeycloakGuardOptions.realm}. */
      realm: string | ((request: R) => string | undefined);
      allowedIssuers?: undefined;
    }
  | {
      /** Multi-realm by token; see {@link KeycloakGuardOptions.allowedIssuers}. */
      allowedIssuers: readonly string[];
      realm?: undefined;
    };
