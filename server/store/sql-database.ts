// The small SQL surface the order store needs, implemented by PGlite (embedded) and node-postgres.
// Both run the SAME SQL text; only connection handling and transaction scheduling differ.

export type DatabaseKind = 'pglite' | 'postgres';

export interface SqlClient {
  /** One parameterised statement; rows come back as plain objects keyed by column name. */
  query<Row extends object>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlClient {
  readonly kind: DatabaseKind;
  /**
   * Runs `work` inside one transaction. It resolves only after COMMIT returned, so a caller that
   * answers 2xx after it has a durable write. If `work` throws, its effects are rolled back.
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Registers a callback for NOTIFY on `channel` (PostgreSQL only; PGlite has a single process). */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<void>;
  /**
   * PGlite only: copies the database directory to `to` while no statement runs (PGlite's own lock), so the
   * copy is what a crash at that instant would leave, which PostgreSQL recovers on open. `keep` filters by
   * path relative to the directory (backups/ must not copy itself).
   */
  copyFilesTo?(to: string, keep: (relativePath: string) => boolean): Promise<void>;
  close(): Promise<void>;
}
