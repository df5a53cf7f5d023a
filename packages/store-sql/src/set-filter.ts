import type { OwnerId } from "@deployment-sets/core";
import type { StoreListQuery } from "@deployment-sets/core/ports";
import { sql, type Kysely } from "kysely";
import type { Database } from "./database.js";
import type { StoreDialect } from "./store-dialect.js";

/**
 * The owner's sets matching the list filters, as `deployment_sets as s` with nothing selected yet: the name filter
 * is a literal substring of the folded name, the tag filter an exact folded tag (both already folded by core).
 */
export function matchingSets(db: Kysely<Database>, dialect: StoreDialect, owner: OwnerId, { nameContains, tag }: StoreListQuery) {
  return db
    .selectFrom("deployment_sets as s")
    .where("s.owner_id", "=", owner)
    .$if(nameContains !== undefined, (q) => q.where(dialect.textPosition("s.name_folded", nameContains!), ">", 0))
    .$if(tag !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("deployment_set_tags as t")
            .select(sql.lit(1).as("one"))
            .whereRef("t.set_id", "=", "s.id")
            .where("t.tag_folded", "=", tag!),
        ),
      ),
    );
}
