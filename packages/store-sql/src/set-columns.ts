import { sql, type RawBuilder } from "kysely";
import type { StoreDialect } from "./store-dialect.js";

/** The record columns of a `SetRow` (all but `tags`), for a query over `deployment_sets as s`. */
export const SET_RECORD_COLUMNS = [
  "s.id",
  "s.owner_id",
  "s.name",
  "s.description",
  "s.icon",
  "s.color",
  "s.created_at",
  "s.updated_at",
] as const;

/** The columns of a `SetRow` for kysely's `select`, over `deployment_sets as s`. */
export function setColumns(dialect: StoreDialect) {
  return [...SET_RECORD_COLUMNS, dialect.tagList.as("tags")] as const;
}

/** The columns of a `SetRow` as a select list for a hand-written statement over `deployment_sets s`. */
export function setColumnList(dialect: StoreDialect): RawBuilder<unknown> {
  return sql.join([...SET_RECORD_COLUMNS.map((column) => sql.ref(column)), sql`${dialect.tagList} as tags`]);
}
