/**
 * The PostgreSQL storage adapter of Deployment Sets: {@link PostgresStore}, for teams and for several server
 * processes sharing one database.
 *
 * Deliberately private: the SQL (query modules, migrations) and the driver-error translation. The SQL it shares
 * with the SQLite adapter comes from the private workspace package `@deployment-sets/store-sql`, bundled in.
 *
 * @packageDocumentation
 */
export { PostgresStore, type PostgresStoreOptions } from "./postgres-store.js";
export type { QueryEvent } from "./connection.js";
