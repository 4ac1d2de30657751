// The worker's request timeout against a real socket that never answers: a server that accepts the request
// and sends nothing, and one that sends headers then stalls the body. Either way the exchange ends as a
// `timeout` fact (never hangs the serial outbox, never throws).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange } from '../../../sw/api-client.ts';
import type { EngineDeps } from '../../../sw/engine-context.ts';

describe('SW request timeout', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
      // Keep the socket open; never write (or write only the headers and part of the body).
      if (req.url === '/api/stalls-body') {
        res.writeHead(200, { 'content-type': 'application/json', 'x-orderline-api': '1' });
        res.write('{"orders": [');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  // exchange() reads only these; the rest of EngineDeps belongs to the engine around it.
  const deps = () =>
    ({
      fetch: globalThis.fetch,
      baseUrl,
      timers: {
        setTimeout: (callback, ms) => setTimeout(callback, ms),
        clearTimeout: (h) => clearTimeout(h as never),
      },
      // Long enough for the request to reach the server even on a busy machine (the test checks it did).
      requestTimeoutMs: 1_500,
    }) as Pick<EngineDeps, 'fetch' | 'baseUrl' | 'timers' | 'requestTimeoutMs'> as EngineDeps;

  it('a request the server accepts and never answers ends as a timeout', async () => {
    const facts = await exchange(deps(), { method: 'POST', path: '/api/batch', body: { mutations: [] } });
    expect(facts).toEqual({ kind: 'timeout' });
    expect(seen).toContain('POST /api/batch');
  });

  it('an answer whose body stalls after the headers ends as a timeout too', async () => {
    const facts = await exchange(deps(), { method: 'GET', path: '/api/stalls-body' });
    expect(facts).toEqual({ kind: 'timeout' });
  });
});
