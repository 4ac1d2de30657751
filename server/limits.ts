// The server's resource limits (DESIGN.md "Limits (Part 2)") in one place: defaults, and how main.ts
// reads them from the environment. Tests pass smaller values through BuildAppOptions.limits.

export interface ServerLimits {
  /** Open /api/events streams per device credential (ORDERLINE_MAX_STREAMS_PER_DEVICE). */
  maxStreamsPerDevice: number;
  /** Open /api/events streams on the whole server (ORDERLINE_MAX_STREAMS). */
  maxStreams: number;
  /** Bytes a stream reader may have queued beyond the event being written before it is dropped. */
  slowReaderBytes: number;
  /** Whole-request deadline for everything but event streams (ORDERLINE_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** Deadline for a client to send its request headers (ORDERLINE_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** Graceful shutdown waits this long for in-flight requests, then destroys every socket. */
  shutdownGraceMs: number;
  /** Event-loop delay beyond which requests are shed with 503 (ORDERLINE_MAX_EVENT_LOOP_DELAY_MS; 0 = off). */
  maxEventLoopDelayMs: number;
  /** A TCP connection to the HTTPS port must finish its TLS handshake within this (ORDERLINE_TLS_HANDSHAKE_TIMEOUT_MS). */
  tlsHandshakeTimeoutMs: number;
  /** Open connections per listener, plain and HTTPS each (ORDERLINE_MAX_CONNECTIONS); more are closed at once. */
  maxConnections: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxStreamsPerDevice: 8,
  maxStreams: 500,
  slowReaderBytes: 1024 * 1024,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  shutdownGraceMs: 10_000,
  maxEventLoopDelayMs: 2_000,
  tlsHandshakeTimeoutMs: 10_000,
  // Above maxStreams (each stream holds a connection) with room for every device's ordinary requests.
  maxConnections: 1_000,
};

const ENV_NAMES: Record<keyof ServerLimits, string> = {
  maxStreamsPerDevice: 'ORDERLINE_MAX_STREAMS_PER_DEVICE',
  maxStreams: 'ORDERLINE_MAX_STREAMS',
  slowReaderBytes: 'ORDERLINE_SLOW_READER_BYTES',
  requestTimeoutMs: 'ORDERLINE_REQUEST_TIMEOUT_MS',
  headersTimeoutMs: 'ORDERLINE_HEADERS_TIMEOUT_MS',
  shutdownGraceMs: 'ORDERLINE_SHUTDOWN_GRACE_MS',
  maxEventLoopDelayMs: 'ORDERLINE_MAX_EVENT_LOOP_DELAY_MS',
  tlsHandshakeTimeoutMs: 'ORDERLINE_TLS_HANDSHAKE_TIMEOUT_MS',
  maxConnections: 'ORDERLINE_MAX_CONNECTIONS',
};

/** How often Node checks the header and request deadlines (its 30 s default would stretch a 10 s limit to ~30 s). */
export function connectionsCheckingIntervalMs(limits: ServerLimits): number {
  return Math.min(1000, Math.max(50, Math.floor(limits.requestTimeoutMs / 4)));
}

/** Reads every limit from `env`; a malformed value stops the server rather than silently meaning "no limit". */
export function limitsFromEnv(env: NodeJS.ProcessEnv): ServerLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(ENV_NAMES) as (keyof ServerLimits)[]) {
    const raw = env[ENV_NAMES[key]];
    if (raw === undefined || raw === '') continue;
    if (!/^[0-9]{1,12}$/.test(raw)) throw new Error(`${ENV_NAMES[key]} must be a whole number, got ${raw}`);
    limits[key] = Number(raw);
  }
  return limits;
}
