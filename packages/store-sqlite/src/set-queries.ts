import type { OwnerId, SetPatch, StoreListQuery } from "@deployment-sets/core";
import { sql, type CompiledQuery, type Kysely } from "kysely";
import type { SetRow } from "./rows.js";
import type { StoreSchema } from "./schema.js";

type Db = Kysely<StoreSchema>;

/** The columns of a {@link SetRow}, tags aggregated in position order, for a query over `deployment_sets as s`. */
export const setColumns = [
  "s.id",
  "s.owner_id",
  "s.name",
  "s.description",
  "s.icon",
  "s.color",
  "s.created_at",
  "s.updated_at",
  sql<string>`(select json_group_array(t.tag order by t.position) from deployment_set_tags t where t.set_id = s.id)`.as(
    "tags",
  ),
] as const;

/** The set `setId` of `owner`. */
export function selectSet(db: Db, owner: OwnerId, setId: string): CompiledQuery<SetRow> {
  return db
    .selectFrom("deployment_sets as s")
    .select(setColumns)
    .where("s.id", "=", setId)
    .where("s.owner_id", "=", owner)
    .compile();
}

/** Whether the set `setId` exists for `owner`. */
export function selectSetExists(db: Db, owner: OwnerId, setId: string): CompiledQuery<{ id: string }> {
  return db.selectFrom("deployment_sets").select("id").where("id", "=", setId).where("owner_id", "=", owner).compile();
}

/** A new set; `seq` is the next creation sequence (the statement runs inside a write transaction). */
export function insertSet(
  db: Db,
  owner: OwnerId,
  set: {
    id: string;
    name: string;
    description: string | null;
    icon: string | null;
    color: string | null;
    createdAt: Date;
  },
): CompiledQuery {
  const at = set.createdAt.getTime();
  return db
    .insertInto("deployment_sets")
    .values({
      id: set.id,
      owner_id: owner,
      seq: sql<number>`(select coalesce(max(seq), 0) + 1 from deployment_sets)`,
      name: set.name,
      name_folded: set.name.toLowerCase(),
      description: set.description,
      icon: set.icon,
      color: set.color,
      created_at: at,
      updated_at: at,
    })
    .compile();
}

/** The tags of `setId` in order, or `undefined` when there are none. */
export function insertTags(db: Db, setId: string, tags: readonly string[]): CompiledQuery | undefined {
  if (tags.length === 0) return undefined;
  return db
    .insertInto("deployment_set_tags")
    .values(tags.map((tag, position) => ({ set_id: setId, position, tag, tag_folded: tag.toLowerCase() })))
    .compile();
}

/** Copies the tags of `sourceId` to `targetId`. */
export function copyTags(db: Db, sourceId: string, targetId: string): CompiledQuery {
  return db
    .insertInto("deployment_set_tags")
    .columns(["set_id", "position", "tag", "tag_folded"])
    .expression(
      db
        .selectFrom("deployment_set_tags")
        .select([sql<string>`${targetId}`.as("set_id"), "position", "tag", "tag_folded"])
        .where("set_id", "=", sourceId),
    )
    .compile();
}

/** Removes every tag of `setId`. */
export function deleteTags(db: Db, setId: string): CompiledQuery {
  return db.deleteFrom("deployment_set_tags").where("set_id", "=", setId).compile();
}

/** Applies the patch's fields (absent or `undefined` keys unchanged) and sets `updated_at`. */
export function updateSetFields(db: Db, setId: string, patch: SetPatch, now: Date): CompiledQuery {
  return db
    .updateTable("deployment_sets")
    .set({
      ...(patch.name !== undefined ? { name: patch.name, name_folded: patch.name.toLowerCase() } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.icon !== undefined ? { icon: patch.icon } : {}),
      ...(patch.color !== undefined ? { color: patch.color } : {}),
      updated_at: now.getTime(),
    })
    .where("id", "=", setId)
    .compile();
}

/** Sets `updated_at` of the sets `setIds`. */
export function touchSets(db: Db, setIds: readonly string[], now: Date): CompiledQuery {
  return db
    .updateTable("deployment_sets")
    .set({ updated_at: now.getTime() })
    .where("id", "in", sql<string>`(select value from json_each(${JSON.stringify(setIds)}))`)
    .compile();
}

/** Sets `updated_at` of one set. */
export function touchSet(db: Db, setId: string, now: Date): CompiledQuery {
  return db.updateTable("deployment_sets").set({ updated_at: now.getTime() }).where("id", "=", setId).compile();
}

/** Deletes the set; its members, tags and deployments go with it (`on delete cascade`). */
export function deleteSetRow(db: Db, setId: string): CompiledQuery {
  return db.deleteFrom("deployment_sets").where("id", "=", setId).compile();
}

function filtered(db: Db, owner: OwnerId, { nameContains, tag }: StoreListQuery) {
  return (
    db
      .selectFrom("deployment_sets as s")
      .where("s.owner_id", "=", owner)
      // instr(), never LIKE: `%`, `_` and `\` in the filter are plain characters.
      .$if(nameContains !== undefined, (q) => q.where(sql<number>`instr(s.name_folded, ${nameContains})`, ">", 0))
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
      )
  );
}

/** A page of the owner's sets matching the filters, newest first. */
export function listSetsPage(db: Db, owner: OwnerId, query: StoreListQuery): CompiledQuery<SetRow> {
  return filtered(db, owner, query)
    .select(setColumns)
    .orderBy("s.created_at", "desc")
    .orderBy("s.seq", "desc")
    .limit(query.limit)
    .offset(query.offset)
    .compile();
}

/** The number of the owner's sets matching the filters. */
export function countSets(db: Db, owner: OwnerId, query: StoreListQuery): CompiledQuery<{ total: number }> {
  return filtered(db, owner, query)
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .compile();
}
