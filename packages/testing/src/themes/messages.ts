import type { Route } from '../http/router.js';
import { ownRealmSettings } from '../admin/realms/realm-representation.js';

/** The theme types ThemeResource serves messages for; any other answers 404. */
const THEME_TYPES: ReadonlySet<string> = new Set(['login', 'account', 'admin', 'email', 'welcome', 'common']);

/**
 * GET /resources/{realm}/{themeType}/{locale} (ThemeResource.getLocalizationTexts): the theme's message bundle for
 * the locale with the realm's localization overrides on top, as `[{ key, value }]`. This server ships no theme
 * bundles, so it answers the realm's overrides for that locale only; Keycloak 26.7.3 answers its ~4,300 theme
 * messages too (the difference is known and named in the conformance suite). An unknown realm or theme type is a
 * bare 404.
 */
export const themeMessageRoutes: Route[] = [
  {
    method: 'GET',
    path: '/resources/{realm}/{themeType}/{locale}',
    endpoint: 'realm',
    handler: async (ctx) => {
      const realm = ctx.kernel.store.get(ctx.params['realm'] ?? '');
      if (realm === undefined || !THEME_TYPES.has(ctx.params['themeType'] ?? '')) return { status: 404 };
      const texts = ownRealmSettings(realm)['localizationTexts'] as Record<string, Record<string, string>> | undefined;
      const own = texts?.[ctx.params['locale'] ?? ''] ?? {};
      return {
        status: 200,
        headers: { 'content-type': 'application/json;charset=UTF-8' },
        body: Object.entries(own).map(([key, value]) => ({ key, value })),
      };
    },
  },
];
