// A loopback HTTP proxy between the browser and the real server that injects network faults from outside
// the app: refused connections, captive-portal answers, responses lost after the server committed, stalled
// push streams and injected API errors. It never rewrites a request; every request it sees is logged.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { unreachable } from '../../../protocol/unreachable.ts';

/** `forward`: transparent. `refuse`: every connection is cut (like a server that is down). `captive`: every
 * request gets `200 text/html` like a hotel Wi-Fi login page. */
export type ProxyMode = 'forward' | 'refuse' | 'captive';

export interface ProxiedRequest {
  /** One per request the browser sent: a request logged twice (cut, then forwarded anyway) keeps its id. */
  requestId: number;
  method: string;
  path: string;
  idempotencyKey: string | null;
  /** Every write key the request carries: its Idempotency-Key, or each mutation's key in a POST /api/batch. */
  keys: string[];
  body: string;
}

/** A write the outbox sends: a lone create or patch, or a batch of them (DESIGN.md Part 2, principle 17). */
export function isWrite(req: ProxiedRequest): boolean {
  if (req.method === 'POST' && (req.path === '/api/orders' || req.path === '/api/batch')) return true;
  return req.method === 'PATCH' && req.path.startsWith('/api/orders/');
}

/** The write keys in a request: the header for a lone write, the mutations' keys for a batch. */
function keysOf(method: string, path: string, headerKey: string | null, body: string): string[] {
  if (headerKey !== null) return [headerKey];
  if (method !== 'POST' || path !== '/api/batch') return [];
  try {
    const parsed = JSON.parse(body) as { mutations?: { key?: unknown }[] };
    return (parsed.mutations ?? []).flatMap((m) => (typeof m.key === 'string' ? [m.key.toLowerCase()] : []));
  } catch {
    return [];
  }
}

/** Write keys that reached the proxy in more than one request (a request logged twice counts once). */
export function resentKeys(log: readonly ProxyLogEntry[]): number {
  return [...requestsByKey(log).values()].filter((requests) => requests.size > 1).length;
}

function requestsByKey(log: readonly ProxyLogEntry[]): Map<string, Set<number>> {
  const byKey = new Map<string, Set<number>>();
  for (const entry of log)
    for (const key of entry.keys) byKey.set(key, (byKey.get(key) ?? new Set()).add(entry.requestId));
  return byKey;
}

/** Requests the browser never got an answer to: the link was cut, the proxy refused, or it dropped the answer. */
export function unansweredRequests(log: readonly ProxyLogEntry[]): Set<number> {
  const unanswered: ProxyOutcome[] = ['connection-cut', 'refused', 'response-dropped'];
  return new Set(log.filter((entry) => unanswered.includes(entry.outcome)).map((entry) => entry.requestId));
}

/** Write requests cut on the way (link cut or refused), each counted once however often it was logged. */
export function cutWrites(log: readonly ProxyLogEntry[]): number {
  return new Set(
    log
      .filter((e) => isWrite(e) && (e.outcome === 'connection-cut' || e.outcome === 'refused'))
      .map((e) => e.requestId),
  ).size;
}

/** Keys of a write request that was cut and that came again in a later request: resent because of the cut. */
export function keysResentAfterCut(log: readonly ProxyLogEntry[]): number {
  const cut = new Set(
    log
      .filter((e) => isWrite(e) && (e.outcome === 'connection-cut' || e.outcome === 'refused'))
      .map((e) => e.requestId),
  );
  let resent = 0;
  for (const requests of requestsByKey(log.filter(isWrite)).values()) {
    const sorted = [...requests].sort((a, b) => a - b);
    if (sorted.some((id, i) => cut.has(id) && i < sorted.length - 1)) resent += 1;
  }
  return resent;
}

/**
 * The server's own proof that a committed-but-unanswered create was resent: the server answered the key 201
 * (created) in a request the browser never got the answer to, and 200 (a replay of the stored order) in a
 * later request with the same key.
 */
export function unansweredCreatesReplayed(log: readonly ProxyLogEntry[]): number {
  const unanswered = unansweredRequests(log);
  const createdUnanswered = new Map<string, number>();
  for (const entry of log)
    for (const answer of entry.answers)
      if (answer.status === 201 && unanswered.has(entry.requestId))
        createdUnanswered.set(answer.key, entry.requestId);
  const replayed = new Set<string>();
  for (const entry of log)
    for (const answer of entry.answers) {
      const first = createdUnanswered.get(answer.key);
      if (first !== undefined && entry.requestId > first && answer.status === 200) replayed.add(answer.key);
    }
  return replayed.size;
}

