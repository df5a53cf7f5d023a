import type { OwnerId } from "@deployment-sets/core";
import type { NewSet } from "@deployment-sets/core/ports";
import type { CompiledQuery, Kysely } from "kysely";
import type { Database } from "./database.js";
import { insertSet } from "./set-queries.js";
import type { StoreDialect } from "./store-dialect.js";
import { deleteTags, insertTags } from "./tag-queries.js";

type Db = Kysely<Database>;

/** Stores a new set: its row, then its tags (when it has any), to run in order in one transaction. */
export function setCreation(db: Db, dialect: StoreDialect, owner: OwnerId, set: NewSet): CompiledQuery[] {
  const tags = insertTags(db, set.id, set.tags);
  return [insertSet(db, dialect, owner, set), ...(tags ? [tags] : [])];
}

/** Replaces the tags of `setId` with `tags`, in order, to run in order in one transaction. */
export function tagReplacement(db: Db, setId: string, tags: readonly string[]): CompiledQuery[] {
  const inserted = insertTags(db, setId, tags);
  return [deleteTags(db, setId), ...(inserted ? [inserted] : [])];
}
