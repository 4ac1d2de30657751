// GET /api/orders?status=active: network first, and the SW's IndexedDB copy when the network cannot answer
// (offline or a non-API page), so the list still loads offline. Counts hits and misses for Diagnostics.

import { API_HEADER, API_HEADER_VALUE } from '../protocol/api.ts';
import type { SyncEngine } from './sync-engine.ts';

export function isActiveOrdersRequest(url: URL, request: Request, origin: string): boolean {
  return (
    request.method === 'GET' &&
    url.origin === origin &&
    url.pathname === '/api/orders' &&
    url.searchParams.get('status') === 'active'
  );
}

export async function activeOrdersNetworkFirst(
  request: Request,
  engine: SyncEngine,
  fetchFn: typeof fetch,
): Promise<Response> {
  try {
    const response = await fetchFn(request);
    if (response.ok && response.headers.get(API_HEADER) === API_HEADER_VALUE) {
      await engine.countNetworkRead();
      return response;
    }
  } catch (error) {
    // Offline: fall through to the local copy, which is exactly what this route exists for.
    if (!(error instanceof TypeError)) throw error;
  }
  const cached = await engine.activeOrdersFromCache();
  // Marked as a local answer (not X-Orderline-Api): the page can tell it came from this device.
  return new Response(JSON.stringify(cached), {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-orderline-source': 'device' },
  });
}
