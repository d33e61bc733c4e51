import type { Handler, Route } from '../../http/router.js';

/** The handlers of one collection of the resource-server admin API (resources, scopes). */
export interface CrudHandlers {
  list: Handler;
  create: Handler;
  search: Handler;
  getOne: Handler;
  update: Handler;
  remove: Handler;
}

/**
 * The list/create/search/get/update/delete routes of a collection at `base`. `search` beats `{id}` because
 * the router, as JAX-RS, prefers literal segments.
 */
export function crudRoutes(base: string, handlers: CrudHandlers): Route[] {
  return [
    { method: 'GET', path: base, endpoint: 'admin', handler: handlers.list },
    { method: 'POST', path: base, endpoint: 'admin', handler: handlers.create },
    { method: 'GET', path: `${base}/search`, endpoint: 'admin', handler: handlers.search },
    { method: 'GET', path: `${base}/{id}`, endpoint: 'admin', handler: handlers.getOne },
    { method: 'PUT', path: `${base}/{id}`, endpoint: 'admin', handler: handlers.update },
    { method: 'DELETE', path: `${base}/{id}`, endpoint: 'admin', handler: handlers.remove },
  ];
}
