import { stringify, type TomlTable } from "smol-toml";

/**
 * A TOML document: the top-level `other` keys (through smol-toml), then each named array of tables. Tables of
 * plain values (strings, booleans, integers, and arrays of those), which is every record this deployer writes, are
 * written directly, which is an order of magnitude faster than a general serializer on a file of hundreds of records;
 * any other table (arrays, dates, nested tables, floats: foreign records) goes through smol-toml.
 *
 * @param other - top-level keys written first
 * @param arrays - `[name, tables]` pairs, written as `[[name]]` tables in order
 */
export function tomlDocument(other: TomlTable, arrays: readonly (readonly [string, readonly TomlTable[]])[]): string {
  const parts: string[] = [];
  if (Object.keys(other).length > 0) parts.push(stringify(other), "\n\n");
  for (const [name, tables] of arrays) {
    const header = `[[${key(name) ?? JSON.stringify(name)}]]\n`;
    for (const table of tables) parts.push(tableText(header, name, table));
  }
  return parts.join("");
}

// The text of tables already written, by table object: tracking states are immutable and a redeploy rewrites
// mostly the same record objects, so only new or changed records are serialized again.
const written = new WeakMap<TomlTable, { readonly header: string; readonly text: string }>();

function tableText(header: string, name: string, table: TomlTable): string {
  const cached = written.get(table);
  if (cached?.header === header) return cached.text;
  const parts = [header];
  const text = appendTable(parts, table) ? `${parts.join("")}\n` : `${stringify({ [name]: [table] })}\n\n`;
  written.set(table, { header, text });
  return text;
}

/** Appends `key = value` lines for a table of plain values; false (having appended some) for any other table. */
function appendTable(parts: string[], table: TomlTable): boolean {
  for (const field of Object.keys(table)) {
    const value = plainValue(table[field]);
    const name = key(field);
    if (value === null || name === null) return false;
    parts.push(name, " = ", value, "\n");
  }
  return true;
}

function plainValue(value: unknown): string | null {
  if (Array.isArray(value)) return plainArray(value);
  switch (typeof value) {
    case "string":
      return basicString(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return String(value);
    case "number":
      return Number.isSafeInteger(value) ? String(value) : null;
    default:
      return null;
  }
}

/** An inline array of plain values, `[ "a", "b" ]`; `null` when an item is not plain (a nested array included). */
function plainArray(items: readonly unknown[]): string | null {
  if (items.length === 0) return "[]";
  const written: string[] = [];
  for (const item of items) {
    const value = Array.isArray(item) ? null : plainValue(item);
    if (value === null) return null;
    written.push(value);
  }
  return `[ ${written.join(", ")} ]`;
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;
// TOML basic strings must escape control characters (tab excepted), the quote and the backslash; surrogates
// are checked so a lone one is caught.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f"\\\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const keys = new Map<string, string | null>();

/** A key as written (bare when it can be); `null` for one TOML cannot hold. */
function key(name: string): string | null {
  let written = keys.get(name);
  if (written === undefined) {
    written = BARE_KEY.test(name) ? name : basicString(name);
    if (keys.size < 1_000) keys.set(name, written);
  }
  return written;
}

/** A TOML basic string; `null` for a string TOML cannot hold (a lone surrogate). */
function basicString(value: string): string | null {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  if (LONE_SURROGATE.test(value)) return null;
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"') out += '\\"';
    else if (char === "\\") out += "\\\\";
    else if (char === "\n") out += "\\n";
    else if (char === "\t") out += "\\t";
    else if (char === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}
