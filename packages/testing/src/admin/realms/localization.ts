import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import { genericError } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { RealmModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { cannotParseJson, errorMessage } from '../errors.js';
import { booleanParam, readJsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { ownRealmSettings, realmSetting } from './realm-representation.js';

/**
 * A realm's localization overrides (RealmLocalizationResource): texts per locale, kept in the realm setting
 * `localizationTexts` so realm import and export carry them as Keycloak's do. Reading needs any admin role,
 * changing needs manage-realm.
 */
type Texts = Record<string, Record<string, string>>;

function textsOf(realm: RealmModel): Texts {
  const own = ownRealmSettings(realm);
  const existing = own['localizationTexts'];
  if (existing && typeof existing === 'object' && !Array.isArray(existing)) return existing as Texts;
  const created: Texts = {};
  own['localizationTexts'] = created;
  return created;
}

async function reader(ctx: RequestContext): Promise<RealmModel> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.isAdmin());
  return realm;
}

async function writer(ctx: RequestContext): Promise<RealmModel> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  return realm;
}

const notFound = () => errorMessage(404, 'Localization text not found');

async function listLocales(ctx: RequestContext): Promise<Reply> {
  const realm = await reader(ctx);
  return {
    status: 200,
    body: Object.keys(textsOf(realm)).filter((locale) => Object.keys(textsOf(realm)[locale]!).length > 0),
  };
}

// `useRealmDefaultLocaleFallback` (deprecated) adds the realm default locale's texts under the asked ones.
async function getLocale(ctx: RequestContext): Promise<Reply> {
  const realm = await reader(ctx);
  const texts = textsOf(realm);
  const locale = ctx.params['locale']!;
  const fallbackLocale = realmSetting(realm, 'defaultLocale');
  const fallback =
    booleanParam(ctx.url, 'useRealmDefaultLocaleFallback') === true && typeof fallbackLocale === 'string'
      ? texts[fallbackLocale]
      : undefined;
  return { status: 200, body: { ...fallback, ...texts[locale] } };
}

async function getText(ctx: RequestContext): Promise<Reply> {
  const realm = await reader(ctx);
  const value = textsOf(realm)[ctx.params['locale']!]?.[ctx.params['key']!];
  if (value === undefined) throw notFound();
  return { status: 200, headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: value };
}

// PUT {locale}/{key} takes the text as a text/plain body.
async function putText(ctx: RequestContext): Promise<Reply> {
  const realm = await writer(ctx);
  const type = (ctx.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/plain') throw genericError(415, 'Unsupported Media Type');
  const value = (await ctx.body()).toString('utf8');
  (textsOf(realm)[ctx.params['locale']!] ??= {})[ctx.params['key']!] = value;
  return { status: 204 };
}

// POST {locale}: a JSON object of texts merged over the locale's (createOrUpdateRealmLocalizationTexts).
async function postLocale(ctx: RequestContext): Promise<Reply> {
  const realm = await writer(ctx);
  const body = await readJsonObject(ctx);
  if (Object.values(body).some((value) => typeof value !== 'string')) throw cannotParseJson();
  Object.assign((textsOf(realm)[ctx.params['locale']!] ??= {}), body);
  return { status: 204 };
}

async function deleteLocale(ctx: RequestContext): Promise<Reply> {
  const realm = await writer(ctx);
  const locale = ctx.params['locale']!;
  const texts = textsOf(realm);
  if (!texts[locale] || Object.keys(texts[locale]).length === 0)
    throw errorMessage(404, `No localization texts for locale ${locale} found.`);
  delete texts[locale];
  return { status: 204 };
}

async function deleteText(ctx: RequestContext): Promise<Reply> {
  const realm = await writer(ctx);
  const texts = textsOf(realm)[ctx.params['locale']!];
  const key = ctx.params['key']!;
  if (!texts || !(key in texts)) throw notFound();
  delete texts[key];
  return { status: 204 };
}

const BASE = '/admin/realms/{realm}/localization';

/** `localization` of the admin API (RealmLocalizationResource). */
export const localizationRoutes: Route[] = [
  { method: 'GET', path: BASE, endpoint: 'admin', handler: listLocales },
  { method: 'GET', path: `${BASE}/{locale}`, endpoint: 'admin', handler: getLocale },
  { method: 'POST', path: `${BASE}/{locale}`, endpoint: 'admin', handler: postLocale },
  { method: 'DELETE', path: `${BASE}/{locale}`, endpoint: 'admin', handler: deleteLocale },
  { method: 'GET', path: `${BASE}/{locale}/{key}`, endpoint: 'admin', handler: getText },
  { method: 'PUT', path: `${BASE}/{locale}/{key}`, endpoint: 'admin', handler: putText },
  { method: 'DELETE', path: `${BASE}/{locale}/{key}`, endpoint: 'admin', handler: deleteText },
];
