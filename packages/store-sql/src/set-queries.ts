import { foldCase, type OwnerId, type SetPatch } from "@deployment-sets/core";
import type { NewSet } from "@deployment-sets/core/ports";
import type { CompiledQuery, Kysely } from "kysely";
import type { Database } from "./database.js";
import type { SetRow } from "./rows.js";
import { setColumns } from "./set-columns.js";
import type { StoreDialect } from "./store-dialect.js";

type Db = Kysely<Database>;

/** The set `setId` of `owner`, tags included. */
export function selectSet(db: Db, dialect: StoreDialect, owner: OwnerId, setId: string): CompiledQuery<SetRow> {
  return db
    .selectFrom("deployment_sets as s")
    .select(setColumns(dialect))
    .where("s.id", "=", setId)
    .where("s.owner_id", "=", owner)
    .compile();
}

/** A new set row (its tags are separate rows); `seq` comes from the dialect or the column. */
export function insertSet(
  db: Db,
  dialect: StoreDialect,
  owner: OwnerId,
  set: Pick<NewSet, "id" | "name" | "description" | "icon" | "color" | "createdAt">,
): CompiledQuery {
  const at = set.createdAt.getTime();
  return db
    .insertInto("deployment_sets")
    .values({
      id: set.id,
      owner_id: owner,
      ...(dialect.nextSeq !== undefined ? { seq: dialect.nextSeq } : {}),
      name: set.name,
      name_folded: foldCase(set.name),
      description: set.description,
      icon: set.icon,
      color: set.color,
      created_at: at,
      updated_at: at,
    })
    .compile();
}

/**
 * Applies the patch's fields (absent or `undefined` keys unchanged) and sets `updated_at`, on the owner's set
 * only: it changes no row when the owner has no such set.
 */
export function updateSetFields(db: Db, owner: OwnerId, setId: string, patch: SetPatch, now: Date): CompiledQuery {
  return db
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
    .compile();
}

/** Sets `updated_at` of one set. */
export function touchSet(db: Db, setId: string, now: Date): CompiledQuery {
  return db.updateTable("deployment_sets").set({ updated_at: now.getTime() }).where("id", "=", setId).compile();
}

/** Sets `updated_at` of the sets `setIds`, or `undefined` when there are none. */
export function touchSets(db: Db, dialect: StoreDialect, setIds: readonly string[], now: Date): CompiledQuery | undefined {
  if (setIds.length === 0) return undefined;
  return db
    .updateTable("deployment_sets")
    .set({ updated_at: now.getTime() })
    .where("id", "in", dialect.idList(setIds))
    .compile();
}

/**
 * Deletes the owner's set (it changes no row when the owner has no such set); its members, tags and deployments
 * go with it (`on delete cascade`). The members of other sets that nest it are the caller's to remove.
 */
export function deleteSetRow(db: Db, owner: OwnerId, setId: string): CompiledQuery {
  return db.deleteFrom("deployment_sets").where("id", "=", setId).where("owner_id", "=", owner).compile();
}
