import { sql, type Kysely, type Migration } from "kysely";

/** Ids and owner ids compare byte-wise (`collate "C"`): they are opaque keys, and it halves the cost of every
 * index probe the recursive graph queries make (a locale collation goes through `strcoll`). */
const key = sql`text collate "C"`;

/**
 * The first schema: sets, their tags and their members. Table, column and index names match the SQLite
 * adapter's. The `if not exists` guards make a re-run harmless even outside the migrator's bookkeeping.
 */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("deployment_sets")
      .ifNotExists()
      .addColumn("id", key, (col) => col.primaryKey())
      .addColumn("owner_id", key, (col) => col.notNull())
      .addColumn("seq", "bigint", (col) => col.generatedAlwaysAsIdentity().notNull().unique())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("name_folded", "text", (col) => col.notNull())
      .addColumn("description", "text")
      .addColumn("icon", "text")
      .addColumn("color", "text")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("deployment_sets_owner_created_idx")
      .ifNotExists()
      .on("deployment_sets")
      .columns(["owner_id", "created_at desc", "seq desc"])
      .execute();

    await db.schema
      .createTable("deployment_set_tags")
      .ifNotExists()
      .addColumn("set_id", key, (col) => col.notNull().references("deployment_sets.id").onDelete("cascade"))
      .addColumn("position", "integer", (col) => col.notNull())
      .addColumn("tag", "text", (col) => col.notNull())
      .addColumn("tag_folded", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("deployment_set_tags_pkey", ["set_id", "position"])
      .execute();
    await db.schema
      .createIndex("deployment_set_tags_tag_folded_idx")
      .ifNotExists()
      .on("deployment_set_tags")
      .column("tag_folded")
      .execute();

    await db.schema
      .createTable("deployment_set_members")
      .ifNotExists()
      .addColumn("id", key, (col) => col.primaryKey())
      .addColumn("set_id", key, (col) => col.notNull().references("deployment_sets.id").onDelete("cascade"))
      .addColumn("artifact_uuid", key)
      .addColumn("group_id", key)
      .addColumn("nested_set_id", key)
      .addColumn("position", "integer", (col) => col.notNull().check(sql`position >= 0`))
      .addColumn("added_at", "bigint", (col) => col.notNull())
      .addCheckConstraint(
        "deployment_set_members_one_reference",
        sql`num_nonnulls(artifact_uuid, group_id, nested_set_id) = 1`,
      )
      .addUniqueConstraint("deployment_set_members_artifact_key", ["set_id", "artifact_uuid"])
      .addUniqueConstraint("deployment_set_members_group_key", ["set_id", "group_id"])
      .addUniqueConstraint("deployment_set_members_nested_set_key", ["set_id", "nested_set_id"])
      .execute();
    // (set_id, position) also serves every lookup by set_id alone, so there is no separate set_id index.
    await db.schema
      .createIndex("deployment_set_members_set_position_idx")
      .ifNotExists()
      .on("deployment_set_members")
      .columns(["set_id", "position"])
      .execute();
    // Parents of a set (deleting it removes it from them).
    await db.schema
      .createIndex("deployment_set_members_nested_set_idx")
      .ifNotExists()
      .on("deployment_set_members")
      .column("nested_set_id")
      .execute();
    // The set-to-set edges alone: the recursive graph queries walk them with index-only scans, never touching
    // the (mostly artifact and group) member rows.
    await db.schema
      .createIndex("deployment_set_members_edges_idx")
      .ifNotExists()
      .on("deployment_set_members")
      .columns(["set_id", "nested_set_id"])
      .where(sql.ref("nested_set_id"), "is not", null)
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("deployment_set_members").ifExists().execute();
    await db.schema.dropTable("deployment_set_tags").ifExists().execute();
    await db.schema.dropTable("deployment_sets").ifExists().execute();
  },
};
