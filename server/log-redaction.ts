// Logger settings that keep secrets out of the logs: credentials (Authorization, cookies) are
// redacted wherever they appear, and a pairing code in a URL (/pair?code=…) is masked.

import type { FastifyServerOptions } from 'fastify';

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'res.headers["set-cookie"]',
  'token',
  'code',
];

/** `?code=ABCD-EFGH` → `?code=[Redacted]` (the pairing screen's address carries the code). */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:code|token)=)[^&#]*/gi, '$1[Redacted]');
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export function loggerOptions(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === false || logger === undefined) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}
