import type { Kernel } from '../http/context.js';
import type { Route } from '../http/router.js';
import { authRoutes } from './authorize/auth-endpoint.js';
import { deviceAuthorizationRoutes } from './device/device-endpoint.js';
import { deviceVerificationRoutes } from './device/verification.js';
import { endSessionRoutes } from './end-session.js';
import { authorizationCodeGrant } from './grants/authorization-code.js';
import { deviceCodeGrant } from './grants/device-code.js';
import { tokenExchangeGrant } from './grants/token-exchange.js';
import { registrationRoutes } from '../registration/routes.js';

/**
 * Routes of the browser and device flows. End-session comes first: it answers GET logout and POST logout
 * without refresh_token, and hands POST logout with refresh_token to the kernel.
 */
export const oidcExtraRoutes: Route[] = [
  ...endSessionRoutes,
  ...deviceAuthorizationRoutes,
  ...authRoutes,
  ...deviceVerificationRoutes,
  ...registrationRoutes,
];

/** Registers the grants of the extra flows. */
export function registerOidcExtraGrants(kernel: Kernel): void {
  kernel.grants.register('authorization_code', authorizationCodeGrant);
  kernel.grants.register('urn:ietf:params:oauth:grant-type:device_code', deviceCodeGrant);
  kernel.grants.register('urn:ietf:params:oauth:grant-type:token-exchange', tokenExchangeGrant);
}
