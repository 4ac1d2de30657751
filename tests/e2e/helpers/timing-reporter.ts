// Where the browser phase's wall time goes, per worker slot: each test's start, length and fixture set-up /
// tear-down, and the gaps between tests (worker start, worker fixtures, browser launch). Opt-in:
// ORDERLINE_TIMING=<file.json> adds it beside the list reporter (playwright.config.ts); off in normal runs.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { FullResult, Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';

interface TimedTest {
  file: string;
  title: string;
  slot: number;
  worker: number;
  startMs: number;
  durationMs: number;
  /** The "Before Hooks" / "After Hooks" steps: fixtures set up and torn down around the test. */
  beforeMs: number;
  afterMs: number;
  /** The slowest fixture steps inside them, e.g. `fixture: server`. */
  fixtures: { title: string; ms: number }[];
  status: string;
}

function hookMs(result: TestResult, title: string): number {
  return result.steps.filter((step) => step.title === title).reduce((sum, step) => sum + step.duration, 0);
}

function fixtureSteps(steps: readonly TestStep[], out: { title: string; ms: number }[]): void {
  for (const step of steps) {
    if (step.category === 'fixture' && step.duration >= 200)
      out.push({ title: step.title, ms: step.duration });
    fixtureSteps(step.steps, out);
  }
}

export default class TimingReporter implements Reporter {
  private readonly tests: TimedTest[] = [];
  private startedAt = 0;

  onBegin(): void {
    this.startedAt = Date.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const fixtures: { title: string; ms: number }[] = [];
    fixtureSteps(result.steps, fixtures);
    this.tests.push({
      file: relative(process.cwd(), test.location.file),
      title: test.title,
      slot: result.parallelIndex,
      worker: result.workerIndex,
      startMs: result.startTime.getTime() - this.startedAt,
      durationMs: result.duration,
      beforeMs: hookMs(result, 'Before Hooks'),
      afterMs: hookMs(result, 'After Hooks'),
      fixtures,
      status: result.status,
    });
  }

  onEnd(result: FullResult): void {
    const out = process.env.ORDERLINE_TIMING;
    if (out === undefined || out === '') return;
    const wallMs = Date.now() - this.startedAt;
    writeFileSync(out, JSON.stringify({ wallMs, status: result.status, tests: this.tests }, null, 1));
  }
}
