import { connect } from 'node:net';

/** An HTTP/1.1 answer as read off the socket. */
export interface RawReply {
  status: number;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `head` (request line and header lines, without the final blank line) and `body` byte for byte
 * on a new connection, with `Connection: close`, and reads the whole answer. Lets tests send what no
 * HTTP client would: repeated, huge or non-ASCII headers, raw bytes.
 */
export function rawRequest(url: string, head: string | Buffer, body: Buffer | string = ''): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A server may close while we still write a huge header; what it answered first still counts.
      if (chunks.length > 0 && (error.code === 'ECONNRESET' || error.code === 'EPIPE'))
        resolve(parse(Buffer.concat(chunks)));
      else reject(error);
    });
    socket.on('end', () => resolve(parse(Buffer.concat(chunks))));
    const bodyBytes = Buffer.from(body);
    // write, not end: Node's server drops a request still in progress when the client half-closes.
    socket.write(
      Buffer.concat([
        Buffer.from(head),
        Buffer.from(
          `\r\nHost: ${hostname}:${port}\r\nConnection: close\r\nContent-Length: ${bodyBytes.length}\r\n\r\n`,
        ),
        bodyBytes,
      ]),
    );
  });
}

function parse(bytes: Buffer): RawReply {
  const text = bytes.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end === -1 ? text.length : end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let body = end === -1 ? '' : bytes.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1')).toString('utf8');
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

function unchunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 4 + size);
  }
}
