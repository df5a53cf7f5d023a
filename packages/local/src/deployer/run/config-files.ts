import { ConfigFile, type Entry, type EntryPath } from "./config-file.js";
import { readConfigText, removeConfigFile, writeConfigText } from "./config-io.js";
import type { ConfigFileRecord } from "../tracking/ledgers.js";

/**
 * The config files one run merges into or removes from, each read once, edited in memory and written once at
 * the end, with the record of what this deployer created in each (the file itself, the containers holding its
 * entries) so that taking the last entry out leaves the file as it was, or removes a file it created.
 */
export class ConfigFiles {
  readonly #realProject: string;
  readonly #files = new Map<string, ConfigFile>();
  readonly #originals = new Map<string, string | null>();
  readonly #records: Map<string, ConfigFileRecord>;
  readonly #initialRecords: string;

  /**
   * @param realProject - the project's real path
   * @param records - what this deployer created in each config file, as its tracking file keeps it
   */
  constructor(realProject: string, records: ReadonlyMap<string, ConfigFileRecord>) {
    this.#realProject = realProject;
    this.#records = new Map(records);
    this.#initialRecords = serialise(this.#records);
  }

  /**
   * The config file at `path` (relative to the project), read on first use.
   * @throws DestinationError when it is unsafe to read or write; the editor's error when it does not parse
   */
  get(path: string): ConfigFile {
    let file = this.#files.get(path);
    if (file) return file;
    const text = this.#originals.has(path) ? this.#originals.get(path)! : readConfigText(this.#realProject, path);
    this.#originals.set(path, text);
    file = new ConfigFile(path.endsWith(".toml") ? "toml" : "json", text);
    this.#files.set(path, file);
    return file;
  }

  /** The file's text as read before this run changed it (`null` when it did not exist). */
  original(path: string): string | null {
    return this.#originals.get(path) ?? null;
  }

  /** Writes an entry, remembering the file and containers it created. */
  insert(path: string, entry: Entry): void {
    const file = this.get(path);
    const created = file.insert(entry);
    const record = this.#records.get(path) ?? { created: !file.existed, containers: [] };
    const containers = new Set(record.containers);
    for (const container of created) containers.add(JSON.stringify(container));
    this.#records.set(path, { created: record.created, containers: [...containers] });
  }

  /** Removes an entry, and then the containers this deployer created that are left empty. */
  remove(path: string, entry: Pick<Entry, "kind" | "path"> & { readonly value?: unknown }): boolean {
    const file = this.get(path);
    const record = this.#records.get(path);
    const prune = (record?.containers ?? []).map((container) => JSON.parse(container) as EntryPath);
    const removed = file.remove(entry, prune);
    if (record) this.#records.set(path, { ...record, containers: record.containers.filter((c) => file.valueAt(JSON.parse(c) as string[]) !== undefined) });
    return removed;
  }

  /**
   * Writes every file whose text changed (atomically), and removes a file this deployer created once nothing is
   * left in it.
   * @returns the records of what this deployer created, for its tracking file; `null` when they did not change
   */
  flush(): Map<string, ConfigFileRecord> | null {
    for (const [path, file] of this.#files) {
      const record = this.#records.get(path);
      if (record?.created && file.isEmpty()) {
        if (this.#originals.get(path) !== null) removeConfigFile(this.#realProject, path);
        this.#records.delete(path);
      } else if (file.text !== (this.#originals.get(path) ?? "")) {
        writeConfigText(this.#realProject, path, file.text);
      }
    }
    // A file the user had, with no container of ours left in it, needs no record.
    for (const [path, record] of this.#records) if (!record.created && record.containers.length === 0) this.#records.delete(path);
    return serialise(this.#records) === this.#initialRecords ? null : this.#records;
  }
}

function serialise(records: ReadonlyMap<string, ConfigFileRecord>): string {
  return JSON.stringify([...records].sort(([a], [b]) => (a < b ? -1 : 1)));
}
