import type { Database } from "@deployment-sets/store-sql";
import { sql, type CompiledQuery, type Kysely } from "kysely";

/**
 * Copies the members of `sourceId` in order into `targetId`, the i-th member getting `ids[i]` and `addedAt`:
 * one statement (positions are dense, so position i pairs with `ids[i]`). `cross join` keeps the ids outside:
 * each then finds its member by index, where the other order would scan the id list once per member.
 */
export function copyMembers(
  db: Kysely<Database>,
  sourceId: string,
  targetId: string,
  ids: readonly string[],
  addedAt: Date,
): CompiledQuery {
  return sql`
    insert into deployment_set_members (id, set_id, artifact_uuid, group_id, nested_set_id, position, added_at)
    select j.value, ${targetId}, m.artifact_uuid, m.group_id, m.nested_set_id, m.position, ${addedAt.getTime()}
    from json_each(${JSON.stringify(ids)}) j
    cross join deployment_set_members m on m.set_id = ${sourceId} and m.position = j.key`.compile(db);
}
