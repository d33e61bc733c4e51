import { KeycloakGuard, type RequestSource } from '@keycloak-ts/core';
import type { Attributes, Meter, SpanOptions, Tracer } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../test/support/guard/realm.js';
import { instrumentKeycloak } from './opentelemetry.js';

// The example against recording stand-ins of @opentelemetry/api's Tracer and Meter (the API alone records
// nothing, and the SDK is the app's choice): what a guard does becomes these spans and metric points.

interface Recorded {
  spans: Array<{ name: string; options: SpanOptions; endTime: unknown }>;
  points: Array<{ instrument: string; value: number; attributes: Attributes | undefined }>;
}

function recorders(): { tracer: Tracer; meter: Meter; recorded: Recorded } {
  const recorded: Recorded = { spans: [], points: [] };
  const tracer = {
    startSpan(name: string, options: SpanOptions = {}) {
      const span = { name, options, endTime: undefined as unknown };
      recorded.spans.push(span);
      return {
        setStatus: () => undefined,
        end: (endTime?: unknown) => {
          span.endTime = endTime;
        },
      };
    },
  } as unknown as Tracer;
  const instrument = (name: string) => ({
    add: (value: number, attributes?: Attributes) => recorded.points.push({ instrument: name, value, attributes }),
    record: (value: number, attributes?: Attributes) => recorded.points.push({ instrument: name, value, attributes }),
  });
  const meter = { createCounter: instrument, createHistogram: instrument } as unknown as Meter;
  return { tracer, meter, recorded };
}

describe('examples/opentelemetry.ts', () => {
  let shop: ShopKeycloak;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop?.close());

  it('turns a guarded request into a guard span, a client span per Keycloak call, and metric points', async () => {
    const { tracer, meter, recorded } = recorders();
    const stop = instrumentKeycloak({ tracer, meter });
    const source: RequestSource<string[]> = { rawHeaders: (headers) => headers, query: () => undefined };
    const guard = new KeycloakGuard<string[]>(
      { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' },
      source,
    );
    try {
      await guard.protect()(['Authorization', `Bearer ${await shop.tokenFor('alice')}`]);
    } finally {
      stop();
      await guard.close();
    }
    expect(
      recorded.spans.map(({ name, options }) => ({ name, kind: options.kind, attributes: options.attributes })),
    ).toEqual([
      {
        name: 'GET keycloak jwks',
        kind: 2, // SpanKind.CLIENT
        attributes: {
          'http.request.method': 'GET',
          'keycloak.endpoint': 'jwks',
          'keycloak.realm': 'shop',
          'http.response.status_code': 200,
          'url.full': `${shop.serverUrl}/realms/shop/protocol/openid-connect/certs`,
        },
      },
      {
        name: 'keycloak guard',
        kind: undefined,
        attributes: { 'keycloak.outcome': 'allowed', 'keycloak.spec': 'token', 'keycloak.realm': 'shop' },
      },
    ]);
    for (const span of recorded.spans) expect(span.endTime).toBeGreaterThanOrEqual(span.options.startTime as number);
    expect(
      recorded.points.map(({ instrument, attributes }) => [instrument, attributes?.['keycloak.cache.hit']]),
    ).toEqual([
      ['keycloak.cache.lookups', false], // the verified-token cache
      ['keycloak.client.request.duration', undefined], // the JWKS fetch
      ['keycloak.cache.lookups', false], // the key set, judged once the fetch ended
      ['keycloak.guard.decisions', undefined],
      ['keycloak.guard.duration', undefined],
    ]);
  });
});
