import { Migrator, NO_MIGRATIONS, sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import { initialSchema } from "./0001-initial-schema.js";
import { setDeployments } from "./0002-set-deployments.js";
import { setWalkIndex } from "./0003-set-walk-index.js";

/** Every migration of the adapter by name; names sort in the order they run. Never edit a released one. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_initial_schema": initialSchema,
  "0002_set_deployments": setDeployments,
  "0003_set_walk_index": setWalkIndex,
};

/** Kysely's bookkeeping tables, named for this adapter so an embedder's own kysely migrations never clash. */
export const MIGRATION_TABLE = "deployment_sets_migration";
const MIGRATION_LOCK_TABLE = "deployment_sets_migration_lock";

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Where to migrate: the newest migration, a migration name, or {@link NO_MIGRATIONS} (everything undone). */
export type MigrationTarget = "latest" | string | typeof NO_MIGRATIONS;

/**
 * Migrates the database to `target` inside one `begin immediate` transaction on one connection, so several
 * processes migrating one file at once serialise: the first applies the migrations, the others then find them
 * applied (kysely's SQLite adapter takes no migration lock of its own). SQLite DDL is transactional, so a failed
 * migration leaves nothing behind.
 *
 * The lock is polled without SQLite's busy handler (which would block the thread) so that two stores of one
 * process can migrate the same file concurrently; it gives up with SQLite's `SQLITE_BUSY` after `lockTimeoutMs`.
 */
export async function migrate(db: Kysely<unknown>, target: MigrationTarget, lockTimeoutMs: number): Promise<void> {
  await db.connection().execute(async (conn) => {
    await beginImmediate(conn, lockTimeoutMs);
    try {
      const migrator = new Migrator({
        db: conn,
        provider,
        migrationTableName: MIGRATION_TABLE,
        migrationLockTableName: MIGRATION_LOCK_TABLE,
      });
      const result = target === "latest" ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
      if (result.error !== undefined) throw result.error;
      await sql`commit`.execute(conn);
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

async function beginImmediate(conn: Kysely<unknown>, timeoutMs: number): Promise<void> {
  const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn);
  const busyTimeout = rows[0]?.timeout ?? 0;
  await sql.raw("pragma busy_timeout = 0").execute(conn);
  try {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await sql`begin immediate`.execute(conn);
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        await sleep(Math.min(5 * 2 ** Math.min(attempt, 4), 50) * (0.5 + Math.random()));
      }
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${Number(busyTimeout)}`).execute(conn);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export { NO_MIGRATIONS };
