import type { Database } from "@deployment-sets/store-sql";
import { sql, type Kysely } from "kysely";

/**
 * Copies the source's members, in order, into the clone with the given ids (`ids[p]` for position `p`; the
 * positions are dense, and the caller holds the owner's graph lock so they cannot move) in one statement.
 */
export async function copyMembers(
  db: Kysely<Database>,
  sourceId: string,
  cloneId: string,
  ids: readonly string[],
  addedAt: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await sql`insert into deployment_set_members (id, set_id, artifact_uuid, group_id, nested_set_id, position, added_at)
    select n.id, ${cloneId}, m.artifact_uuid, m.group_id, m.nested_set_id, m.position, ${addedAt.getTime()}::bigint
    from deployment_set_members m
    join unnest(${ids}::text[]) with ordinality as n(id, ord) on m.position = n.ord - 1
    where m.set_id = ${sourceId}
    order by m.position`.execute(db);
}
