/** The shape both body encoders (./body.ts, ./multipart.ts) produce; kept apart so neither imports the other's module for it. */

/** A body ready for undici, with the content type it implies. */
export interface EncodedBody {
  readonly payload: string | Uint8Array;
  readonly contentType: string | undefined;
  /** The content type wins over a `content-type` header (a multipart body is unreadable without its boundary). */
  readonly replacesContentType?: boolean;
}
