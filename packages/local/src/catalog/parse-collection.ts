import { parse, TomlError } from "smol-toml";
import { parsePlainToml } from "./plain-toml.js";

/** The top-level shape of a `collection.toml`, before its entries are checked one by one. */
export interface CollectionDocument {
  /** The `[collection]` table, when present. */
  readonly collection: Readonly<Record<string, unknown>> | undefined;
  /** The `[[artifacts]]` entries (each still unchecked). */
  readonly artifacts: readonly unknown[];
  /** The `[[groups]]` entries (each still unchecked). */
  readonly groups: readonly unknown[];
  /** SkillMeat's `[[mcp_servers]]` entries (not artifacts; only reported). */
  readonly mcpServers: readonly unknown[];
}

/**
 * Parses the text of a `collection.toml`. Throws an `Error` with a one-line, readable message (with the line
 * and column of a TOML syntax error) when the text is not TOML or its top level has the wrong shape; the entries
 * themselves are checked later, one by one, so one bad entry never rejects the whole file.
 *
 * @param text - the file's text
 */
export function parseCollection(text: string): CollectionDocument {
  // The plain TOML a machine writes reads several times faster by the fast path; anything else (and any error,
  // reported with its line and column) goes through the full parser.
  let doc: Record<string, unknown>;
  try {
    doc = parsePlainToml(text) ?? parse(text, { unsafeKeyBehaviour: "drop" });
  } catch (error) {
    if (error instanceof TomlError) {
      const what = (error.message.split("\n")[0] ?? "").replace(/^Invalid TOML document:\s*/, "");
      throw new Error(`collection.toml: line ${error.line}, column ${error.column}: ${what}`, { cause: error });
    }
    throw error;
  }
  return {
    collection: optionalTable(doc, "collection"),
    artifacts: arrayOfTables(doc, "artifacts"),
    groups: arrayOfTables(doc, "groups"),
    mcpServers: Array.isArray(doc["mcp_servers"]) ? doc["mcp_servers"] : [],
  };
}

function optionalTable(doc: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = doc[key];
  if (value === undefined) return undefined;
  if (!isTable(value)) throw new Error(`collection.toml: [${key}] must be a table`);
  return value;
}

function arrayOfTables(doc: Record<string, unknown>, key: string): readonly unknown[] {
  const value = doc[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`collection.toml: ${key} must be an array of tables ([[${key}]])`);
  return value;
}

/** Whether `value` is a TOML table (a plain object, not an array or a date). */
export function isTable(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
