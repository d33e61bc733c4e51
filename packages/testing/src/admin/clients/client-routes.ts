import type { Route } from '../../http/router.js';
import { certificateGenerateRoutes } from './certificate-generate.js';
import { certificateKeystoreRoutes } from './certificate-keystore.js';
import { clientCredentialRoutes } from './client-credentials.js';
import { clientNodeRoutes } from './client-nodes.js';
import { exampleTokenRoutes } from './example-tokens.js';
import { scopeEvaluationRoutes } from './scope-evaluation.js';
import { clientScopeLinkRoutes } from '../client-scopes/client-scope-links.js';
import { clientScopeRoutes } from '../client-scopes/client-scopes.js';
import { clientSessionRoutes } from './client-sessions.js';
import { clientRoutes } from './clients.js';
import { protocolMapperRoutes } from './protocol-mappers.js';

/** The clients and client-scopes area of the admin API, joined into admin/routes.ts as one list. */
export const clientAreaRoutes: Route[] = [
  ...clientRoutes,
  ...certificateGenerateRoutes,
  ...certificateKeystoreRoutes,
  ...clientCredentialRoutes,
  ...clientNodeRoutes,
  ...scopeEvaluationRoutes,
  ...exampleTokenRoutes,
  ...clientScopeLinkRoutes,
  ...clientSessionRoutes,
  ...protocolMapperRoutes,
  ...clientScopeRoutes,
];
