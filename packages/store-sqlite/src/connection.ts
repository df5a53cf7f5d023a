import type { Database } from "@deployment-sets/store-sql";
import type BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, type SqliteDatabase } from "kysely";
import { migrate } from "./migrations/index.js";
import { configureDatabase, openDatabase, type BetterSqlite3Handle } from "./open-database.js";
import { SqlRunner } from "./sql-runner.js";
import { WalCheckpointer } from "./wal-checkpointer.js";

/** Options shared by both ways of opening a `SqliteStore`. */
export interface SqliteStoreCommonOptions {
  /**
   * How long an operation waits for another connection's lock before failing with `storage_unavailable`, in
   * milliseconds; also bounds the wait for a concurrent migration. The wait is mostly asynchronous: SQLite's own
   * busy handler blocks the thread for at most 20 ms at a time.
   * @defaultValue 5000
   */
  readonly busyTimeoutMs?: number;
  /**
   * How soon after a write the WAL is checkpointed, in milliseconds. Checkpoints run on a timer between
   * operations, never inside a commit (SQLite's automatic checkpoint is switched off), each copying what the last
   * interval wrote. Ignored for `":memory:"`.
   * @defaultValue 100
   */
  readonly checkpointIntervalMs?: number;
  /**
   * The size of the `-wal` file above which a checkpoint also truncates it, in bytes (the file otherwise keeps
   * its largest size and is reused). Ignored for `":memory:"`.
   * @defaultValue 4194304 (4 MiB, about SQLite's own 1,000-page threshold)
   */
  readonly walSizeLimitBytes?: number;
}

/** Opens (and creates) a database file, or a private in-memory database with `":memory:"`. */
export interface SqliteStoreFileOptions extends SqliteStoreCommonOptions {
  /** The database file; `":memory:"` for an in-memory database that lives as long as the store. */
  readonly filename: string;
}

/**
 * Uses a better-sqlite3 handle the caller opened. The store sets its pragmas (busy timeout, foreign keys, WAL
 * for files), checkpoints the WAL itself while it uses the handle (see
 * {@link SqliteStoreCommonOptions.checkpointIntervalMs}), creates its tables on `SqliteStore.init()`, and leaves
 * the handle open on `SqliteStore.close()`, with SQLite's automatic checkpoint back on: the caller owns it.
 */
export interface SqliteStoreDatabaseOptions extends SqliteStoreCommonOptions {
  /** An open better-sqlite3 `Database`. */
  readonly database: BetterSqlite3Handle;
}

/** How to open a `SqliteStore`: a file name, or an existing better-sqlite3 handle. */
export type SqliteStoreOptions = SqliteStoreFileOptions | SqliteStoreDatabaseOptions;

/** An open, migrated database as the store uses it. */
export interface Context {
  readonly handle: BetterSqlite3.Database;
  /** Builds and compiles the queries; runs only the migrations. */
  readonly db: Kysely<Database>;
  /** Runs the compiled queries. */
  readonly sql: SqlRunner;
  /** Whether the store opened the handle (and so closes it). */
  readonly owned: boolean;
  /** Checkpoints a file database's WAL between operations; absent in memory. */
  readonly checkpointer: WalCheckpointer | undefined;
}

/** The default of {@link SqliteStoreCommonOptions.busyTimeoutMs}. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * SQLite's `busy_timeout` on the store's connection: the longest one synchronous call blocks the thread waiting
 * for another connection's lock. The store retries after asynchronous pauses for the rest of `busyTimeoutMs`.
 */
export const BUSY_SLICE_MS = 20;

/** The default of {@link SqliteStoreCommonOptions.checkpointIntervalMs}. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 100;

/** The default of {@link SqliteStoreCommonOptions.walSizeLimitBytes}. */
export const DEFAULT_WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/** Opens the database of `options` (or takes the given handle), configures it and applies pending migrations. */
export async function connect(options: SqliteStoreOptions, busyTimeoutMs: number): Promise<Context> {
  const owned = "filename" in options;
  const handle = owned ? openDatabase(options.filename) : (options.database as unknown as BetterSqlite3.Database);
  try {
    const busySliceMs = Math.min(BUSY_SLICE_MS, busyTimeoutMs);
    configureDatabase(handle, busySliceMs);
    // kysely gets a view of the handle whose close() does nothing: the store closes what it owns itself.
    const database: SqliteDatabase = { prepare: (sql) => handle.prepare(sql), close: () => undefined };
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    await migrate(db as unknown as Kysely<unknown>, "latest", busyTimeoutMs);
    // Last: nothing below can fail, so a failed open leaves no timer behind.
    const checkpointer =
      handle.pragma("journal_mode", { simple: true }) === "wal"
        ? new WalCheckpointer(
            handle,
            {
              intervalMs: options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
              walSizeLimitBytes: options.walSizeLimitBytes ?? DEFAULT_WAL_SIZE_LIMIT_BYTES,
            },
            busySliceMs,
          )
        : undefined;
    const onWrite = checkpointer && (() => checkpointer.noteWrite());
    return { handle, db, sql: new SqlRunner(handle, onWrite), owned, checkpointer };
  } catch (error) {
    if (owned) handle.close();
    throw error;
  }
}

/** Releases a context: kysely's resources, the last checkpoint, and the handle when the store opened it. */
export async function disconnect(context: Context): Promise<void> {
  await context.db.destroy();
  context.checkpointer?.close(!context.owned);
  if (context.owned) context.handle.close();
}
