// Two server instances on one PostgreSQL (a throwaway cluster): every kitchen job prints exactly once
// whichever instance took the order, and when the instance driving the printer is killed the other takes
// the printer over within 10 s (the per-printer lease runs out and is taken). Printer on loopback.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startVirtualPrinter } from '../../../../server/printing/virtual-printer.ts';
import { postgresAvailable, startPostgres } from '../postgres-cluster.ts';
import { NO_LOAD_SHEDDING, spawnServerChild, type ServerChild } from '../server-child.ts';
import { printerBody, sleep } from './printing-fixtures.ts';
import { httpJobs, httpPostOrder, httpPutPrinter, ticketJobId } from './http-printing.ts';

const unavailable = await postgresAvailable();
if (unavailable) console.warn(`skipping the two-instance printing test: ${unavailable}`);

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

function kill(server: ServerChild): Promise<unknown> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  return server.exited;
}

async function instance(databaseUrl: string): Promise<{ server: ServerChild; url: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'orderline-print-pg-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const server = spawnServerChild(dataDir, { ...NO_LOAD_SHEDDING, DATABASE_URL: databaseUrl });
  cleanup.push(() => kill(server));
  return { server, url: await server.url };
}

describe.skipIf(unavailable !== null)('two server instances on PostgreSQL', () => {
  it('print each job once, and the survivor takes the printer over within 10 s of a kill', async () => {
    const cluster = await startPostgres();
    cleanup.push(() => cluster.stop());
    const printer = await startVirtualPrinter();
    cleanup.push(() => printer.close());

    // A starts alone, so it is the one that drives the printer.
    const a = await instance(cluster.url);
    await httpPutPrinter(a.url, 'grill', printerBody(printer.port, { name: 'Grill' }));
    await httpPostOrder(a.url);
    await printer.waitForTickets(1, 15_000);
    const b = await instance(cluster.url);

    for (let i = 0; i < 10; i += 1) await httpPostOrder(i % 2 === 0 ? a.url : b.url);
    await printer.waitForTickets(11, 15_000);
    await sleep(2500);
    const ids = printer.tickets.map((ticket) => ticketJobId(ticket.text));
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(11);
    expect((await httpJobs(b.url, 'grill')).every((job) => job.state === 'done')).toBe(true);

    await kill(a.server);
    const killedAt = Date.now();
    await httpPostOrder(b.url);
    await printer.waitForTickets(12, 15_000);
    const takeoverMs = Date.now() - killedAt;
    console.log(`printer taken over ${takeoverMs} ms after the kill`);
    expect(takeoverMs).toBeLessThan(10_000);
    await sleep(1000);
    expect(new Set(printer.tickets.map((ticket) => ticketJobId(ticket.text))).size).toBe(12);
    expect(printer.tickets).toHaveLength(12);
  }, 150_000);
});
