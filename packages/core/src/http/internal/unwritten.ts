/**
 * Telling a call that failed before any byte of it was written from one that may have reached the
 * server, so that even a POST can be sent again when it provably never left (RFC 9110 §9.2.2 only
 * forbids repeating a non-idempotent request the server may have seen).
 *
 * undici's Client calls a handler's `onRequestStart` (`onConnect`) synchronously just before it
 * writes the request to a socket, and only then. An error delivered before that point means the
 * request was never written: the connection was refused, reset or timed out while connecting, or a
 * proxy tunnel failed. An error after it may follow bytes already in the kernel's send buffer, so
 * those are never marked (the stale keep-alive race: the server closes an idle socket just as our
 * request goes out; undici checks an idle socket for a pending FIN before reusing it, which narrows
 * that window but cannot close it). This holds for undici's own dispatchers only: a user-supplied
 * dispatcher may start requests differently, so the connection tracks only the pool it built.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Dispatcher } from 'undici';

const neverWritten = new WeakSet<object>();

/** True when `error` reached a call of a tracked dispatcher before its request was written to any socket. */
export function wasNeverWritten(error: unknown): boolean {
  return typeof error === 'object' && error !== null && neverWritten.has(error);
}

/** An undici interceptor that marks the errors of requests it saw fail before they were written. */
export const trackUnwritten: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) =>
  dispatch(options, new UnwrittenTracker(handler));

class UnwrittenTracker implements Dispatcher.DispatchHandler {
  readonly #handler: Dispatcher.DispatchHandler;
  #started = false;

  constructor(handler: Dispatcher.DispatchHandler) {
    this.#handler = handler;
  }

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.#started = true;
    this.#handler.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
    socket: Duplex,
  ): void {
    this.#handler.onRequestUpgrade?.(controller, statusCode, headers, socket);
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
    statusMessage?: string,
  ): void {
    this.#handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#handler.onResponseData?.(controller, chunk);
  }

  onResponseEnd(controller: Dispatcher.DispatchController, trailers: IncomingHttpHeaders): void {
    this.#handler.onResponseEnd?.(controller, trailers);
  }

  onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
    if (!this.#started && typeof error === 'object' && error !== null) neverWritten.add(error);
    // Forwarded unchanged: callers and toKeycloakError keep seeing undici's own error and code.
    this.#handler.onResponseError?.(controller, error);
  }
}
