import type { StoreDialect } from "@deployment-sets/store-sql";
import { sql } from "kysely";

/** How SQLite spells what the shared queries ask of it (see `StoreDialect`). */
export const SQLITE_STORE_DIALECT: StoreDialect = {
  // A JSON array in text: SQLite has no array type.
  tagList: sql`(select json_group_array(t.tag order by t.position) from deployment_set_tags t where t.set_id = s.id)`,
  decodeTags: (value) => JSON.parse(value as string) as string[],
  // `seq` is a plain unique integer; every insert runs inside a `begin immediate` transaction, so no two writers
  // ever compute the same next value.
  nextSeq: sql<number>`(select coalesce(max(seq), 0) + 1 from deployment_sets)`,
  textPosition: (column, needle) => sql<number>`instr(${sql.ref(column)}, ${needle})`,
  // One parameter whatever the number of ids, so the statement text (and its prepared statement) is reused.
  idList: (ids) => sql<string>`(select value from json_each(${JSON.stringify(ids)}))`,
};
