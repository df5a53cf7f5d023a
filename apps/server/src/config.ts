import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** Where the data lives: a SQLite file (or memory) or a PostgreSQL server. */
export type DatabaseConfig =
  | { readonly kind: "sqlite"; readonly filename: string }
  | { readonly kind: "postgres"; readonly url: string; readonly poolSize: number; readonly writeWaitMs: number };

/** The server's validated configuration, read from environment variables (see docs/configuration.md). */
export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  readonly collection: string;
  readonly projectRoots: readonly string[];
  readonly auth: { readonly mode: "none" } | { readonly mode: "token"; readonly tokensFile: string };
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  readonly corsOrigins: readonly string[];
}

/** A bad environment variable: the message names it. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The example collection shipped with the project. */
export const EXAMPLE_COLLECTION = fileURLToPath(new URL("../../../examples/starter-collection", import.meta.url));

const absolutePaths = (value: string) => value.split(":").filter((part) => part !== "");

const fields = {
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z
    .string()
    .regex(/^\d+$/, "must be a port number")
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535))
    .default(8080),
  DS_DB_POOL_SIZE: z
    .string()
    .regex(/^\d+$/, "must be a positive integer")
    .transform(Number)
    .pipe(z.number().int().min(1).max(1000))
    .default(10),
  DS_DB_WRITE_WAIT_MS: z
    .string()
    .regex(/^\d+$/, "must be a whole number of milliseconds")
    .transform(Number)
    .pipe(z.number().int().min(100).max(600_000))
    .default(20_000),
  DS_AUTH: z.enum(["none", "token"]).default("none"),
  DS_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DS_PROJECT_ROOTS: z
    .string()
    .refine((value) => absolutePaths(value).every((part) => isAbsolute(part)), "every root must be an absolute path")
    .optional(),
  DS_TOKENS_FILE: z.string().min(1).optional(),
  DS_COLLECTION: z.string().min(1).optional(),
  DATABASE_URL: z.string().min(1).optional(),
  DS_CORS_ORIGINS: z.string().optional(),
};

/**
 * Reads and validates the configuration from `env` (see docs/configuration.md). Defaults: a SQLite file in the user's
 * data directory, the user's collection (or the shipped example), the home directory as the only project root
 * without authentication.
 * @throws ConfigError naming the first bad variable
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const read = <K extends keyof typeof fields>(name: K): z.output<(typeof fields)[K]> => {
    const raw = env[name];
    const result = fields[name].safeParse(raw === "" && name !== "DS_CORS_ORIGINS" ? undefined : raw);
    if (!result.success) {
      throw new ConfigError(`${name}: ${result.error.issues[0]?.message ?? "invalid"} (got ${JSON.stringify(raw)})`);
    }
    return result.data as z.output<(typeof fields)[K]>;
  };
  const auth = read("DS_AUTH");
  const tokensFile = read("DS_TOKENS_FILE");
  if (auth === "token" && !tokensFile) throw new ConfigError("DS_TOKENS_FILE: required when DS_AUTH=token");
  if (auth === "token" && !existsSync(tokensFile!)) throw new ConfigError(`DS_TOKENS_FILE: ${tokensFile} does not exist`);

  const home = homedir();
  const roots = read("DS_PROJECT_ROOTS");
  const collection = read("DS_COLLECTION");
  if (collection !== undefined && !existsSync(collection)) throw new ConfigError(`DS_COLLECTION: ${collection} does not exist`);
  const userCollection = join(home, ".skillmeat", "collections", "default");

  return {
    host: read("HOST"),
    port: read("PORT"),
    database: databaseFrom(read("DATABASE_URL"), { poolSize: read("DS_DB_POOL_SIZE"), writeWaitMs: read("DS_DB_WRITE_WAIT_MS") }, env, home),
    collection: resolve(
      collection ?? (existsSync(join(userCollection, "collection.toml")) ? userCollection : EXAMPLE_COLLECTION),
    ),
    projectRoots: roots !== undefined ? absolutePaths(roots) : auth === "none" ? [home] : [],
    auth: auth === "token" ? { mode: "token", tokensFile: resolve(tokensFile!) } : { mode: "none" },
    logLevel: read("DS_LOG_LEVEL"),
    corsOrigins: (read("DS_CORS_ORIGINS") ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ""),
  };
}

function databaseFrom(
  url: string | undefined,
  postgres: { readonly poolSize: number; readonly writeWaitMs: number },
  env: NodeJS.ProcessEnv,
  home: string,
): DatabaseConfig {
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
    return { kind: "postgres", url, ...postgres };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new ConfigError(`DATABASE_URL: unsupported scheme in ${JSON.stringify(url.split(":")[0])}`);
  const path = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : url;
  if (path === "") throw new ConfigError("DATABASE_URL: sqlite: needs a file path or :memory:");
  return { kind: "sqlite", filename: path === ":memory:" ? path : resolve(path) };
}
