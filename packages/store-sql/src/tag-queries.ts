import { foldCase } from "@deployment-sets/core";
import { sql, type CompiledQuery, type Kysely } from "kysely";
import type { Database } from "./database.js";

type Db = Kysely<Database>;

/** The tags of `setId` in order, or `undefined` when there are none. */
export function insertTags(db: Db, setId: string, tags: readonly string[]): CompiledQuery | undefined {
  if (tags.length === 0) return undefined;
  return db
    .insertInto("deployment_set_tags")
    .values(tags.map((tag, position) => ({ set_id: setId, position, tag, tag_folded: foldCase(tag) })))
    .compile();
}

/** Removes every tag of `setId`. */
export function deleteTags(db: Db, setId: string): CompiledQuery {
  return db.deleteFrom("deployment_set_tags").where("set_id", "=", setId).compile();
}

/** Copies the tags of `sourceId` to `targetId`, positions included. */
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
