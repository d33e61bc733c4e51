import { describe, expect, it } from 'vitest';
import { parsePolicyEnforcerConfig } from '@keycloak-ts/core';
import {
  parentPath,
  PathResources,
  type ResourceFinder,
  type ServerResource,
} from '../../../src/authz/enforcer/path-resources.js';

/**
 * An in-memory resource server standing in for the Protection API: what is tested here is the
 * lookup order and the path cache, not the transport (the adapters' suites cover that over HTTP).
 */
function server(resources: Record<string, { name: string; uris: string[] }>) {
  const calls: string[] = [];
  let release: (() => void) | undefined;
  const gate = { hold: false };
  const matches = (pattern: string, uri: string): boolean =>
    new RegExp(`^${pattern.replace(/\{[^/}]+\}/g, '[^/]+').replace(/\*/g, '.*')}$`).test(uri);
  const finder: ResourceFinder = {
    async findByUri(uri, matchingUri) {
      calls.push(`${matchingUri ? 'match' : 'uri'} ${uri}`);
      if (gate.hold) await new Promise<void>((resolve) => (release = resolve));
      return Object.entries(resources)
        .filter(([, r]) => r.uris.some((u) => u === uri || (matchingUri && matches(u, uri))))
        .map(([id]) => id);
    },
    async findByName(name) {
      calls.push(`name ${name}`);
      return Object.entries(resources)
        .filter(([, r]) => r.name === name)
        .map(([id]) => id);
    },
    async read(id): Promise<ServerResource> {
      calls.push(`read ${id}`);
      const found = resources[id];
      if (found === undefined) throw new Error(`no ${id}`);
      return { id, name: found.name, scopes: [] };
    },
  };
  return { finder, calls, gate, release: () => release?.() };
}

const config = (extra: Record<string, unknown> = {}) =>
  parsePolicyEnforcerConfig({
    paths: [{ path: '/docs/{id}' }, { path: '/docs/{id}/*' }, { path: '/archive' }],
    ...extra,
  });

describe('PathResources', () => {
  it('looks a {id} path up by the request path, exact uri first, then the server matching uri patterns', async () => {
    const { finder, calls } = server({
      r1: { name: 'docs', uris: ['/docs/{id}'] },
      r2: { name: 'doc-9', uris: ['/docs/9'] },
    });
    const lookups = new PathResources(finder, config());
    const [template] = config().paths;
    expect(await lookups.forPath(template!, '/docs/9?x=1')).toMatchObject({ id: 'r2', name: 'doc-9' });
    expect(await lookups.forPath(template!, '/docs/7')).toMatchObject({ id: 'r1', name: 'docs' });
    expect(calls).toEqual(['uri /docs/9', 'read r2', 'uri /docs/7', 'match /docs/7', 'read r1']);
  });

  it('gives a sub-path of a {id}/* template the resource of its parent instance', async () => {
    const { finder } = server({ r2: { name: 'doc-9', uris: ['/docs/9'] } });
    expect(await new PathResources(finder, config()).forPath(config().paths[1]!, '/docs/9/pages/2')).toMatchObject({
      id: 'r2',
    });
    expect(parentPath('/docs/{id}/*', '/docs/9/pages/2')).toBe('/docs/9');
    expect(parentPath('/docs/*', '/docs/9')).toBeUndefined();
  });

  it('refuses a plain path that matches several resources as a configuration error', async () => {
    const { finder } = server({ a: { name: 'a', uris: ['/archive'] }, b: { name: 'b', uris: ['/archive'] } });
    await expect(new PathResources(finder, config()).forPath(config().paths[2]!, '/archive')).rejects.toMatchObject({
      code: 'ERR_AUTHORIZATION_CONFIG',
      message: 'The path "/archive" has no "name" and matches 2 resources of the resource server: name its resource',
    });
  });

  it('keeps answers, "none" included, for path-cache.lifespan on the injected clock', async () => {
    let now = 1_000;
    const { finder, calls } = server({ r1: { name: 'docs', uris: ['/docs/{id}'] } });
    const lookups = new PathResources(finder, config({ 'path-cache': { lifespan: 500 } }), { now: () => now });
    expect(await lookups.lazy('/docs/1')).toMatchObject({ id: 'r1' });
    expect(await lookups.lazy('/nothing')).toBeNull();
    const before = calls.length;
    now += 499;
    expect(await lookups.lazy('/docs/1')).toMatchObject({ id: 'r1' });
    expect(await lookups.lazy('/nothing')).toBeNull();
    expect(calls.length).toBe(before);
    now += 2;
    await lookups.lazy('/docs/1');
    expect(calls.slice(before)).toEqual(['match /docs/1', 'read r1']);
  });

  it('asks again every time when path-cache.lifespan is 0', async () => {
    const { finder, calls } = server({});
    const lookups = new PathResources(finder, config({ 'path-cache': { lifespan: 0 } }));
    await lookups.lazy('/x');
    await lookups.lazy('/x');
    expect(calls).toEqual(['match /x', 'match /x']);
  });

  it('shares one round of calls among concurrent lookups of one path', async () => {
    const { finder, calls, gate, release } = server({ r1: { name: 'docs', uris: ['/docs/{id}'] } });
    const lookups = new PathResources(finder, config());
    gate.hold = true;
    const waiting = [lookups.lazy('/docs/5'), lookups.lazy('/docs/5'), lookups.lazy('/docs//5')];
    await Promise.resolve();
    gate.hold = false;
    release();
    expect((await Promise.all(waiting)).map((r) => r?.id)).toEqual(['r1', 'r1', 'r1']);
    expect(calls).toEqual(['match /docs/5', 'read r1']);
  });

  it('does not keep a failed lookup', async () => {
    const { finder, calls } = server({});
    const failing: ResourceFinder = { ...finder, findByUri: async () => Promise.reject(new Error('down')) };
    const lookups = new PathResources(failing, config());
    await expect(lookups.lazy('/x')).rejects.toThrow('down');
    const healthy = new PathResources(finder, config());
    expect(await healthy.lazy('/x')).toBeNull();
    expect(calls).toEqual(['match /x']);
  });

  it('bounds the cache by path-cache.max-entries', async () => {
    const { finder, calls } = server({});
    const lookups = new PathResources(finder, config({ 'path-cache': { 'max-entries': 2 } }));
    for (const path of ['/a', '/b', '/c', '/a']) await lookups.lazy(path);
    expect(calls).toEqual(['match /a', 'match /b', 'match /c', 'match /a']);
  });
});
