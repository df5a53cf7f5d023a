import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "./config-error.js";
import { databaseSettings, type DatabaseConfig } from "./database-settings.js";
import { readVariable } from "./read-variable.js";

/** The owner everything runs as without authentication: the server's `DS_AUTH=none` and the CLI's embedded mode. */
export const LOCAL_OWNER = "local-user";

/** The settings the server and the CLI's embedded mode share: the same variables, the same defaults. */
export interface LocalSettings {
  /** `DATABASE_URL`. */
  readonly database: DatabaseConfig;
  /**
   * The user's collection: `DS_COLLECTION`, else SkillMeat's default collection
   * (`~/.skillmeat/collections/default`) when it has a `collection.toml`; `undefined` when neither.
   */
  readonly collection: string | undefined;
  /** `DS_PROJECT_ROOTS` as a list; `undefined` when unset (each program picks its default). */
  readonly projectRoots: readonly string[] | undefined;
  /** The user's home directory. */
  readonly home: string;
}

const rootList = (value: string) => value.split(":").filter((part) => part !== "");

/**
 * Reads the shared settings from `env` (see docs/configuration.md).
 * @throws ConfigError naming the first bad variable
 */
export function loadLocalSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const home = homedir();
  const roots = readVariable(
    env,
    "DS_PROJECT_ROOTS",
    z
      .string()
      .refine((value) => rootList(value).every((part) => isAbsolute(part)), "every root must be an absolute path")
      .optional(),
  );
  const collection = readVariable(env, "DS_COLLECTION", z.string().min(1).optional());
  if (collection !== undefined && !existsSync(collection)) throw new ConfigError(`DS_COLLECTION: ${collection} does not exist`);
  const skillmeat = join(home, ".skillmeat", "collections", "default");
  return {
    database: databaseSettings(env, home),
    collection: collection !== undefined ? resolve(collection) : existsSync(join(skillmeat, "collection.toml")) ? skillmeat : undefined,
    projectRoots: roots !== undefined ? rootList(roots) : undefined,
    home,
  };
}
