// Runs server/main.ts in a child process, as `npm run serve` would, on free ports of loopback, with the test
// admin token: for the tests that need a real process (signals, restarts, RSS under load).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TEST_ADMIN_TOKEN } from './order-fixtures.ts';

export interface ServerChild {
  child: ChildProcess;
  /** The plain-HTTP address, once the server logs that it listens; rejects if it exits first. */
  url: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * For tests about something other than load shedding: a machine loaded by other work (a full suite beside
 * builds) can delay the event loop past the 2 s limit, and the server would answer 503 to the test's requests.
 */
export const NO_LOAD_SHEDDING = { ORDERLINE_MAX_EVENT_LOOP_DELAY_MS: '0' } as const;

export function spawnServerChild(dataDir: string, env: Record<string, string> = {}): ServerChild {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: join(import.meta.dirname, '..', '..', '..'),
    // HTTPS_PORT 0: a free port, never 8443 (other servers on this machine may hold it).
    env: {
      ...process.env,
      PORT: '0',
      HTTPS_PORT: '0',
      HOST: '127.0.0.1',
      ORDERLINE_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ORDERLINE_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/[^"\s]+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(() => reject(new Error('the server exited before listening')));
  });
  // A test that never awaits `url` (it failed earlier) must not leave an unhandled rejection behind.
  url.catch(() => {});
  return { child, url, exited };
}
