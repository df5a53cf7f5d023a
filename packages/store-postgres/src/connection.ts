import type { Database } from "@deployment-sets/store-sql";
import { Kysely, PostgresDialect, type LogEvent } from "kysely";
import pg from "pg";

const INT8_OID = 20;
const INT8_ARRAY_OID = 1016;

/** Where and how to connect; see `PostgresStoreOptions`. */
export interface ConnectionOptions {
  readonly connectionString: string;
  readonly poolSize: number;
  readonly schema: string | undefined;
  readonly connectionTimeoutMillis: number;
  readonly onQuery: ((event: QueryEvent) => void) | undefined;
}

/** One statement sent to the server, as reported to `PostgresStoreOptions.onQuery`. */
export interface QueryEvent {
  /** The SQL text, with `$n` placeholders. */
  readonly sql: string;
  /** Round-trip time in milliseconds. */
  readonly durationMs: number;
  /** Whether the statement failed. */
  readonly failed: boolean;
}

/**
 * `int8` as JavaScript numbers on this pool only: epoch milliseconds, sequences and counts stay below 2^53, and
 * the global `pg.types` registry (shared with whatever else runs in the process) is left alone.
 */
const defaultParser = pg.types.getTypeParser as (oid: number, format?: string) => (value: string) => unknown;
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8_OID) return (value: string) => Number(value);
    if (oid === INT8_ARRAY_OID) {
      const parseArray = defaultParser(oid, "text") as (value: string) => (string | null)[];
      return (value: string) => parseArray(value).map((item) => (item === null ? null : Number(item)));
    }
    return defaultParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Double-quotes an identifier for SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The store's private pool and the kysely instance over it. */
export interface Connection {
  readonly db: Kysely<Database>;
  /** For the few hot reads that skip kysely (array row mode); report them through {@link Connection.onQuery}. */
  readonly pool: pg.Pool;
  readonly onQuery: ((event: QueryEvent) => void) | undefined;
}

/** A private pool (and kysely over it); every connection's `search_path` is the schema, when given. */
export function connect(options: ConnectionOptions): Connection {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectionTimeoutMillis,
    types,
  });
  // A client losing its connection emits `error`: on the pool while idle, on the client itself while checked
  // out (after the running statement already failed with it). Unheard, either kills the process. The pool drops
  // a broken client by itself (it is no longer queryable), and the caller sees the statement's own error.
  pool.on("error", () => {});
  const setPath = options.schema === undefined ? undefined : `set search_path to ${quoteIdent(options.schema)}`;
  pool.on("connect", (client) => {
    client.on("error", () => {});
    // Emitted before the pool hands the new client out, so this is queued ahead of any other statement on it.
    if (setPath !== undefined) void client.query(setPath).catch(() => {});
  });
  const onQuery = options.onQuery;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(onQuery
      ? {
          log: (event: LogEvent) =>
            onQuery({ sql: event.query.sql, durationMs: event.queryDurationMillis, failed: event.level === "error" }),
        }
      : {}),
  });
  return { db, pool, onQuery };
}
