import { KeycloakConnection } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
let connection: KeycloakConnection;
const bodies: string[] = [];

beforeAll(async () => {
  server = await startServer((_req, res, body) => {
    bodies.push(body);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  // python-keycloak's connections carry Content-Type: application/json on every call.
  connection = new KeycloakConnection({
    baseUrl: server.url,
    maxRetries: 0,
    headers: { 'Content-Type': 'application/json' },
  });
});
afterAll(async () => {
  await connection.close();
  await server.close();
});

/** The boundary the last request declared, and its body. */
function lastRequest(): { contentType: string; boundary: string; body: string } {
  const contentType = String(server.requests.at(-1)?.headers['content-type']);
  return {
    contentType,
    boundary: contentType.replace(/^multipart\/form-data; boundary=/, ''),
    body: bodies.at(-1) ?? '',
  };
}

describe('{ multipart } bodies', () => {
  it('sends text fields and files as multipart/form-data, replacing the connection content type', async () => {
    await connection.request({
      method: 'POST',
      path: 'upload',
      body: {
        multipart: { keystoreFormat: 'Certificate PEM', file: { filename: 'cert.pem', content: 'PEM "text"\r\n' } },
      },
    });
    const { contentType, boundary, body } = lastRequest();
    expect(contentType).toMatch(/^multipart\/form-data; boundary=\S+$/);
    expect(body).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="keystoreFormat"\r\n\r\nCertificate PEM\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cert.pem"\r\nContent-Type: application/octet-stream\r\n\r\nPEM "text"\r\n\r\n` +
        `--${boundary}--\r\n`,
    );
    expect(server.requests.at(-1)?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('repeats array fields, drops undefined ones and keeps a file media type and bytes', async () => {
    await connection.rawPost('upload', {
      multipart: {
        scope: ['a', 'b'],
        skipped: undefined,
        file: { filename: 'k.bin', content: new Uint8Array([0x30, 0x31]), contentType: 'application/x-pkcs12' },
      },
    });
    const { boundary, body } = lastRequest();
    expect(body.split(`--${boundary}`).slice(1, -1)).toEqual([
      '\r\nContent-Disposition: form-data; name="scope"\r\n\r\na\r\n',
      '\r\nContent-Disposition: form-data; name="scope"\r\n\r\nb\r\n',
      '\r\nContent-Disposition: form-data; name="file"; filename="k.bin"\r\nContent-Type: application/x-pkcs12\r\n\r\n01\r\n',
    ]);
  });

  it('escapes quotes and line breaks in field and file names', async () => {
    await connection.rawPost('upload', { multipart: { 'a"b': { filename: 'x\ny.pem', content: '' } } });
    expect(lastRequest().body).toContain('Content-Disposition: form-data; name="a%22b"; filename="x%0Ay.pem"');
  });

  it('rejects a part that is neither text nor a file with ERR_OPERATION, before sending', async () => {
    const sent = server.requests.length;
    const bad = { multipart: { file: { content: 42, filename: 'x' } } } as unknown as {
      multipart: Record<string, string>;
    };
    await expect(connection.rawPost('upload', bad)).rejects.toMatchObject({
      code: 'ERR_OPERATION',
      message: 'multipart field "file" must be a string or { content, filename }',
    });
    expect(server.requests.length).toBe(sent);
  });
});
