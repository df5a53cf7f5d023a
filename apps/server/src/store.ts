import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { DeploymentSetStore } from "@deployment-sets/core/ports";
import { PostgresStore } from "@deployment-sets/store-postgres";
import { SqliteStore } from "@deployment-sets/store-sqlite";
import type { DatabaseConfig } from "./config.js";

/** Opens the store `DATABASE_URL` picks (creating the SQLite file's folder when needed) and runs migrations. */
export async function openStore(database: DatabaseConfig): Promise<DeploymentSetStore> {
  let store: DeploymentSetStore;
  if (database.kind === "postgres") {
    store = new PostgresStore({ connectionString: database.url, poolSize: database.poolSize, writeWaitMillis: database.writeWaitMs });
  } else {
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

/** Where the data lives, for the start banner (a PostgreSQL URL without its password). */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === "sqlite") return database.filename === ":memory:" ? "SQLite in memory" : `SQLite ${database.filename}`;
  const url = new URL(database.url);
  if (url.password) url.password = "***";
  return `PostgreSQL ${url.toString()}`;
}
