// Reads the server's own counters (GET /metrics, as the owner) for fault evidence that does not rely on what
// the proxy or the browser saw: replays it answered, and when its process started (a restart shows as a new time).
import { OWNER_AUTH } from '../helpers/pair-device.ts';
import { sleep } from './fault-results.ts';

async function metricsText(baseUrl: string): Promise<string> {
  // Load shedding may answer 503 while a fault is under way: ask again for a few seconds.
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${baseUrl}/metrics`, {
      headers: OWNER_AUTH,
      signal: AbortSignal.timeout(10_000),
    }).catch(() => null);
    if (response?.ok) return response.text();
    if (attempt >= 20)
      throw new Error(`GET /metrics → ${response ? `HTTP ${response.status}` : 'no answer'}`);
    await sleep(250);
  }
}

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

/** `orderline_idempotent_replays_total{kind}`: writes the server answered from an earlier identical request. */
export async function serverReplays(baseUrl: string, kind: 'create' | 'change'): Promise<number> {
  return sample(await metricsText(baseUrl), `orderline_idempotent_replays_total{kind="${kind}"}`);
}

/** `process_start_time_seconds` of the server process answering now (whole seconds). */
export async function serverStartedAt(baseUrl: string): Promise<number> {
  const started = sample(await metricsText(baseUrl), 'process_start_time_seconds');
  if (!(started > 0)) throw new Error('the server reports no process_start_time_seconds');
  return started;
}
