import type { OwnerId } from "@deployment-sets/core";
import type { StoreListQuery } from "@deployment-sets/core/ports";
import { matchingSets, setColumns, type Database, type SetRow } from "@deployment-sets/store-sql";
import type { CompiledQuery, Kysely } from "kysely";
import { SQLITE_STORE_DIALECT } from "./sqlite-store-dialect.js";

/*
 * A page of sets and their total as two statements, run in one read transaction: in process, a statement costs no
 * round trip, and each stays a plain indexed read (PostgreSQL answers both in one statement instead).
 */

type Db = Kysely<Database>;

/** A page of the owner's sets matching the filters, newest first. */
export function listSetsPage(db: Db, owner: OwnerId, query: StoreListQuery): CompiledQuery<SetRow> {
  return matchingSets(db, SQLITE_STORE_DIALECT, owner, query)
    .select(setColumns(SQLITE_STORE_DIALECT))
    .orderBy("s.created_at", "desc")
    .orderBy("s.seq", "desc")
    .limit(query.limit)
    .offset(query.offset)
    .compile();
}

/** The number of the owner's sets matching the filters. */
export function countSets(db: Db, owner: OwnerId, query: StoreListQuery): CompiledQuery<{ total: number }> {
  return matchingSets(db, SQLITE_STORE_DIALECT, owner, query)
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .compile();
}
