import type { OwnerId } from "@deployment-sets/core";
import type { Database } from "@deployment-sets/store-sql";
import { sql, type Kysely } from "kysely";

/**
 * Removes every member of the owner's sets that references `setId`, renumbers those parents densely and returns
 * their ids: two statements whatever the number of parents (`delete ... using`, then one `row_number()` pass).
 */
export async function detachFromParents(db: Kysely<Database>, owner: OwnerId, setId: string): Promise<string[]> {
  const { rows } = await sql<{ set_id: string }>`delete from deployment_set_members m using deployment_sets p
    where m.nested_set_id = ${setId} and p.id = m.set_id and p.owner_id = ${owner}
    returning m.set_id`.execute(db);
  const parents = [...new Set(rows.map((row) => row.set_id))];
  if (parents.length > 0) {
    await sql`update deployment_set_members m set position = r.position
      from (select id, (row_number() over (partition by set_id order by position) - 1)::int as position
            from deployment_set_members where set_id = any(${parents}::text[])) r
      where m.id = r.id and m.position <> r.position`.execute(db);
  }
  return parents;
}
