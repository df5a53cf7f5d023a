/**
 * The PostgreSQL storage adapter of Deployment Sets: {@link PostgresStore}, for teams and for several server
 * processes sharing one database.
 *
 * Deliberately private: the SQL (query modules, migrations) and the driver-error translation.
 *
 * @packageDocumentation
 */
export { PostgresStore, type PostgresStoreOptions } from "./postgres-store.js";
export type { QueryEvent } from "./connection.js";
