import type { Database } from "@deployment-sets/store-sql";
import type { CompiledQuery, Kysely } from "kysely";

/*
 * Runs the shared queries, compiled by kysely, on the pool or on the caller's transaction (whichever `db` is),
 * through kysely's executor: each is one statement, reported to `onQuery` like every other.
 */

type Db = Kysely<Database>;

/** Every row of a reading query. */
export async function allRows<R>(db: Db, query: CompiledQuery<R>): Promise<R[]> {
  return (await db.executeQuery(query)).rows;
}

/** The first row of a reading query, or `undefined`. */
export async function firstRow<R>(db: Db, query: CompiledQuery<R>): Promise<R | undefined> {
  return (await db.executeQuery(query)).rows[0];
}

/** Runs a writing query and returns the number of rows it changed. */
export async function run(db: Db, query: CompiledQuery): Promise<number> {
  return Number((await db.executeQuery(query)).numAffectedRows ?? 0n);
}

/** Runs writing queries one after the other (a write of several statements, inside a transaction). */
export async function runAll(db: Db, queries: readonly CompiledQuery[]): Promise<void> {
  for (const query of queries) await db.executeQuery(query);
}