/** The server's status for each write key of an answer: the lone status, or each result of a batch. */
function answersOf(info: ProxiedRequest, status: number, body: string): ProxyAnswer[] {
  if (info.path !== '/api/batch') return info.keys.map((key) => ({ key, status }));
  try {
    const parsed = JSON.parse(body) as { results?: { status?: unknown }[] };
    const results = parsed.results ?? [];
    return info.keys.flatMap((key, i) => {
      const answer = results[i]?.status;
      return typeof answer === 'number' ? [{ key, status: answer }] : [];
    });
  } catch {
    return [];
  }
}

export type ProxyOutcome =
  | 'forwarded'
  | 'response-dropped'
  | 'refused'
  | 'captive'
  | 'stalled'
  | 'injected'
  | 'upstream-error'
  /** The connection closed before the whole answer was sent (worker killed, link cut): never answered. */
  | 'connection-cut';

export interface ProxyAnswer {
  key: string;
  status: number;
}

export interface ProxyLogEntry extends ProxiedRequest {
  at: number;
  outcome: ProxyOutcome;
  status: number | null;
  /** For a write the server answered: its status per key (filled in once the whole answer has arrived). */
  answers: ProxyAnswer[];
}

/** An API error the proxy answers instead of the server, shaped exactly like the server's own. */
export interface InjectedError {
  status: number;
  code: string;
  message: string;
}

export interface FaultProxy {
  readonly url: string;
  readonly origin: string;
  readonly log: ProxyLogEntry[];
  setMode(mode: ProxyMode): void;
  /** Forward the request to the server, let it commit, then cut the connection before the answer. */
  dropResponsesWhen(rule: ((req: ProxiedRequest) => boolean) | null): void;
  /** Runs before each request is forwarded and may await (e.g. kill the server at the Nth create). */
  beforeForward(hook: ((req: ProxiedRequest) => Promise<void> | void) | null): void;
  /** Adds latency to every forwarded request, like a slow link (keeps a drain in flight long enough to hit). */
  setLatency(ms: number): void;
  /** Answer matching requests with an API error without forwarding them. */
  injectErrorWhen(rule: ((req: ProxiedRequest) => InjectedError | null) | null): void;
  /** Freeze every open SSE stream: no more bytes either way, sockets stay open. Returns how many. */
  stallOpenStreams(): number;
  /** New `/api/events` requests are held open with no answer at all (not even headers). */
  setHoldNewStreams(hold: boolean): void;
  openStreams(): number;
  /** Destroys every open browser connection, like a link that drops: requests in flight get no answer, but
   * one the proxy already holds is still forwarded (the server may commit what the device never hears of). */
  cutConnections(): number;
  close(): Promise<void>;
}

const CAPTIVE_PAGE =
  '<!doctype html><title>Sign in to Wi-Fi</title><h1>Please accept the terms to continue</h1>';

