// Unit tests: protocol, service-worker modules (fake-indexeddb) and the server (fastify.inject on PGlite memory://).
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './tests/unit/setup/longest-first.ts';

/** The files that open databases: the server's tests and the model test (the engine against a real server). */
const DATABASE_TESTS = ['tests/unit/server/**/*.test.ts', 'tests/unit/sw/model.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite databases are heavy (~0.7 GB each): keep file-level parallelism modest on 2 cores. Three, not two:
    // some database files mostly wait (a printer kept off for 60 s, restarts, timeouts), and a third worker uses
    // the core they leave idle. Whole suite on an idle machine: 222 s with two, 204 s with three.
    maxWorkers: 3,
    // In-process servers do not shed the test's own requests under machine load (see the file).
    setupFiles: ['tests/unit/setup/no-load-shedding.ts'],
    // The longest files first, also on a fresh clone with no results cache (see the file).
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'database',
          include: DATABASE_TESTS,
          // One migrated database, dumped once; in-memory test stores start from it
          // (tests/unit/server/memory-store.ts). Vitest runs it only when a file of this project runs.
          globalSetup: ['tests/unit/setup/pglite-template.ts'],
          // A worker process serves many files: each fresh fork re-imported the server and PGlite, and the
          // workers sat idle between files for a third of the run. Every file opens its own stores and
          // servers; the process-wide umask is reset per file (the setup file says why).
          isolate: false,
          setupFiles: ['tests/unit/setup/reset-umask.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'modules',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          exclude: DATABASE_TESTS,
          // Plain modules need no process of their own (the database files keep forks: openStore sets the
          // umask, which a thread cannot): a thread starts faster, 68 files in 21 s instead of 34 s alone.
          pool: 'threads',
        },
      },
    ],
  },
});
