/**
 * Names of endpoint groups, used by request counters and fault injection. The kernel serves the first ones;
 * the rest are reserved for modules that register routes under those names.
 */
export type EndpointName =
  | 'discovery'
  | 'certs'
  | 'token'
  | 'userinfo'
  | 'introspect'
  | 'logout'
  | 'revoke'
  | 'realm'
  | 'admin'
  | 'auth'
  | 'device'
  | 'registration'
  | 'uma-discovery'
  | 'uma-protection'
  | 'uma-permission'
  | 'uma-policy'
  /** Token endpoint requests with grant_type=urn:ietf:params:oauth:grant-type:uma-ticket (also counted as 'token'). */
  | 'uma-grant';
