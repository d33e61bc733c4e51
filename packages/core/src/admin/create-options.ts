/** Options shared by the creating methods of the admin API areas. */
import type { AdminCallOptions } from './request.js';

/** Options of the `create<Thing>` methods that take python-keycloak's `skip_exists`. */
export interface SkipExistsOptions extends AdminCallOptions {
  /** When the resource exists already, resolve to its id instead of failing. Default `false`. */
  skipExists?: boolean;
}
