/**
 * keycloak-ts diagnostics as OpenTelemetry metrics and spans. keycloak-ts depends on no telemetry library: it
 * publishes on node:diagnostics_channel, and this file (yours to copy) subscribes and records with
 * @opentelemetry/api (an app dependency of yours; the SDK and exporters are your choice).
 *
 * @example
 * ```ts
 * import { metrics, trace } from '@opentelemetry/api';
 * const stop = instrumentKeycloak({ tracer: trace.getTracer('keycloak-ts'), meter: metrics.getMeter('keycloak-ts') });
 * // ... on shutdown
 * stop();
 * ```
 *
 * Messages are published when the work ends, in the caller's async context: with the SDK's AsyncLocalStorage
 * context manager, each span below becomes a child of the request's span, back-dated to when the work started.
 */
import {
  CACHE_CHANNEL,
  GUARD_DECISION_CHANNEL,
  HTTP_REQUEST_CHANNEL,
  type GuardDecisionMessage,
  type KeycloakCacheMessage,
  type KeycloakHttpRequestMessage,
} from '@keycloak-ts/core';
import { SpanKind, SpanStatusCode, type Attributes, type Meter, type Tracer } from '@opentelemetry/api';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/** Where to record; either may be left out. */
export interface KeycloakInstrumentation {
  tracer?: Tracer;
  meter?: Meter;
}

/** Subscribes to keycloak-ts's channels; returns the function that unsubscribes. */
export function instrumentKeycloak({ tracer, meter }: KeycloakInstrumentation): () => void {
  const decisions = meter?.createCounter('keycloak.guard.decisions', {
    description: 'Requests a keycloak-ts guard decided on, by outcome and reason',
  });
  const decisionTime = meter?.createHistogram('keycloak.guard.duration', {
    description: 'Time a keycloak-ts guard took to decide on a request',
    unit: 'ms',
  });
  const callTime = meter?.createHistogram('keycloak.client.request.duration', {
    description: 'Calls from keycloak-ts to Keycloak, by endpoint and status',
    unit: 'ms',
  });
  const lookups = meter?.createCounter('keycloak.cache.lookups', {
    description: 'Lookups in keycloak-ts caches that save a call to Keycloak, by cache and hit',
  });

  const onDecision = (message: unknown): void => {
    const decision = message as GuardDecisionMessage;
    const attributes: Attributes = {
      'keycloak.outcome': decision.allowed ? 'allowed' : 'refused',
      'keycloak.spec': decision.spec,
      ...(decision.reason === undefined ? {} : { 'keycloak.reason': decision.reason }),
      ...(decision.realm === undefined ? {} : { 'keycloak.realm': decision.realm }),
    };
    decisions?.add(1, attributes);
    decisionTime?.record(decision.durationMs, attributes);
    const span = tracer?.startSpan('keycloak guard', { startTime: decision.startTime, attributes });
    span?.end(decision.startTime + decision.durationMs);
  };

  const onCall = (message: unknown): void => {
    const call = message as KeycloakHttpRequestMessage;
    const attributes: Attributes = {
      'http.request.method': call.method,
      'keycloak.endpoint': call.endpoint,
      ...(call.realm === undefined ? {} : { 'keycloak.realm': call.realm }),
      ...(call.status === undefined ? {} : { 'http.response.status_code': call.status }),
      ...(call.error === undefined ? {} : { 'error.type': call.error }),
    };
    callTime?.record(call.durationMs, attributes);
    const span = tracer?.startSpan(`${call.method} keycloak ${call.endpoint}`, {
      kind: SpanKind.CLIENT,
      startTime: call.startTime,
      attributes: { ...attributes, 'url.full': call.url },
    });
    if (call.error !== undefined || (call.status ?? 0) >= 500)
      span?.setStatus({ code: SpanStatusCode.ERROR, message: call.error ?? String(call.status) });
    span?.end(call.startTime + call.durationMs);
  };

  const onLookup = (message: unknown): void => {
    const lookup = message as KeycloakCacheMessage;
    lookups?.add(1, {
      'keycloak.cache': lookup.cache,
      'keycloak.cache.hit': lookup.hit,
      ...(lookup.realm === undefined ? {} : { 'keycloak.realm': lookup.realm }),
    });
  };

  subscribe(GUARD_DECISION_CHANNEL, onDecision);
  subscribe(HTTP_REQUEST_CHANNEL, onCall);
  subscribe(CACHE_CHANNEL, onLookup);
  return () => {
    unsubscribe(GUARD_DECISION_CHANNEL, onDecision);
    unsubscribe(HTTP_REQUEST_CHANNEL, onCall);
    unsubscribe(CACHE_CHANNEL, onLookup);
  };
}
