// What plain HTTP may serve (DESIGN.md Part 2, principle 11): the app only to a loopback Host (a browser
// secure context), /setup to any other host, and /api only to loopback peers (403 https_required).

import { isIP } from 'node:net';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { unreachable } from '../protocol/unreachable.ts';
import { sendError } from './api-error.ts';

/** Host names a browser treats as a secure context over plain HTTP. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host of a Host header without its port; '' when the header does not parse. */
export function hostWithoutPort(hostHeader: string | undefined): string {
  if (hostHeader === undefined || hostHeader === '') return '';
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    // A malformed Host can never be a loopback name: answering with /setup is right for it.
    return '';
  }
}

export function isLoopbackHost(hostHeader: string | undefined): boolean {
  return LOOPBACK_HOSTS.has(hostWithoutPort(hostHeader));
}

/** 127.0.0.0/8, ::1, and IPv4 loopback as an IPv4-mapped IPv6 address (dual-stack sockets). */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

export type PlainHttpVerdict = 'serve' | 'https_required' | 'setup';

/** The rule for one plain-HTTP request; HTTPS requests are always served. */
export function plainHttpVerdict(
  request: Pick<FastifyRequest, 'url' | 'headers'>,
  peer: string | undefined,
): PlainHttpVerdict {
  const path = pathOf(request.url);
  // Tools on the server machine (curl, the bench) keep plain HTTP; the Host header proves nothing, the peer does.
  if (path === '/api' || path.startsWith('/api/') || path === '/metrics') {
    return isLoopbackPeer(peer) ? 'serve' : 'https_required';
  }
  if (path === '/healthz' || path === '/setup' || path.startsWith('/setup/')) return 'serve';
  return isLoopbackHost(request.headers.host) ? 'serve' : 'setup';
}

const plugin: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') return;
    const verdict = plainHttpVerdict(request, request.socket.remoteAddress);
    switch (verdict) {
      case 'serve':
        return;
      case 'https_required':
        return sendError(
          reply,
          403,
          'https_required',
          'Orderline answers other devices over HTTPS only: open /setup on this address',
        );
      case 'setup':
        // Every navigation, asset and service-worker fetch: the app must not start without a secure context.
        return reply.header('cache-control', 'no-store').redirect('/setup', 302);
      default:
        return unreachable(verdict);
    }
  });
};

/** Registered on the root instance (fastify-plugin), so its hook covers every route. */
export const plainHttpRules = fp(plugin, { name: 'orderline-plain-http-rules' });
