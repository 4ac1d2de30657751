// A loopback HTTP proxy in front of the real server. It gives the bench two things without touching the
// browser's network stack: a switch that makes the push stream (/api/events) unreachable while the rest of
// the API works, and a second origin that serves the baseline client page and forwards /api to the server.
// It never rewrites a request or an answer; it logs every request it forwards.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFile } from 'node:fs/promises';

export interface ProxyLogEntry {
  at: number;
  method: string;
  /** Path without the query string. */
  path: string;
}

export interface BenchProxy {
  readonly origin: string;
  readonly log: ProxyLogEntry[];
  /** While true, every /api/events connection is cut at once, like a middlebox that kills long-lived streams. */
  setRefuseEvents(refuse: boolean): void;
  close(): Promise<void>;
}

export interface ProxyOptions {
  upstreamPort: number;
  /** Files served by the proxy itself (path → file), e.g. the baseline page at `/`. */
  files?: Record<string, { file: string; type: string }>;
}

export async function startBenchProxy(options: ProxyOptions): Promise<BenchProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const sockets = new Set<Socket>();
  const streams = new Set<http.ServerResponse>();
  const log: ProxyLogEntry[] = [];
  let refuseEvents = false;

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const own = options.files?.[path];
    if (own !== undefined) {
      void serveFile(own.file, own.type, res);
      return;
    }
    log.push({ at: Date.now(), method, path });
    if (refuseEvents && path === '/api/events') {
      req.socket.destroy();
      return;
    }
    const upstreamReq = http.request(
      { host: '127.0.0.1', port: options.upstreamPort, method, path: url, headers: req.headers, agent },
      (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        if (String(upstream.headers['content-type'] ?? '').startsWith('text/event-stream')) {
          res.flushHeaders();
          streams.add(res);
          res.on('close', () => {
            streams.delete(res);
            upstream.destroy();
          });
        }
        upstream.pipe(res);
        upstream.on('error', () => req.socket.destroy());
      },
    );
    // The server is down or died mid-request: the browser sees a network error, as it would without us.
    upstreamReq.on('error', () => req.socket.destroy());
    req.pipe(upstreamReq);
  });

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    setRefuseEvents(refuse) {
      refuseEvents = refuse;
      // An open stream would otherwise survive the switch and hide it from the client.
      if (refuse) for (const res of streams) res.socket?.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

async function serveFile(file: string, type: string, res: http.ServerResponse): Promise<void> {
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`bench proxy could not read ${file}: ${String(error)}`);
  }
}
