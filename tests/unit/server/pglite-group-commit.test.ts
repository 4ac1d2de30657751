// PGlite group commit under a failing member: transactions queued behind a running one share a commit; when
// one of them fails, the group is rolled back and each re-runs alone, so only the failing one fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase } from '../../../server/store/pglite-database.ts';
import type { SqlClient, SqlDatabase } from '../../../server/store/sql-database.ts';

describe('PGlite group commit', () => {
  let db: SqlDatabase;

  beforeAll(async () => {
    db = await openPgliteDatabase('memory://');
    await db.exec('CREATE TABLE marks (label text PRIMARY KEY)');
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('a group with one failing write is rolled back and re-run alone: the others commit once, the failure stays with its owner', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runs = { before: 0, after: 0, failing: 0 };
    const insert = (label: 'before' | 'after') => async (tx: SqlClient) => {
      runs[label] += 1;
      await tx.query('INSERT INTO marks (label) VALUES ($1)', [label]);
      return label;
    };
    // The first transaction holds the connection, so the next three queue up and run as one group.
    const first = db.transaction(async (tx) => {
      await gate;
      await tx.query(`INSERT INTO marks (label) VALUES ('first')`);
      return 'first';
    });
    const before = db.transaction(insert('before'));
    const failing = db.transaction(async (tx) => {
      runs.failing += 1;
      await tx.query(`SELECT 1 / 0`);
      return 'never';
    });
    const after = db.transaction(insert('after'));
    release();

    await expect(first).resolves.toBe('first');
    await expect(before).resolves.toBe('before');
    await expect(failing).rejects.toThrow(/division by zero/);
    await expect(after).resolves.toBe('after');
    // The group stopped at the failure; then each member ran alone. `before` ran twice and is stored once:
    // its first run was really rolled back (the primary key would refuse a second row).
    expect(runs).toEqual({ before: 2, failing: 2, after: 1 });
    const rows = await db.query<{ label: string }>('SELECT label FROM marks ORDER BY label');
    expect(rows.map((row) => row.label)).toEqual(['after', 'before', 'first']);
  });
});
