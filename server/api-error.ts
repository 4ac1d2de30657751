// The one error shape of the API, `{"error":{"code","message"}}`, and the mapping from Fastify's own
// errors (body too large, bad JSON, wrong content type, rate limit) onto it.

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError, ErrorCode } from '../protocol/api.ts';

export function errorBody(code: ErrorCode, message: string): ApiError {
  return { error: { code, message } };
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(errorBody(code, message));
}

/** Thrown by hooks (e.g. the rate limiter) that cannot send the reply themselves. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 404:
      return 'not_found';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'internal' : 'invalid_body';
  }
}

/** Fastify error handler: client mistakes become 4xx with our body; anything else is logged as 500. */
export function handleError(error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpError) return sendError(reply, error.statusCode, error.code, error.message);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's parser errors (FST_ERR_CTP_*) carry a usable message and a 4xx status.
    return sendError(reply, status, codeForStatus(status), error.message);
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 500, 'internal', 'internal server error');
}
