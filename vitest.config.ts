// Unit tests: protocol, service-worker modules (fake-indexeddb) and the server (fastify.inject on PGlite memory://).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite databases are heavy (~0.7 GB each): keep file-level parallelism modest on 2 cores.
    maxWorkers: 2,
    // In-process servers do not shed the test's own requests under machine load (see the file).
    setupFiles: ['tests/unit/setup/no-load-shedding.ts'],
    // One migrated database, dumped once; in-memory test stores start from it (tests/unit/server/memory-store.ts).
    globalSetup: ['tests/unit/setup/pglite-template.ts'],
  },
});
