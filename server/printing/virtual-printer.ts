// A network receipt printer in software (port 9100 style, raw TCP): decodes the ESC/POS it receives into
// tickets, answers DLE EOT status requests (paper out on demand), and can stop reading to play a hung
// printer. `npm run printer:virtual` runs one for a shop without hardware; the tests' fake printer is this.

import { createServer, type Server, type Socket } from 'node:net';
import { EscPosDecoder, type DecodedTicket } from './escpos-decoder.ts';

/** DLE EOT 4 answers (roll paper sensor): fixed bits 0x12; paper out adds bits 5 and 6. */
export const PAPER_OK = 0x12;
export const PAPER_OUT = 0x72;

export interface VirtualPrinterOptions {
  port?: number;
  /** Loopback unless asked otherwise: a test printer must never be reachable from elsewhere. */
  host?: string;
  onTicket?: (ticket: DecodedTicket) => void;
}

export interface VirtualPrinter {
  readonly port: number;
  readonly host: string;
  readonly tickets: DecodedTicket[];
  /** While true, DLE EOT 4 answers "paper out". */
  paperOut: boolean;
  /** While true, the printer keeps connections open but reads nothing (and answers nothing). */
  hung: boolean;
  /**
   * While true, a status request after a ticket on the same connection goes unanswered: the printer took
   * every byte but the server cannot know (the moment a crash makes a duplicate).
   */
  silentAfterTicket: boolean;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Waits until `count` tickets have arrived (or `timeoutMs` passed: rejects). */
  waitForTickets(count: number, timeoutMs?: number): Promise<DecodedTicket[]>;
  close(): Promise<void>;
}

export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const tickets: DecodedTicket[] = [];
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  let connections = 0;

  const printer: VirtualPrinter = {
    port: 0,
    host: options.host ?? '127.0.0.1',
    tickets,
    paperOut: false,
    hung: false,
    silentAfterTicket: false,
    get connections() {
      return connections;
    },
    waitForTickets(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (tickets.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(tickets.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`virtual printer: ${tickets.length} of ${count} tickets after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => close(),
  };

  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    const decoder = new EscPosDecoder();
    let printedHere = false;
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    if (printer.hung) {
      // A hung printer: the connection is accepted, nothing is ever read.
      socket.pause();
      return;
    }
    socket.on('data', (chunk) => {
      if (printer.hung) {
        socket.pause();
        return;
      }
      for (const event of decoder.push(chunk)) {
        if (event.type === 'status') {
          if (printedHere && printer.silentAfterTicket) continue;
          socket.write(Uint8Array.of(event.n === 4 && printer.paperOut ? PAPER_OUT : PAPER_OK));
          continue;
        }
        printedHere = true;
        tickets.push(event.ticket);
        options.onTicket?.(event.ticket);
        for (const waiter of [...waiters]) waiter();
      }
    });
  });

  function close(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, printer.host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('virtual printer: no port');
  Object.defineProperty(printer, 'port', { value: address.port });
  return printer;
}
