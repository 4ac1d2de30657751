// Server: POST /api/orders throughput on loopback with autocannon. Every request is a distinct, valid create
// (its own UUIDv7 id = Idempotency-Key), so the server does real inserts, never idempotent replays.
import autocannon from 'autocannon';
import { newOrderBody, registerDevice, type BenchDevice } from '../api-client.ts';
import { OWNER_AUTH } from '../../tests/e2e/helpers/pair-device.ts';

export interface ThroughputResult {
  createsPerSecond: number;
  created: number;
  non2xx: number;
  errors: number;
  seconds: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

export async function measureCreateThroughput(
  baseUrl: string,
  menuItemId: string,
  seconds: number,
): Promise<ThroughputResult> {
  const device: BenchDevice = await registerDevice(baseUrl);
  const result = await autocannon({
    url: baseUrl,
    // Enough concurrent writers for the server's group commit to matter, few enough for 2 cores.
    connections: 16,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/orders',
        setupRequest: (request) => {
          const body = newOrderBody(device, menuItemId, 'throughput');
          return {
            ...request,
            // A tool's credential (the owner token): the bench measures the server, not pairing.
            headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': body.id },
            body: JSON.stringify(body),
          };
        },
      },
    ],
  });
  const created = result['2xx'];
  return {
    createsPerSecond: Math.round(created / result.duration),
    created,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  };
}
