import type { Kysely, Migration } from "kysely";

/**
 * Where each set is deployed: one row per set, project folder and assistant profile, with the time of the last
 * deploy there (epoch milliseconds, like `created_at`). Deleting a set deletes its rows (`on delete cascade`, as
 * for members). The primary key (set_id, project_path, profile) serves every lookup by set. Table and column
 * names match the PostgreSQL adapter.
 */
export const setDeployments: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("deployment_set_deployments")
      .addColumn("owner_id", "text", (c) => c.notNull())
      .addColumn("set_id", "text", (c) => c.notNull().references("deployment_sets.id").onDelete("cascade"))
      .addColumn("project_path", "text", (c) => c.notNull())
      .addColumn("profile", "text", (c) => c.notNull())
      .addColumn("deployed_at", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("deployment_set_deployments_pkey", ["set_id", "project_path", "profile"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("deployment_set_deployments").execute();
  },
};
