import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, EXAMPLE_COLLECTION, type DatabaseConfig, type ServerConfig } from "@deployment-sets/server";
import pg from "pg";

/** The storage adapters a suite runs against: SQLite always, PostgreSQL too when `PG_URL` is set. */
export const ADAPTERS: readonly ("sqlite" | "postgres")[] = process.env.PG_URL ? ["sqlite", "postgres"] : ["sqlite"];

/** A token the server accepts, with its owner and scopes. */
export interface LiveToken {
  readonly token: string;
  readonly owner: string;
  readonly scopes: readonly ("read" | "write")[];
}

/** Options of {@link startLiveServer}. */
export interface LiveServerOptions {
  /** The storage adapter; `postgres` creates a database on `PG_URL`'s server and drops it on close. Default SQLite. */
  readonly adapter?: "sqlite" | "postgres";
  /** Bearer tokens: the server then runs with `DS_AUTH=token`. Default: no authentication. */
  readonly tokens?: readonly LiveToken[];
}

/** A started server. */
export interface LiveServer {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** An empty project folder inside the server's only allowed project root. */
  readonly project: string;
  /** The example collection the server serves. */
  readonly collection: string;
  /** Stops the server and removes its database and folders. */
  close(): Promise<void>;
}

/** Starts the server on a fresh database, listening on a free loopback port. */
export async function startLiveServer(options: LiveServerOptions = {}): Promise<LiveServer> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "ds-live-server-")));
  const project = join(dir, "project");
  mkdirSync(project);
  const database = await freshDatabase(options.adapter ?? "sqlite", dir);
  const config: ServerConfig = {
    host: "127.0.0.1",
    port: 0,
    database: database.config,
    collection: EXAMPLE_COLLECTION,
    projectRoots: [dir],
    auth: options.tokens ? { mode: "token", tokensFile: writeTokens(dir, options.tokens) } : { mode: "none" },
    logLevel: "silent",
    corsOrigins: [],
  };
  const server = await createServer(config);
  const baseUrl = await server.app.listen({ host: config.host, port: config.port });
  return {
    baseUrl,
    project,
    collection: EXAMPLE_COLLECTION,
    async close() {
      await server.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The tokens file of `tokens` (SHA-256 of each, as `DS_TOKENS_FILE` lists them), in `dir`. */
function writeTokens(dir: string, tokens: readonly LiveToken[]): string {
  const file = join(dir, "tokens.json");
  const sha256 = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
  writeFileSync(file, JSON.stringify({ tokens: tokens.map((t) => ({ sha256: sha256(t.token), owner: t.owner, scopes: t.scopes })) }));
  return file;
}

/** A database of its own for one test run, and how to drop it. */
export interface FreshDatabase {
  /** Where it is (for `DATABASE_URL`: the SQLite file's path, or the PostgreSQL URL). */
  readonly config: DatabaseConfig;
  /** Drops it (PostgreSQL; a SQLite file goes with its folder). */
  drop(): Promise<void>;
}

/** A fresh, empty database: a SQLite file in `dir`, or a new database on `PG_URL`'s server. */
export async function freshDatabase(adapter: "sqlite" | "postgres", dir: string): Promise<FreshDatabase> {
  if (adapter === "sqlite") return { config: { kind: "sqlite", filename: join(dir, "live.db") }, drop: async () => {} };
  const admin = process.env.PG_URL;
  if (!admin) throw new Error("PG_URL is required for the postgres adapter");
  const name = `ds_live_${randomBytes(6).toString("hex")}`;
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    config: { kind: "postgres", url: url.toString(), poolSize: 4, writeWaitMs: 20_000 },
    drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
