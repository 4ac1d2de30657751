// The server process killed (SIGKILL) while a printer has taken every byte of a job but before the server
// learnt it: after a restart the job prints again, at most twice in all, the duplicate visibly marked
// (same job id, REPRINT), and it is never lost. A real child process on a PGlite data directory; the
// printer is the virtual printer on loopback.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../../../../server/printing/virtual-printer.ts';
import { migratedDataDir } from '../migrated-data-dir.ts';
import { NO_LOAD_SHEDDING, spawnServerChild, type ServerChild } from '../server-child.ts';
import { printerBody, sleep } from './printing-fixtures.ts';
import { httpJobs, httpPostOrder, httpPutPrinter, ticketJobId } from './http-printing.ts';

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

function kill(server: ServerChild): Promise<unknown> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  return server.exited;
}

describe('server killed mid-job', () => {
  it('prints the job at most twice, the second marked REPRINT with the same id, and never loses it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'orderline-print-kill-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    await migratedDataDir(dataDir);
    const printer: VirtualPrinter = await startVirtualPrinter();
    cleanup.push(() => printer.close());
    printer.silentAfterTicket = true;

    const first = spawnServerChild(dataDir, NO_LOAD_SHEDDING);
    cleanup.push(() => kill(first));
    const firstUrl = await first.url;
    await httpPutPrinter(firstUrl, 'pass', printerBody(printer.port, { name: 'Pass' }));
    await httpPostOrder(firstUrl);
    const [taken] = await printer.waitForTickets(1, 15_000);
    // The printer has every byte; the server still waits for its answer. Kill it now.
    const [job] = await httpJobs(firstUrl, 'pass');
    expect(job?.state).toBe('printing');
    await kill(first);
    printer.silentAfterTicket = false;

    const second = spawnServerChild(dataDir, NO_LOAD_SHEDDING);
    cleanup.push(() => kill(second));
    const secondUrl = await second.url;
    const tickets = await printer.waitForTickets(2, 20_000);
    await sleep(1500);
    expect(printer.tickets).toHaveLength(2);
    const id = ticketJobId(taken!.text);
    expect(id).toBeDefined();
    expect(ticketJobId(tickets[1]!.text)).toBe(id);
    expect(tickets[0]!.text).not.toContain('REPRINT');
    expect(tickets[1]!.text).toContain('REPRINT');
    const [after] = await httpJobs(secondUrl, 'pass');
    expect(after).toMatchObject({ id: job!.id, state: 'done', attempts: 2 });
  }, 90_000);
});
