import type { StoreDialect } from "@deployment-sets/store-sql";
import { sql } from "kysely";

/** How PostgreSQL spells what the shared queries ask of it (see `StoreDialect`). */
export const POSTGRES_STORE_DIALECT: StoreDialect = {
  // A `text[]`, which the driver hands over as a JavaScript array (never null: `array()` of no rows is empty).
  tagList: sql`array(select t.tag from deployment_set_tags t where t.set_id = s.id order by t.position)`,
  decodeTags: (value) => (value as string[] | null) ?? [],
  // The identity column generates it.
  nextSeq: undefined,
  textPosition: (column, needle) => sql<number>`strpos(${sql.ref(column)}, ${needle})`,
  idList: (ids) => sql<string>`(${sql.join(ids)})`,
};
