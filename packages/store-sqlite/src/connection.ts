import type BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, type SqliteDatabase } from "kysely";
import { migrate } from "./migrations/index.js";
import { configureDatabase, openDatabase, type BetterSqlite3Handle } from "./open-database.js";
import type { StoreSchema } from "./schema.js";
import { SqlRunner } from "./sql-runner.js";

/** Options shared by both ways of opening a `SqliteStore`. */
export interface SqliteStoreCommonOptions {
  /**
   * How long an operation waits for another connection's lock before failing with `storage_unavailable`, in
   * milliseconds; also bounds the wait for a concurrent migration. The wait is mostly asynchronous: SQLite's own
   * busy handler blocks the thread for at most 20 ms at a time.
   * @defaultValue 5000
   */
  readonly busyTimeoutMs?: number;
}

/** Opens (and creates) a database file, or a private in-memory database with `":memory:"`. */
export interface SqliteStoreFileOptions extends SqliteStoreCommonOptions {
  /** The database file; `":memory:"` for an in-memory database that lives as long as the store. */
  readonly filename: string;
}

/**
 * Uses a better-sqlite3 handle the caller opened. The store sets its pragmas (busy timeout, foreign keys, WAL
 * for files), creates its tables on `SqliteStore.init()`, and leaves the handle open on
 * `SqliteStore.close()`: the caller owns it.
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
  readonly db: Kysely<StoreSchema>;
  /** Runs the compiled queries. */
  readonly sql: SqlRunner;
  /** Whether the store opened the handle (and so closes it). */
  readonly owned: boolean;
}

/** The default of {@link SqliteStoreCommonOptions.busyTimeoutMs}. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * SQLite's `busy_timeout` on the store's connection: the longest one synchronous call blocks the thread waiting
 * for another connection's lock. The store retries after asynchronous pauses for the rest of `busyTimeoutMs`.
 */
export const BUSY_SLICE_MS = 20;

/** Opens the database of `options` (or takes the given handle), configures it and applies pending migrations. */
export async function connect(options: SqliteStoreOptions, busyTimeoutMs: number): Promise<Context> {
  const owned = "filename" in options;
  const handle = owned ? openDatabase(options.filename) : (options.database as unknown as BetterSqlite3.Database);
  try {
    configureDatabase(handle, Math.min(BUSY_SLICE_MS, busyTimeoutMs));
    // kysely gets a view of the handle whose close() does nothing: the store closes what it owns itself.
    const database: SqliteDatabase = { prepare: (sql) => handle.prepare(sql), close: () => undefined };
    const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database }) });
    await migrate(db as unknown as Kysely<unknown>, "latest", busyTimeoutMs);
    return { handle, db, sql: new SqlRunner(handle), owned };
  } catch (error) {
    if (owned) handle.close();
    throw error;
  }
}

/** Releases a context: kysely's resources, and the handle when the store opened it. */
export async function disconnect(context: Context): Promise<void> {
  await context.db.destroy();
  if (context.owned) context.handle.close();
}
