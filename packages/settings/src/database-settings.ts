import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "./config-error.js";
import { readVariable } from "./read-variable.js";

/** Where the data lives: a SQLite file (or memory) or a PostgreSQL server. */
export type DatabaseConfig =
  | { readonly kind: "sqlite"; readonly filename: string }
  | { readonly kind: "postgres"; readonly url: string; readonly poolSize: number; readonly writeWaitMs: number };

const wholeNumber = (message: string, min: number, max: number) =>
  z.string().regex(/^\d+$/, message).transform(Number).pipe(z.number().int().min(min).max(max));

/**
 * The database `DATABASE_URL` names (with `DS_DB_POOL_SIZE` and `DS_DB_WRITE_WAIT_MS` for PostgreSQL). Unset, a
 * SQLite file in the user's data directory (`$XDG_DATA_HOME`, else `~/.local/share`).
 * @throws ConfigError naming the first bad variable
 */
export function databaseSettings(env: NodeJS.ProcessEnv, home: string): DatabaseConfig {
  const url = readVariable(env, "DATABASE_URL", z.string().min(1).optional());
  const poolSize = readVariable(env, "DS_DB_POOL_SIZE", wholeNumber("must be a positive integer", 1, 1000).default(10));
  const writeWaitMs = readVariable(
    env,
    "DS_DB_WRITE_WAIT_MS",
    wholeNumber("must be a whole number of milliseconds", 100, 600_000).default(20_000),
  );
  if (url === undefined) {
    const dataHome = env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, ".local", "share");
    return { kind: "sqlite", filename: join(dataHome, "deployment-sets", "deployment-sets.db") };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError("DATABASE_URL: not a valid postgres:// URL");
    }
    return { kind: "postgres", url, poolSize, writeWaitMs };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new ConfigError(`DATABASE_URL: unsupported scheme in ${JSON.stringify(url.split(":")[0])}`);
  const path = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : url;
  if (path === "") throw new ConfigError("DATABASE_URL: sqlite: needs a file path or :memory:");
  return { kind: "sqlite", filename: path === ":memory:" ? path : resolve(path) };
}

/** Where the data lives, for a banner or an error (a PostgreSQL URL without its password). */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === "sqlite") return database.filename === ":memory:" ? "SQLite in memory" : `SQLite ${database.filename}`;
  const url = new URL(database.url);
  if (url.password) url.password = "***";
  return `PostgreSQL ${url.toString()}`;
}
