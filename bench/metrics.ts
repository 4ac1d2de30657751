// Reads request counts by route out of the server's Prometheus text (/metrics). Poll counts come from the
// server's own counter, not from the browser, so nothing in the page is instrumented or stubbed.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (match === null) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] as string] = (pair[2] as string).replace(/\\(.)/g, '$1');
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

export type PollRoute = 'changes' | 'active-list';

/** The request counter: a `*_total` counter with "request" in its name and a route label. */
function isRequestCounter(sample: Sample): boolean {
  return /request/i.test(sample.name) && sample.name.endsWith('_total') && routeOf(sample) !== null;
}

function routeOf(sample: Sample): string | null {
  return sample.labels.route ?? sample.labels.path ?? sample.labels.url ?? null;
}

/** Requests so far to GET /api/orders/changes and GET /api/orders (the active list), by the server's count. */
export function pollRequests(text: string): Record<PollRoute, number> {
  const counts: Record<PollRoute, number> = { changes: 0, 'active-list': 0 };
  let sawCounter = false;
  for (const sample of parsePrometheus(text)) {
    if (!isRequestCounter(sample)) continue;
    sawCounter = true;
    const method = (sample.labels.method ?? 'GET').toUpperCase();
    if (method !== 'GET') continue;
    const route = (routeOf(sample) ?? '').split('?')[0];
    if (route === '/api/orders/changes') counts.changes += sample.value;
    else if (route === '/api/orders') counts['active-list'] += sample.value;
  }
  if (!sawCounter) throw new Error('/metrics has no request counter with a route label');
  return counts;
}
