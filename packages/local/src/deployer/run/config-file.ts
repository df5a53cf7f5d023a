import { createHash } from "node:crypto";
import {
  appendJsonArrayItem,
  canonicalJson,
  jsonValueAt,
  parseJsonDocument,
  removeJsonArrayItem,
  removeJsonProperty,
  setJsonProperty,
} from "../merge/json-document.js";
import { appendTomlTable, findTomlTable, parseTomlDocument, removeTomlTable, tomlTableText } from "../merge/toml-document.js";

/** A path to a value inside a config file: object keys from the top (`["mcpServers", "github"]`). */
export type EntryPath = readonly string[];

/** One entry an artifact owns in a config file: a keyed value (an MCP server) or an item of an array (a hook group). */
export type Entry = { readonly kind: "key"; readonly path: EntryPath; readonly value: unknown } | { readonly kind: "item"; readonly path: EntryPath; readonly value: unknown };

/** An entry's identity, for records and comparisons: `key:<path>` or `item:<path>:<canonical value>`. */
export function entryId(entry: Pick<Entry, "kind" | "path"> & { readonly value?: unknown }): string {
  return entry.kind === "key" ? `key:${JSON.stringify(entry.path)}` : `item:${JSON.stringify(entry.path)}:${canonicalJson(entry.value)}`;
}

/** The entry an {@link entryId} stands for (an item carries its value; a key's value is read from the file). */
export function parseEntryId(id: string): Pick<Entry, "kind" | "path"> & { readonly value?: unknown } {
  if (id.startsWith("key:")) return { kind: "key", path: JSON.parse(id.slice(4)) as string[] };
  const rest = id.slice(5);
  const end = rest.indexOf("]:") + 1;
  return { kind: "item", path: JSON.parse(rest.slice(0, end)) as string[], value: JSON.parse(rest.slice(end + 1)) };
}

/** The SHA-256 of entries' values as found (`null` for an absent one), in the order given: what records compare. */
export function entriesHash(values: readonly (readonly [string, unknown])[]): string {
  return createHash("sha256").update(canonicalJson(values.map(([id, value]) => [id, value ?? null])), "utf8").digest("hex");
}

/**
 * One config file an assistant reads, being merged into: its text as read (missing: empty), parsed once, edited in
 * place (JSON with comments, or TOML), never re-serialised. Tracks the containers the edits created, so removing
 * the last entry can remove them too and leave the file as it was.
 */
export class ConfigFile {
  /** Whether the file existed when read. */
  readonly existed: boolean;
  readonly #format: "json" | "toml";
  #text: string;
  #document: unknown;

  /**
   * @param format - `json` (JSONC) or `toml`
   * @param text - the file's text; `null` when it does not exist
   * @throws the editor's parse error when the text does not parse
   */
  constructor(format: "json" | "toml", text: string | null) {
    this.#format = format;
    this.existed = text !== null;
    this.#text = text ?? "";
    this.#document = this.#parse();
  }

  /** The current text. */
  get text(): string {
    return this.#text;
  }

  /** The value at `path` now (`undefined` when absent). */
  valueAt(path: EntryPath): unknown {
    if (this.#format === "json") return jsonValueAt(this.#text, path);
    let value: unknown = this.#document;
    for (const key of path) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  }

  /** Whether the entry is present now: a key with any value, or an item equal to the recorded one. */
  has(entry: Pick<Entry, "kind" | "path"> & { readonly value?: unknown }): boolean {
    const found = this.valueAt(entry.path);
    if (entry.kind === "key") return found !== undefined;
    if (!Array.isArray(found)) return false;
    const wanted = canonicalJson(entry.value);
    return found.some((item) => canonicalJson(item) === wanted);
  }

  /** The entry's current value, as {@link entriesHash} takes it: a key's value, or the item when present. */
  current(entry: Pick<Entry, "kind" | "path"> & { readonly value?: unknown }): unknown {
    return entry.kind === "key" ? this.valueAt(entry.path) : this.has(entry) ? entry.value : undefined;
  }

  /**
   * Writes an entry (replacing a key's value), and returns the containers it had to create (outermost first),
   * for {@link ConfigFile.remove} to prune later.
   */
  insert(entry: Entry): EntryPath[] {
    const created: EntryPath[] = [];
    for (let depth = 1; depth < entry.path.length + (entry.kind === "item" ? 1 : 0); depth++) {
      const parent = entry.path.slice(0, depth);
      if (this.valueAt(parent) === undefined) created.push(parent);
    }
    if (this.#format === "json") {
      this.#text = entry.kind === "key" ? setJsonProperty(this.#text, entry.path, entry.value) : appendJsonArrayItem(this.#text, entry.path, entry.value);
    } else {
      if (entry.kind !== "key") throw new Error("TOML config files take keyed tables only");
      if (this.valueAt(entry.path) !== undefined) this.remove(entry, []);
      this.#text = appendTomlTable(this.#text, tomlTableText(entry.path, entry.value as Record<string, unknown>));
    }
    this.#document = this.#parse();
    return created;
  }

  /**
   * Removes an entry (a key whatever its value, or the recorded item), then each of `prune` that is now empty
   * (innermost first). Returns false when the entry was not there (or cannot be removed from the text).
   */
  remove(entry: Pick<Entry, "kind" | "path"> & { readonly value?: unknown }, prune: readonly EntryPath[]): boolean {
    const deepestFirst = [...prune].sort((a, b) => b.length - a.length);
    let next: string | null;
    if (this.#format === "toml") {
      next = findTomlTable(this.#text, entry.path) ? removeTomlTable(this.#text, entry.path) : null;
    } else if (entry.kind === "key") {
      next = this.valueAt(entry.path) === undefined ? null : removeJsonProperty(this.#text, entry.path, deepestFirst);
    } else {
      next = removeJsonArrayItem(this.#text, entry.path, entry.value, deepestFirst);
    }
    if (next === null) return false;
    this.#text = next;
    this.#document = this.#parse();
    return true;
  }

  /** True when nothing is left: an empty document (`{}` or empty TOML) apart from whitespace and comments. */
  isEmpty(): boolean {
    const document = this.#document;
    return typeof document !== "object" || document === null || Object.keys(document).length === 0;
  }

  #parse(): unknown {
    if (this.#text.trim() === "") return {};
    return this.#format === "json" ? parseJsonDocument(this.#text) : parseTomlDocument(this.#text);
  }
}
