import type { z } from "zod";
import { ConfigError } from "./config-error.js";

/**
 * Reads one environment variable through its schema; an empty value counts as unset unless `keepEmpty`.
 * @throws ConfigError naming the variable
 */
export function readVariable<S extends z.ZodType>(env: NodeJS.ProcessEnv, name: string, schema: S, keepEmpty = false): z.output<S> {
  const raw = env[name];
  const result = schema.safeParse(raw === "" && !keepEmpty ? undefined : raw);
  if (!result.success) throw new ConfigError(`${name}: ${result.error.issues[0]?.message ?? "invalid"} (got ${JSON.stringify(raw)})`);
  return result.data;
}
