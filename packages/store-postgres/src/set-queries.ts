import { foldCase, type NewSet, type OwnerId, type SetPatch, type StoreListQuery } from "@deployment-sets/core";
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "./database.js";
import type { SetRow } from "./rows.js";

type Db = Kysely<Database>;

/** The columns of a {@link SetRow} from `deployment_sets s`, tags aggregated in order. */
export const SET_COLUMNS = sql`s.id, s.owner_id, s.name, s.description, s.icon, s.color, s.created_at, s.updated_at,
  array(select t.tag from deployment_set_tags t where t.set_id = s.id order by t.position) as tags`;

/** The owner's set, or `undefined`. */
export async function selectSet(db: Db, owner: OwnerId, setId: string): Promise<SetRow | undefined> {
  const { rows } = await sql<SetRow>`select ${SET_COLUMNS} from deployment_sets s
    where s.id = ${setId} and s.owner_id = ${owner}`.execute(db);
  return rows[0];
}

/** Inserts a set row (no tags). */
export async function insertSetRow(db: Db, owner: OwnerId, set: NewSet): Promise<void> {
  const at = set.createdAt.getTime();
  await db
    .insertInto("deployment_sets")
    .values({
      id: set.id,
      owner_id: owner,
      name: set.name,
      name_folded: foldCase(set.name),
      description: set.description,
      icon: set.icon,
      color: set.color,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** Replaces the set's tags with `tags`, in order. */
export async function writeTags(db: Db, setId: string, tags: readonly string[], replace: boolean): Promise<void> {
  if (replace) await db.deleteFrom("deployment_set_tags").where("set_id", "=", setId).execute();
  if (tags.length === 0) return;
  await db
    .insertInto("deployment_set_tags")
    .values(tags.map((tag, position) => ({ set_id: setId, position, tag, tag_folded: foldCase(tag) })))
    .execute();
}

/** Applies the patch's fields and `updated_at`; false when the owner has no such set. */
export async function updateSetRow(db: Db, owner: OwnerId, setId: string, patch: SetPatch, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("deployment_sets")
    .set({
      ...(patch.name !== undefined ? { name: patch.name, name_folded: foldCase(patch.name) } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.icon !== undefined ? { icon: patch.icon } : {}),
      ...(patch.color !== undefined ? { color: patch.color } : {}),
      updated_at: now.getTime(),
    })
    .where("id", "=", setId)
    .where("owner_id", "=", owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Sets `updated_at` of the given sets. */
export async function touchSets(db: Db, setIds: readonly string[], now: Date): Promise<void> {
  if (setIds.length === 0) return;
  await db.updateTable("deployment_sets").set({ updated_at: now.getTime() }).where("id", "in", setIds).execute();
}

/**
 * One page of the owner's sets, newest first, and the total matching, in ONE statement (one snapshot). Name and
 * tag filters compare the TypeScript-folded columns with `strpos` / `=`, so `%`, `_` and `\` are literal.
 */
export async function selectSetPage(
  db: Db,
  owner: OwnerId,
  query: StoreListQuery,
): Promise<{ rows: SetRow[]; total: number }> {
  const filters: RawBuilder<unknown>[] = [sql`s.owner_id = ${owner}`];
  if (query.nameContains !== undefined) filters.push(sql`strpos(s.name_folded, ${query.nameContains}) > 0`);
  if (query.tag !== undefined) {
    filters.push(sql`exists (select 1 from deployment_set_tags t where t.set_id = s.id and t.tag_folded = ${query.tag})`);
  }
  const { rows } = await sql<Partial<SetRow> & { total: number }>`
    with matching as materialized (
      select s.id, s.created_at, s.seq from deployment_sets s where ${sql.join(filters, sql` and `)}
    ), page as (
      select id, created_at, seq from matching order by created_at desc, seq desc
      limit ${query.limit} offset ${query.offset}
    )
    select c.total, ${SET_COLUMNS}
    from (select count(*) as total from matching) c
    left join (page p join deployment_sets s on s.id = p.id) on true
    order by p.created_at desc, p.seq desc`.execute(db);
  const total = rows[0]?.total ?? 0;
  return { rows: rows.filter((row): row is SetRow & { total: number } => row.id != null), total };
}
