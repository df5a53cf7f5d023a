import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseConfig } from "../../src/config.js";

/** The ids a plan can point at, in creation order (sets) and set then position order (members). */
export interface LiveModel {
  readonly sets: readonly string[];
  readonly members: readonly { readonly id: string; readonly setId: string }[];
}

/** Everything a rejected request must leave alone: every table row of storage and every file of the watched folders. */
export interface Snapshot {
  /** Table name to its rows, as sorted JSON lines. */
  readonly tables: Readonly<Record<string, string>>;
  /** Path (under a watched folder) to a hash of its content, its link target, or `dir`. */
  readonly files: ReadonlyMap<string, string>;
  readonly model: LiveModel;
}

/** Takes {@link Snapshot}s of one server's storage and folders. */
export interface StateProbe {
  snapshot(): Promise<Snapshot>;
  close(): Promise<void>;
}

type Row = Record<string, unknown>;

/**
 * Opens a second connection to the server's database (read only for SQLite) and dumps every table in one go: for
 * PostgreSQL one round trip. Cheaper than the API dump of `test/dump.ts` (a GET per set) and stricter: it sees
 * every column (`updated_at`, positions, tags, deployments), not only what the API shows.
 */
export async function openStateProbe(database: DatabaseConfig, watched: readonly string[]): Promise<StateProbe> {
  const read = database.kind === "sqlite" ? sqliteReader(database.filename) : await postgresReader(database.url);
  return {
    async snapshot() {
      const rows = await read.dump();
      const tables: Record<string, string> = {};
      for (const [table, list] of Object.entries(rows)) tables[table] = list.map((row) => JSON.stringify(row)).sort().join("\n");
      return { tables, files: hashFolders(watched), model: liveModel(rows) };
    },
    close: read.close,
  };
}

/** The names of what differs between two snapshots (tables, then files), at most `limit` of them. */
export function snapshotDiff(before: Snapshot, after: Snapshot, limit = 6): string[] {
  const changed: string[] = [];
  for (const table of new Set([...Object.keys(before.tables), ...Object.keys(after.tables)])) {
    if (before.tables[table] !== after.tables[table]) changed.push(`table ${table}`);
  }
  for (const path of new Set([...before.files.keys(), ...after.files.keys()])) {
    const was = before.files.get(path);
    const now = after.files.get(path);
    if (was !== now) changed.push(`${was === undefined ? "new" : now === undefined ? "removed" : "changed"} ${path}`);
  }
  return changed.length > limit ? [...changed.slice(0, limit), `... ${changed.length - limit} more`] : changed;
}

interface Reader {
  dump(): Promise<Record<string, Row[]>>;
  close(): Promise<void>;
}

function sqliteReader(filename: string): Reader {
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
    (row) => row.name,
  );
  const statements = tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`)] as const);
  return {
    dump: async () => Object.fromEntries(statements.map(([table, statement]) => [table, statement.all() as Row[]])),
    close: async () => void db.close(),
  };
}

async function postgresReader(url: string): Promise<Reader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const columns = rows.map(({ table_name: t }) => `(SELECT coalesce(json_agg(r), '[]'::json) FROM "${t}" r) AS "${t}"`);
  const sql = `SELECT ${columns.join(", ")}`;
  return {
    dump: async () => (await client.query<Record<string, Row[]>>(sql)).rows[0]!,
    close: () => client.end(),
  };
}

function liveModel(rows: Record<string, Row[]>): LiveModel {
  const sets = [...(rows.deployment_sets ?? [])].sort((a, b) => Number(a.seq) - Number(b.seq)).map((row) => String(row.id));
  const order = new Map(sets.map((id, index) => [id, index]));
  const members = [...(rows.deployment_set_members ?? [])]
    .map((row) => ({ id: String(row.id), setId: String(row.set_id), position: Number(row.position) }))
    .sort((a, b) => order.get(a.setId)! - order.get(b.setId)! || a.position - b.position)
    .map(({ id, setId }) => ({ id, setId }));
  return { sets, members };
}

function hashFolders(folders: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string): void => {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isSymbolicLink()) files.set(path, `link ${readlinkSync(path)}`);
    else if (stat.isDirectory()) {
      files.set(path, `dir ${stat.mode.toString(8)}`);
      for (const name of readdirSync(path).sort()) walk(join(path, name));
    } else files.set(path, `${stat.mode.toString(8)} ${createHash("sha1").update(readFileSync(path)).digest("hex")}`);
  };
  for (const folder of folders) walk(folder);
  return files;
}
