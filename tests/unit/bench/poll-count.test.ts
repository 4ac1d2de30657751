// The bench's "0 polls while push is connected" counts reads of live state only: telemetry reports and
// History reads go to other routes and must not count as polls.
import { describe, expect, it } from 'vitest';
import { pollRequests } from '../../../bench/metrics.ts';

const line = (method: string, route: string, value: number) =>
  `orderline_http_requests_total{method="${method}",route="${route}",status="200"} ${value}`;

describe('pollRequests', () => {
  it('ignores telemetry reports and history reads', () => {
    const text = [
      line('GET', '/api/orders/changes', 2),
      line('GET', '/api/orders', 3),
      line('POST', '/api/telemetry', 40),
      line('GET', '/api/orders/history', 5),
      line('GET', '/api/telemetry/devices', 7),
    ].join('\n');
    expect(pollRequests(text)).toEqual({ changes: 2, 'active-list': 3 });
  });
});
