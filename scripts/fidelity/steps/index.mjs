// The fidelity sequence: one module per area, in the order they run (later areas use ids earlier ones captured).
// To extend it, add steps to an area or a module here; each step is data (see engine.mjs's Step).
import authentication from './authentication.mjs';
import authorizationCode from './authorization-code.mjs';
import authz from './authz.mjs';
import clientScopes from './client-scopes.mjs';
import clients from './clients.mjs';
import components from './components.mjs';
import events from './events.mjs';
import groups from './groups.mjs';
import identityProviders from './identity-providers.mjs';
import oidc from './oidc.mjs';
import organizations from './organizations.mjs';
import protocolMappers from './protocol-mappers.mjs';
import realms from './realms.mjs';
import roleMappings from './role-mappings.mjs';
import roles from './roles.mjs';
import teardown from './teardown.mjs';
import uma from './uma.mjs';
import userProfile from './user-profile.mjs';
import users from './users.mjs';

export const AREAS = {
  realms,
  users,
  groups,
  roles,
  clients,
  'role-mappings': roleMappings,
  'client-scopes': clientScopes,
  'protocol-mappers': protocolMappers,
  'identity-providers': identityProviders,
  organizations,
  authentication,
  components,
  events,
  'user-profile': userProfile,
  authz,
  oidc,
  'authorization-code': authorizationCode,
  uma,
  teardown,
};

/** Every step, tagged with its area. */
export const STEPS = Object.entries(AREAS).flatMap(([area, steps]) => steps.map((step) => ({ ...step, area })));
