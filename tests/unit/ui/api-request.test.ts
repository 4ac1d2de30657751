// The page's own API calls turn every failure into a message fit to show: the words for the server's error
// code in the active language (the server's own message for a code without words), a wait for 429, and plain
// words for no answer or an answer that is not JSON. Runs against a real local HTTP server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, ApiRequestError, describeFailure } from '../../../src/api-request.ts';
import { activate } from '../../../src/i18n.ts';

let server: Server;
let base = '';

beforeAll(async () => {
  // The words come from the English catalogues, as on a device whose language is English.
  await activate('en', { waitForAll: true });
  server = createServer((request, response) => {
    const send = (status: number, body: string, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    switch (request.url) {
      case '/wrong-code':
        return send(
          400,
          JSON.stringify({ error: { code: 'invalid_pairing_code', message: 'That code is not valid.' } }),
        );
      case '/bad-menu':
        return send(
          422,
          JSON.stringify({
            error: { code: 'invalid_menu', message: 'items[3].taxRate: no tax rate "vat-7"' },
          }),
        );
      case '/new-code':
        return send(409, JSON.stringify({ error: { code: 'teapot_busy', message: 'The teapot is busy.' } }));
      case '/too-many':
        return send(429, JSON.stringify({ error: { code: 'rate_limited', message: 'Rate limit exceeded' } }));
      case '/portal':
        return send(200, '<html>Log in to the Wi-Fi</html>', 'text/html');
      case '/gone':
        return send(204, '');
      case '/echo': {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () =>
          send(201, JSON.stringify({ type: request.headers['content-type'], body: JSON.parse(body) })),
        );
        return;
      }
      default:
        return send(502, 'Bad gateway', 'text/plain');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(path: string): Promise<ApiRequestError> {
  const error = await apiRequest('GET', `${base}${path}`).then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiRequestError))
    throw new Error(`expected an ApiRequestError, got ${String(error)}`);
  return error;
}

describe('apiRequest', () => {
  it("words the server's error code for people and keeps the code", async () => {
    const error = await failure('/wrong-code');
    expect([error.status, error.code, error.message]).toEqual([
      400,
      'invalid_pairing_code',
      'This pairing code is wrong, already used or expired: ask the owner for a new one.',
    ]);
  });

  it("keeps the detail the server's message carries (the bad menu entry)", async () => {
    expect((await failure('/bad-menu')).message).toBe(
      'The menu was not accepted: items[3].taxRate: no tax rate "vat-7"',
    );
  });

  it("shows the server's own message for a code without words", async () => {
    const error = await failure('/new-code');
    expect([error.code, error.message]).toEqual(['teapot_busy', 'The teapot is busy.']);
  });

  it('words it in the active language (German)', async () => {
    await activate('de', { waitForAll: true });
    try {
      expect((await failure('/wrong-code')).message).toBe(
        'Dieser Kopplungscode ist falsch, schon benutzt oder abgelaufen: Bitten Sie den Inhaber um einen neuen.',
      );
    } finally {
      await activate('en', { waitForAll: true });
    }
  });

  it('says to wait on 429', async () => {
    expect((await failure('/too-many')).message).toBe('Too many attempts: wait a minute, then try again.');
  });

  it('refuses a 200 that is not JSON (a captive portal) instead of treating it as data', async () => {
    expect((await failure('/portal')).code).toBe('not_json');
  });

  it('names the HTTP status when the server sent no error body', async () => {
    expect((await failure('/other')).message).toBe('The server answered HTTP 502.');
  });

  it('reports no answer at all as status 0, which screens word as needing a connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await apiRequest('GET', `http://127.0.0.1:${port}/api/devices`).catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ApiRequestError);
    expect((error as ApiRequestError).status).toBe(0);
    expect(describeFailure(error, 'Needs a connection.')).toBe('Needs a connection.');
  });

  it('sends JSON with its content type (the CSRF rule) and reads 204 as no body', async () => {
    const echoed = await apiRequest<{ type: string; body: unknown }>('POST', `${base}/echo`, {
      code: 'ABCD-EFGH',
    });
    expect(echoed).toEqual({ type: 'application/json', body: { code: 'ABCD-EFGH' } });
    expect(await apiRequest('DELETE', `${base}/gone`)).toBeUndefined();
  });
});
