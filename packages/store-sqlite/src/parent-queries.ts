import type { OwnerId } from "@deployment-sets/core";
import type { Database } from "@deployment-sets/store-sql";
import { sql, type CompiledQuery, type Kysely } from "kysely";

/**
 * Deletes every member of the owner's other sets that references `setId` and returns where each was, so the
 * gaps can be closed (one row per parent: the reference is unique per set).
 */
export function deleteReferences(
  db: Kysely<Database>,
  owner: OwnerId,
  setId: string,
): CompiledQuery<{ set_id: string; position: number }> {
  return db
    .deleteFrom("deployment_set_members")
    .where("nested_set_id", "=", setId)
    .where("set_id", "!=", setId)
    // Per parent row, a lookup by id (`+owner_id` keeps the owner index, i.e. every set of the owner, out).
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("deployment_sets as p")
          .select(sql.lit(1).as("one"))
          .whereRef("p.id", "=", "deployment_set_members.set_id")
          .where(sql<string>`+p.owner_id`, "=", owner),
      ),
    )
    .returning(["set_id", "position"])
    .compile();
}