export async function startFaultProxy(upstreamPort: number): Promise<FaultProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const sockets = new Set<Socket>();
  const streams = new Set<{ upstream: http.IncomingMessage; res: http.ServerResponse }>();
  const held = new Set<http.ServerResponse>();
  // Connections the proxy itself cut (refused, upstream died, answer dropped): not the client's doing.
  const cutByProxy = new WeakSet<http.ServerResponse>();
  const log: ProxyLogEntry[] = [];
  let mode: ProxyMode = 'forward';
  let dropRule: ((req: ProxiedRequest) => boolean) | null = null;
  let injectRule: ((req: ProxiedRequest) => InjectedError | null) | null = null;
  let holdNewStreams = false;
  let hook: ((req: ProxiedRequest) => Promise<void> | void) | null = null;
  let latencyMs = 0;

  let requestCount = 0;
  const record = (req: ProxiedRequest, outcome: ProxyOutcome, status: number | null): ProxyLogEntry => {
    const entry: ProxyLogEntry = { ...req, at: Date.now(), outcome, status, answers: [] };
    log.push(entry);
    return entry;
  };
  /** Keeps the server's answer to a write (small JSON) to learn what it said per key. */
  const readAnswer = (info: ProxiedRequest, upstream: http.IncomingMessage, entry: () => ProxyLogEntry) => {
    if (!isWrite(info)) return;
    const chunks: Buffer[] = [];
    upstream.on('data', (chunk: Buffer) => chunks.push(chunk));
    upstream.on('end', () => {
      entry().answers = answersOf(info, upstream.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
    });
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const key = req.headers['idempotency-key'];
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const idempotencyKey = typeof key === 'string' ? key.toLowerCase() : null;
      const text = body.toString('utf8');
      const info: ProxiedRequest = {
        requestId: ++requestCount,
        method,
        path,
        idempotencyKey,
        keys: keysOf(method, path, idempotencyKey, text),
        body: text,
      };
      // A write whose connection closes before its answer was fully sent was cut: the device must resend it.
      res.on('close', () => {
        if (!res.writableFinished && isWrite(info) && !cutByProxy.has(res))
          record(info, 'connection-cut', null);
      });
      void prepare(info)
        .then(() => handle(info, body, req, res))
        .catch((err: unknown) => {
          // A failing hook is a test bug: make it loud in the log and to the browser, never silent.
          console.error('fault proxy hook failed', err);
          record(info, 'upstream-error', null);
          cutByProxy.add(res);
          req.socket.destroy();
        });
    });
  });

  async function prepare(info: ProxiedRequest): Promise<void> {
    if (latencyMs > 0 && mode === 'forward') await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (hook && mode === 'forward') await hook(info);
  }

  function handle(info: ProxiedRequest, body: Buffer, req: http.IncomingMessage, res: http.ServerResponse) {
    switch (mode) {
      case 'refuse':
        record(info, 'refused', null);
        cutByProxy.add(res);
        req.socket.destroy();
        return;
      case 'captive':
        record(info, 'captive', 200);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(CAPTIVE_PAGE);
        return;
      case 'forward':
        break;
      default:
        unreachable(mode);
    }
    const injected = injectRule?.(info) ?? null;
    if (injected) {
      record(info, 'injected', injected.status);
      res.writeHead(injected.status, { 'content-type': 'application/json', 'x-orderline-api': '1' });
      res.end(JSON.stringify({ error: { code: injected.code, message: injected.message } }));
      return;
    }
    if (holdNewStreams && info.path.startsWith('/api/events')) {
      // Socket open, not a byte sent: what a wedged middlebox does to a long-lived response.
      record(info, 'stalled', null);
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    const drop = dropRule?.(info) ?? false;
    const upstreamReq = http.request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: info.method,
        path: info.path,
        headers: { ...req.headers, 'content-length': String(body.length) },
        agent,
      },
      (upstream) => {
        if (drop) {
          cutByProxy.add(res);
          // Read the whole answer first so the server has committed and finished, then lose it.
          let dropped: ProxyLogEntry | null = null;
          readAnswer(
            info,
            upstream,
            () => (dropped ??= record(info, 'response-dropped', upstream.statusCode ?? null)),
          );
          upstream.on('end', () => {
            dropped ??= record(info, 'response-dropped', upstream.statusCode ?? null);
            req.socket.destroy();
          });
          upstream.resume();
          return;
        }
        const isStream = String(upstream.headers['content-type'] ?? '').startsWith('text/event-stream');
        if (isStream && mode !== 'forward') {
          // The link changed while this stream's request was in flight (setMode cut only the streams open
          // then): a stream must not outlive the fault it would hide, so it is cut like the others.
          record(info, 'connection-cut', upstream.statusCode ?? null);
          upstream.destroy();
          cutByProxy.add(res);
          req.socket.destroy();
          return;
        }
        const forwarded = record(info, 'forwarded', upstream.statusCode ?? null);
        readAnswer(info, upstream, () => forwarded);
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        if (isStream) {
          res.flushHeaders();
          const stream = { upstream, res };
          streams.add(stream);
          res.on('close', () => {
            streams.delete(stream);
            upstream.destroy();
          });
        }
        upstream.pipe(res);
        upstream.on('error', () => {
          cutByProxy.add(res);
          req.socket.destroy();
        });
      },
    );
    upstreamReq.on('error', () => {
      // The server is down or died mid-request: the browser sees a network error, as it would directly.
      record(info, 'upstream-error', null);
      cutByProxy.add(res);
      req.socket.destroy();
    });
    upstreamReq.end(body);
  }

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const cutStreams = (): void => {
    for (const { res } of streams) res.socket?.destroy();
    for (const res of held) res.socket?.destroy();
  };

  return {
    url: `${origin}/`,
    origin,
    log,
    setMode(next) {
      mode = next;
      // Long-lived streams would otherwise survive the change and hide it from the client.
      if (next !== 'forward') cutStreams();
    },
    beforeForward(next) {
      hook = next;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    dropResponsesWhen(rule) {
      dropRule = rule;
    },
    injectErrorWhen(rule) {
      injectRule = rule;
    },
    stallOpenStreams() {
      for (const { upstream } of streams) {
        upstream.unpipe();
        upstream.pause();
      }
      return streams.size;
    },
    setHoldNewStreams(hold) {
      holdNewStreams = hold;
      if (!hold) for (const res of held) res.socket?.destroy();
    },
    openStreams() {
      return streams.size;
    },
    cutConnections() {
      const open = sockets.size;
      for (const socket of sockets) socket.destroy();
      return open;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
