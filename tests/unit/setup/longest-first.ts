// Vitest sequencer: the longest files start first. Vitest orders files by the durations in its results cache,
// and without one (a fresh clone, as on CI) by file size, which put the 72 s printer-faults file (60 s of it a
// printer kept off, issue 23) among the last and left the other worker idle for its length. A file missing
// from this list keeps Vitest's own order after these; none is ever skipped.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Slowest first, from a CI run's per-file durations (seconds in brackets, /work/ci-runs/f2.log). */
const LONGEST = [
  'tests/unit/server/printing/printer-faults.test.ts', // 72
  'tests/unit/sw/model.test.ts', // 46
  'tests/unit/server/backup/backup-restore.test.ts', // 40
  'tests/unit/server/limits-load.test.ts', // 33
  'tests/unit/server/restart.test.ts', // 24
  'tests/unit/server/history-trigram.test.ts', // 22
  'tests/unit/server/printing/two-instances.test.ts', // 19
  'tests/unit/server/printing/server-killed-mid-job.test.ts', // 17
  'tests/unit/server/backup/migrations.test.ts', // 16
  'tests/unit/server/backup/backup-routes.test.ts', // 14
  'tests/unit/server/data-dir-permissions.test.ts', // 12
];

function rank(spec: TestSpecification): number {
  const index = LONGEST.findIndex((file) => spec.moduleId.endsWith(file));
  return index === -1 ? LONGEST.length : index;
}

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: everything off the list keeps Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
