import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, type DatabaseConfig, loadLocalSettings, readVariable } from "@deployment-sets/settings";
import { z } from "zod";

export { ConfigError, type DatabaseConfig } from "@deployment-sets/settings";

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

/** The example collection shipped with the project. */
export const EXAMPLE_COLLECTION = fileURLToPath(new URL("../../../examples/starter-collection", import.meta.url));

const fields = {
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z
    .string()
    .regex(/^\d+$/, "must be a port number")
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535))
    .default(8080),
  DS_AUTH: z.enum(["none", "token"]).default("none"),
  DS_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DS_TOKENS_FILE: z.string().min(1).optional(),
  DS_CORS_ORIGINS: z.string().optional(),
};

/**
 * Reads and validates the configuration from `env` (see docs/configuration.md). Defaults: a SQLite file in the user's
 * data directory, the user's collection (or the shipped example), the home directory as the only project root
 * without authentication.
 * @throws ConfigError naming the first bad variable
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const read = <K extends keyof typeof fields>(name: K): z.output<(typeof fields)[K]> =>
    readVariable(env, name, fields[name], name === "DS_CORS_ORIGINS") as z.output<(typeof fields)[K]>;
  const host = read("HOST");
  const port = read("PORT");
  const local = loadLocalSettings(env);
  const auth = read("DS_AUTH");
  const tokensFile = read("DS_TOKENS_FILE");
  if (auth === "token" && !tokensFile) throw new ConfigError("DS_TOKENS_FILE: required when DS_AUTH=token");
  if (auth === "token" && !existsSync(tokensFile!)) throw new ConfigError(`DS_TOKENS_FILE: ${tokensFile} does not exist`);

  return {
    host,
    port,
    database: local.database,
    collection: local.collection ?? EXAMPLE_COLLECTION,
    projectRoots: local.projectRoots ?? (auth === "none" ? [local.home] : []),
    auth: auth === "token" ? { mode: "token", tokensFile: resolve(tokensFile!) } : { mode: "none" },
    logLevel: read("DS_LOG_LEVEL"),
    corsOrigins: (read("DS_CORS_ORIGINS") ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ""),
  };
}
