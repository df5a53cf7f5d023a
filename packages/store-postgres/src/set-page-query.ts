import type { OwnerId } from "@deployment-sets/core";
import type { StoreListQuery } from "@deployment-sets/core/ports";
import { matchingSets, setColumnList, type Database, type SetRow } from "@deployment-sets/store-sql";
import { sql, type Kysely } from "kysely";
import { POSTGRES_STORE_DIALECT } from "./postgres-store-dialect.js";

/**
 * One page of the owner's sets, newest first, and the total matching, in ONE statement (one round trip, one
 * snapshot): the matching sets are materialised once, counted, and the page joined back to its rows.
 */
export async function selectSetPage(
  db: Kysely<Database>,
  owner: OwnerId,
  query: StoreListQuery,
): Promise<{ rows: SetRow[]; total: number }> {
  const matching = matchingSets(db, POSTGRES_STORE_DIALECT, owner, query).select(["s.id", "s.created_at", "s.seq"]);
  const { rows } = await sql<Partial<SetRow> & { total: number }>`
    with matching as materialized ${matching}, page as (
      select id, created_at, seq from matching order by created_at desc, seq desc
      limit ${query.limit} offset ${query.offset}
    )
    select c.total, ${setColumnList(POSTGRES_STORE_DIALECT)}
    from (select count(*) as total from matching) c
    left join (page p join deployment_sets s on s.id = p.id) on true
    order by p.created_at desc, p.seq desc`.execute(db);
  const total = rows[0]?.total ?? 0;
  return { rows: rows.filter((row): row is SetRow & { total: number } => row.id != null), total };
}
