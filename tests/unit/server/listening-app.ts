// A memory app listening on loopback for one test file, whose event streams are opened as the owner (plus
// any headers) and closed with the app: what the menu and settings push tests both need.
import type { AddressInfo } from 'node:net';
import { memoryApp, OWNER_AUTH, type TestApp } from './order-fixtures.ts';
import { connectSse, type SseConnection } from './sse-client.ts';

export interface ListeningApp extends TestApp {
  baseUrl: string;
  /** Opens `/api/events` as the owner, the given headers on top. */
  openEvents(headers?: Record<string, string>): Promise<SseConnection>;
}

export async function listeningMemoryApp(): Promise<ListeningApp> {
  const t = await memoryApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const streams: SseConnection[] = [];
  return {
    ...t,
    baseUrl,
    async openEvents(headers = {}) {
      const stream = await connectSse(`${baseUrl}/api/events`, { ...OWNER_AUTH, ...headers });
      streams.push(stream);
      return stream;
    },
    async close() {
      for (const stream of streams) stream.close();
      await t.close();
    },
  };
}
