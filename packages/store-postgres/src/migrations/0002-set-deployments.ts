import { sql, type Kysely, type Migration } from "kysely";

/** Byte-wise keys, as in the initial migration: ids compare fast, and folders and profiles order as in SQLite. */
const key = sql`text collate "C"`;

/**
 * Where each set is deployed: one row per set, project folder and assistant profile, with the time of the last
 * deploy there (epoch milliseconds in a `bigint`, like `created_at`). Deleting a set deletes its rows (`on delete
 * cascade`, as for members). The primary key (set_id, project_path, profile) serves every lookup by set. Names
 * match the SQLite adapter's; the `if not exists` guards make a re-run harmless, as in the initial migration.
 */
export const setDeploymentsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("deployment_set_deployments")
      .ifNotExists()
      .addColumn("owner_id", key, (col) => col.notNull())
      .addColumn("set_id", key, (col) => col.notNull().references("deployment_sets.id").onDelete("cascade"))
      .addColumn("project_path", key, (col) => col.notNull())
      .addColumn("profile", key, (col) => col.notNull())
      .addColumn("deployed_at", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("deployment_set_deployments_pkey", ["set_id", "project_path", "profile"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("deployment_set_deployments").ifExists().execute();
  },
};
