// Runs only the kitchen bump measure (bench/scenarios/bump.ts) against a fresh server and prints its JSON:
//   npm run build && node --import tsx bench/run-bump.ts [samples] [busyTickets]
import { fetchMenuItems } from './api-client.ts';
import { startBenchEnv } from './bench-env.ts';
import { measureBump } from './scenarios/bump.ts';

const samples = Number(process.argv[2] ?? 100);
const busy = Number(process.argv[3] ?? 200);
const env = await startBenchEnv();
try {
  const [item] = await fetchMenuItems(env.server.url);
  const result = await measureBump(env, item!.id, samples, busy, `bump${Date.now().toString(36)}`);
  process.stdout.write(
    `${JSON.stringify({ bump_other_device_ms: result.otherDevice, details: result }, null, 1)}\n`,
  );
} finally {
  await env.close();
}
