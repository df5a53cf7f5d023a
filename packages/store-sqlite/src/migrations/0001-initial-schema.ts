import { sql, type Kysely, type Migration } from "kysely";

/**
 * The initial schema: sets, their tags and their members, with the indexes the store's queries use.
 * Table and column names match the PostgreSQL adapter.
 */
export const initialSchema: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("deployment_sets")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("owner_id", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("name_folded", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("icon", "text")
      .addColumn("color", "text")
      .addColumn("created_at", "integer", (c) => c.notNull())
      .addColumn("updated_at", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("deployment_sets_owner_created_idx")
      .on("deployment_sets")
      .columns(["owner_id", "created_at desc", "seq desc"])
      .execute();

    await db.schema
      .createTable("deployment_set_tags")
      .addColumn("set_id", "text", (c) => c.notNull().references("deployment_sets.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("tag", "text", (c) => c.notNull())
      .addColumn("tag_folded", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("deployment_set_tags_pkey", ["set_id", "position"])
      .execute();
    await db.schema.createIndex("deployment_set_tags_tag_folded_idx").on("deployment_set_tags").column("tag_folded").execute();

    await db.schema
      .createTable("deployment_set_members")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("set_id", "text", (c) => c.notNull().references("deployment_sets.id").onDelete("cascade"))
      .addColumn("artifact_uuid", "text")
      .addColumn("group_id", "text")
      .addColumn("nested_set_id", "text")
      .addColumn("position", "integer", (c) => c.notNull().check(sql`position >= 0`))
      .addColumn("added_at", "integer", (c) => c.notNull())
      .addCheckConstraint(
        "deployment_set_members_one_reference",
        sql`(artifact_uuid is not null) + (group_id is not null) + (nested_set_id is not null) = 1`,
      )
      .addUniqueConstraint("deployment_set_members_artifact_key", ["set_id", "artifact_uuid"])
      .addUniqueConstraint("deployment_set_members_group_key", ["set_id", "group_id"])
      .addUniqueConstraint("deployment_set_members_nested_set_key", ["set_id", "nested_set_id"])
      .execute();
    // (set_id, position) serves every lookup by set_id too, so there is no separate set_id index. It carries
    // the other columns so that loading a graph reads members from the index alone, in position order.
    await db.schema
      .createIndex("deployment_set_members_set_position_idx")
      .on("deployment_set_members")
      .columns(["set_id", "position", "id", "artifact_uuid", "group_id", "nested_set_id", "added_at"])
      .execute();
    await db.schema
      .createIndex("deployment_set_members_nested_set_idx")
      .on("deployment_set_members")
      .column("nested_set_id")
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("deployment_set_members").execute();
    await db.schema.dropTable("deployment_set_tags").execute();
    await db.schema.dropTable("deployment_sets").execute();
  },
};
