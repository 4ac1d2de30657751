// The printer alert on the Kitchen screen and the counter (principle 23): one line per printer that is not
// `ok` or has a job waiting more than 30 s, with the reason in words. Renders nothing while all is well.
import { useEffect, useState } from 'preact/hooks';
import { PRINT_JOB_LATE_MS, type PrintersEventData } from '../../protocol/printers.ts';
import { subscribePrinters } from '../printer-status-channel.ts';
import { t } from '../i18n.ts';

type Entry = PrintersEventData['printers'][number];

/** Message ids: "Printer <name> is …". */
const STATE_WORDS: Record<Entry['state'], string> = {
  ok: 'printers.ready',
  offline: 'printers.offline',
  paper_out: 'printers.paperOut',
};

/** The alert line for one printer, or null when it needs no one's attention. */
export function printerAlertText(printer: Entry, nowMs: number): string | null {
  const waitedMs = printer.oldestQueuedAt === null ? 0 : nowMs - Date.parse(printer.oldestQueuedAt);
  const late = waitedMs > PRINT_JOB_LATE_MS;
  if (printer.state === 'ok' && !late) return null;
  const parts = [t(STATE_WORDS[printer.state], { name: printer.name })];
  if (printer.reason) parts.push(printer.reason);
  if (late) parts.push(t('printers.late', { count: printer.queued, seconds: Math.round(waitedMs / 1000) }));
  return `${parts.join(': ')}.`;
}

export function PrinterAlerts() {
  const [data, setData] = useState<PrintersEventData | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => subscribePrinters(setData), []);
  useEffect(() => {
    // Only while some job waits: "waited over 30 s" needs a clock, an idle shop does not.
    if (!data?.printers.some((printer) => printer.oldestQueuedAt !== null)) return;
    const timer = window.setInterval(() => setNow(Date.now()), 5000);
    return () => window.clearInterval(timer);
  }, [data]);
  const lines = (data?.printers ?? [])
    .map((printer) => printerAlertText(printer, now))
    .filter((line) => line !== null);
  if (lines.length === 0) return null;
  return (
    <div class="banner problem printer-alerts" role="alert" aria-label={t('printers.label')}>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
