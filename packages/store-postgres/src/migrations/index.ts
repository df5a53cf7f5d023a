import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from "kysely";
import { initialMigration } from "./0001-initial.js";
import { setDeploymentsMigration } from "./0002-set-deployments.js";

/**
 * Every migration, in order, by name. Append only: a released migration is never edited or renamed, since the
 * names are what the `deployment_sets_migration` table records.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  "0001_initial_schema": initialMigration,
  "0002_set_deployments": setDeploymentsMigration,
};

/** kysely's bookkeeping tables, named for this adapter (as in the SQLite adapter) so an embedder's own kysely
 * migrations in the same schema never clash with ours. */
export const MIGRATION_TABLE = "deployment_sets_migration";
const MIGRATION_LOCK_TABLE = "deployment_sets_migration_lock";

/** The in-code provider: migrations ship inside the bundle, no files are read at runtime. */
const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations }) };

/**
 * A kysely `Migrator` over {@link migrations}. With a schema, its bookkeeping tables live in that schema too
 * (the connections' `search_path` puts our tables there). kysely's PostgreSQL adapter holds a session advisory
 * lock while migrating, so several processes migrating one database take turns.
 */
export function createMigrator<DB>(db: Kysely<DB>, schema?: string): Migrator {
  return new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  });
}

/** Brings the database to the latest version (forward only). Throws the migrator's error, if any. */
export async function migrateToLatest<DB>(db: Kysely<DB>, schema?: string): Promise<MigrationResultSet> {
  return unwrap(await createMigrator(db, schema).migrateToLatest());
}

/** Undoes the latest applied migration. For tests and operators; the store itself never migrates down. */
export async function migrateDown<DB>(db: Kysely<DB>, schema?: string): Promise<MigrationResultSet> {
  return unwrap(await createMigrator(db, schema).migrateDown());
}

function unwrap(result: MigrationResultSet): MigrationResultSet {
  if (result.error !== undefined) throw result.error;
  return result;
}
