// The database files share their worker processes (vitest.config.ts, isolate: false), and openStore sets the
// process umask to 077 to keep a data directory private. Each file starts with the umask a fresh worker had
// (0o022, as tests/unit/setup/pglite-template.ts leaves it), so the tests that check the modes of the files
// they write do not depend on which file ran before them in the same process.
process.umask(0o022);
