import BetterSqlite3 from "better-sqlite3";

/**
 * The part of a better-sqlite3 `Database` the store relies on. Any better-sqlite3 12 handle fits; it is declared
 * structurally so the adapter's public types do not require `@types/better-sqlite3`.
 */
export interface BetterSqlite3Handle {
  /** Whether the handle is open. */
  readonly open: boolean;
  /** Whether the database lives in memory. */
  readonly memory: boolean;
  /** Compiles a statement. */
  prepare(source: string): unknown;
  /** Runs a PRAGMA. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** Wraps `fn` in a transaction. */
  transaction(fn: (...args: never[]) => unknown): unknown;
  /** Closes the handle. */
  close(): unknown;
}

/** Opens `filename` (`":memory:"` for a private in-memory database). */
export function openDatabase(filename: string): BetterSqlite3.Database {
  return new BetterSqlite3(filename);
}

/**
 * Applies the store's connection settings: a page cache, a busy timeout (writers of other processes wait for the lock instead
 * of failing), foreign keys (cascading deletes of tags and members), and for files WAL journaling (readers never
 * block the writer) with `synchronous = NORMAL` (durable across process crashes; a power loss may drop the last
 * commits but never corrupts the file).
 */
export function configureDatabase(db: BetterSqlite3.Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  db.pragma("foreign_keys = ON");
  // Up to 64 MiB of page cache (allocated as used): a 10,000-set graph loads from memory after the first read.
  db.pragma("cache_size = -65536");
  if (!db.memory) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
  }
}
