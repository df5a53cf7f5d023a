/**
 * The SQLite storage adapter of Deployment Sets (the embedded default): a `DeploymentSetStore` over
 * better-sqlite3, with kysely-built queries and migrations.
 *
 * Deliberately private: the table types, the query builders and the migration list (the schema is managed by
 * `SqliteStore.init()`; its tables and columns match the PostgreSQL adapter). The SQL it shares with the PostgreSQL
 * adapter comes from the private workspace package `@deployment-sets/store-sql`, bundled in.
 *
 * @packageDocumentation
 */
export { SqliteStore, createSqliteStore } from "./sqlite-store.js";
export type {
  SqliteStoreOptions,
  SqliteStoreCommonOptions,
  SqliteStoreFileOptions,
  SqliteStoreDatabaseOptions,
} from "./connection.js";
export type { BetterSqlite3Handle } from "./open-database.js";
