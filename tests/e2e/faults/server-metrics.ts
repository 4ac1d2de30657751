// Reads the server's own counters (GET /metrics, as the owner) for fault evidence that does not rely on what
// the proxy or the browser saw.
import { OWNER_AUTH } from '../helpers/pair-device.ts';

/** `orderline_idempotent_replays_total{kind}`: writes the server answered from an earlier identical request. */
export async function serverReplays(baseUrl: string, kind: 'create' | 'change'): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: OWNER_AUTH,
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`GET /metrics → HTTP ${response.status}`);
  const text = await response.text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`orderline_idempotent_replays_total{kind="${kind}"}`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}
