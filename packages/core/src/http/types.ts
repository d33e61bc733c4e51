/**
 * The shapes that travel through {@link KeycloakConnection.request}: what a call asks for and what it
 * gets back. Kept apart from the connection so API areas can import the types alone.
 */

/** HTTP methods Keycloak's endpoints use. */
export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How the answer body is read: parsed JSON, text, raw bytes, or discarded. */
export type ResponseExpectation = 'json' | 'text' | 'bytes' | 'none';

/** One query value; arrays repeat the key (`a=1&a=2`), `undefined` and `null` drop it. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/** Query parameters of a call; every key and value is percent-encoded. */
export type QueryParams = Readonly<Record<string, QueryValue>>;

/** Form fields; arrays repeat the key, `undefined` drops it. */
export type FormFields = Readonly<Record<string, string | readonly string[] | undefined>>;

/** One file of a multipart body: its content, the file name it is sent under, and its media type. */
export interface MultipartFile {
  readonly content: string | Uint8Array;
  readonly filename: string;
  /** Media type of the part. Default `application/octet-stream`. */
  readonly contentType?: string;
}

/** Multipart fields: text or files; arrays repeat the field, `undefined` drops it. */
export type MultipartFields = Readonly<
  Record<string, string | MultipartFile | readonly (string | MultipartFile)[] | undefined>
>;

/**
 * A request body, tagged by how it is encoded:
 * - `{ json }` is sent as `application/json`;
 * - `{ form }` as `application/x-www-form-urlencoded` (what the OIDC endpoints take);
 * - `{ multipart }` as `multipart/form-data` (uploads); its content type, which carries the boundary, replaces any
 *   `content-type` header, as python-keycloak swaps the header for its upload;
 * - `{ raw }` as is, with `contentType` or whatever `content-type` the headers carry.
 */
export type RequestBody =
  | { readonly json: unknown }
  | { readonly form: URLSearchParams | FormFields }
  | { readonly multipart: MultipartFields }
  | { readonly raw: string | Uint8Array; readonly contentType?: string };

/** Options of one call that every method accepts. */
export interface CallOptions {
  /** Headers for this call only, merged over the connection's headers (a per-call value wins). */
  headers?: Readonly<Record<string, string>>;
  /** Aborts the call; the call then fails with code `ERR_ABORTED`. */
  signal?: AbortSignal;
  /** Time limit of this call in ms, retries and their waits included. Defaults to the connection's `timeout`. */
  timeout?: number;
  /** How to read the answer body. Default `'json'`. */
  expect?: ResponseExpectation;
}

/** One call of {@link KeycloakConnection.request}. */
export interface RequestOptions extends CallOptions {
  method: HttpMethod;
  /**
   * Path relative to the connection's `baseUrl` (a leading `/` is ignored, so a base path such as
   * `/auth` is kept), or an absolute `http(s)://` URL taken from a discovery document. Build paths
   * that hold user values with {@link buildPath}.
   */
  path: string;
  query?: QueryParams;
  body?: RequestBody;
}

/**
 * An HTTP answer. `body` is parsed as asked by `expect` for 2xx answers; for other statuses it is the
 * parsed JSON when the answer is JSON, else the text, so errors can quote Keycloak's message.
 */
export interface KeycloakResponse<T = unknown> {
  readonly status: number;
  /** Response headers with lower-case names; repeated headers are joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: T;
}
