// `npm run printer:virtual [-- --port 9100 --host 127.0.0.1 --paper-out]`: a network receipt printer in
// software for a shop without hardware (and for trying Orderline out). Prints each ticket it receives as
// text. Listens on loopback unless --host says otherwise.

import { parseArgs } from 'node:util';
import { startVirtualPrinter } from '../server/printing/virtual-printer.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9100' },
    host: { type: 'string', default: '127.0.0.1' },
    'paper-out': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0-65535, not ${values.port}`);
  process.exit(2);
}

const printer = await startVirtualPrinter({
  port,
  host: values.host,
  onTicket(ticket) {
    const width = Math.max(32, ...ticket.lines.map((line) => line.text.length));
    const edge = `+${'-'.repeat(width + 2)}+`;
    const flags = [ticket.drawerKick ? 'drawer kicked' : '', ticket.codepages.join(',')]
      .filter(Boolean)
      .join(', ');
    console.log(edge);
    for (const line of ticket.lines) console.log(`| ${line.text.padEnd(width)} |`);
    console.log(`${edge} ${ticket.bytes.length} bytes${flags ? `, ${flags}` : ''}`);
  },
});
printer.paperOut = values['paper-out'];
console.log(
  `virtual printer listening on ${printer.host}:${printer.port}${printer.paperOut ? ' (paper out)' : ''}`,
);
console.log('add it under Printers with this host and port; Ctrl-C stops it');
process.on('SIGINT', () => {
  void printer.close().then(() => process.exit(0));
});
