// Just enough DER (X.690) to write the few structures this server makes itself: X.509 v1 certificates and the
// PKCS#12 and JKS keystores of the client certificate endpoints. No dependency is worth it for these lines.

/** One TLV: a tag byte, the definite length, the content. */
export function der(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else {
    const bytes: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
}

export const seq = (...parts: Buffer[]): Buffer => der(0x30, Buffer.concat(parts));

/** A SET OF; DER sorts its elements by their encodings. */
export const setOf = (...parts: Buffer[]): Buffer => der(0x31, Buffer.concat([...parts].sort(Buffer.compare)));

export const octets = (bytes: Buffer): Buffer => der(0x04, bytes);

export const derNull = (): Buffer => Buffer.from([0x05, 0x00]);

/** `[n] EXPLICIT`: a constructed context-specific tag around one element. */
export const explicit = (n: number, content: Buffer): Buffer => der(0xa0 | n, content);

export function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const arc of rest) {
    const chunk = [arc % 128];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift(0x80 | (n % 128));
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** An INTEGER from unsigned big-endian bytes (a leading zero keeps it positive). */
export function positiveInteger(bytes: Buffer): Buffer {
  return der(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

/** A small non-negative INTEGER. */
export function integer(value: number): Buffer {
  const bytes: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return positiveInteger(Buffer.from(bytes.length === 0 ? [0] : bytes));
}

/** An X.509 Time: UTCTime through 2049, GeneralizedTime from 2050 on (RFC 5280, 4.1.2.5). */
export function x509Time(date: Date): Buffer {
  const digits = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050
    ? der(0x17, Buffer.from(`${digits.slice(2)}Z`, 'ascii'))
    : der(0x18, Buffer.from(`${digits}Z`, 'ascii'));
}

export const utf8String = (text: string): Buffer => der(0x0c, Buffer.from(text, 'utf8'));

/** A BMPString: UTF-16 big-endian. */
export const bmpString = (text: string): Buffer => der(0x1e, Buffer.from(text, 'utf16le').swap16());
