import type BetterSqlite3 from "better-sqlite3";
import type { CompiledQuery } from "kysely";

/** Upper bound on cached statements; the store issues a few dozen distinct SQL texts, so this is never reached in practice. */
const MAX_CACHED_STATEMENTS = 256;

/**
 * Runs queries compiled by kysely on a better-sqlite3 handle, synchronously, with each SQL text prepared once
 * (kysely's own SQLite driver prepares on every execution).
 *
 * Transactions are synchronous functions: between `begin` and `commit` nothing yields to the event loop, so
 * operations of one process never interleave and never wait on each other's locks (an async transaction on a
 * synchronous driver would block the thread in SQLite's busy handler when a second connection of the same
 * process wants the lock). Writers use `begin immediate`, so a writer of another process waits for the lock up
 * to the busy timeout instead of failing on a lock upgrade.
 */
export class SqlRunner {
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  readonly #onWrite: () => void;

  /**
   * @param db - an open better-sqlite3 handle
   * @param onWrite - called after each write (a `write` transaction or a `run` outside one), to schedule housekeeping
   */
  constructor(db: BetterSqlite3.Database, onWrite: () => void = () => undefined) {
    this.#db = db;
    this.#onWrite = onWrite;
  }

  /** Every row of a reading query. */
  all<R>(query: CompiledQuery<R>): R[] {
    return this.#statement(query.sql).all(query.parameters as unknown[]) as R[];
  }

  /** The first row of a reading query, or `undefined`. */
  first<R>(query: CompiledQuery<R>): R | undefined {
    return this.#statement(query.sql).get(query.parameters as unknown[]) as R | undefined;
  }

  /** Runs a writing query and returns the number of rows it changed. */
  run(query: CompiledQuery): number {
    const changes = this.#statement(query.sql).run(query.parameters as unknown[]).changes;
    this.#onWrite();
    return changes;
  }

  /** Runs writing queries one after the other (a write of several statements, inside a `write` transaction). */
  runAll(queries: readonly CompiledQuery[]): void {
    for (const query of queries) this.run(query);
  }

  /** Runs `fn` in a `begin immediate` transaction: committed when it returns, rolled back when it throws. */
  write<T>(fn: () => T): T {
    const result = this.#db.transaction(fn).immediate();
    this.#onWrite();
    return result;
  }

  /** Runs `fn` in a read transaction (`begin`), so its queries see one snapshot. */
  read<T>(fn: () => T): T {
    return this.#db.transaction(fn).deferred();
  }

  #statement(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      if (this.#statements.size >= MAX_CACHED_STATEMENTS) {
        this.#statements.delete(this.#statements.keys().next().value!);
      }
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
