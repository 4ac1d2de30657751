// The daily backup at ORDERLINE_BACKUP_HOUR (local time, default 4: a café is closed). The next run is
// recomputed after each one from the wall clock, so a clock change or a long sleep never drifts it.

export const DEFAULT_BACKUP_HOUR = 4;

/** ORDERLINE_BACKUP_HOUR: a whole hour 0..23, or the default when unset; anything else stops the start. */
export function parseBackupHour(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_BACKUP_HOUR;
  const hour = Number(raw);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new Error(`ORDERLINE_BACKUP_HOUR must be a whole hour from 0 to 23, not "${raw}"`);
  }
  return hour;
}

/** The next local `hour`:00 strictly after `now`. */
export function nextBackupAt(now: Date, hour: number): Date {
  const next = new Date(now);
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= now.getTime()) {
    next.setDate(next.getDate() + 1);
    next.setHours(hour, 0, 0, 0);
  }
  return next;
}

export interface BackupSchedule {
  stop(): void;
}

export interface BackupScheduleOptions {
  hour: number;
  run: () => Promise<unknown>;
  onError: (error: unknown) => void;
  now?: () => Date;
}

/** setTimeout holds at most ~24.8 days; a day is well inside, but a long timer is re-armed in steps anyway. */
const MAX_TIMER_MS = 6 * 60 * 60 * 1000;

export function scheduleDailyBackup(options: BackupScheduleOptions): BackupSchedule {
  const now = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  function arm(due: Date): void {
    if (stopped) return;
    const wait = due.getTime() - now().getTime();
    if (wait > 0) {
      // Waiting in steps of at most 6 hours re-reads the clock, so a machine that slept wakes up on time.
      timer = setTimeout(() => arm(due), Math.min(wait, MAX_TIMER_MS));
      timer.unref();
      return;
    }
    options
      .run()
      .catch(options.onError)
      .finally(() => arm(nextBackupAt(now(), options.hour)));
  }

  arm(nextBackupAt(now(), options.hour));
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
