import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { DeploymentSetStore } from "@deployment-sets/core/ports";
import type { DatabaseConfig } from "./database-settings.js";

/**
 * Opens the store `DATABASE_URL` picks (creating the SQLite file's folder when needed) and runs migrations. Each
 * adapter is loaded only when picked, so a SQLite user never loads the PostgreSQL driver.
 */
export async function openStore(database: DatabaseConfig): Promise<DeploymentSetStore> {
  let store: DeploymentSetStore;
  if (database.kind === "postgres") {
    const { PostgresStore } = await import("@deployment-sets/store-postgres");
    store = new PostgresStore({ connectionString: database.url, poolSize: database.poolSize, writeWaitMillis: database.writeWaitMs });
  } else {
    const { SqliteStore } = await import("@deployment-sets/store-sqlite");
    if (database.filename !== ":memory:") mkdirSync(dirname(database.filename), { recursive: true });
    store = new SqliteStore({ filename: database.filename });
  }
  try {
    await store.init();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
