import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, EXAMPLE_COLLECTION, type DatabaseConfig } from "@deployment-sets/server";
import pg from "pg";

/** The storage adapters the client's end-to-end suite runs against: SQLite always, PostgreSQL when `PG_URL` is set. */
export const ADAPTERS: readonly ("sqlite" | "postgres")[] = process.env.PG_URL ? ["sqlite", "postgres"] : ["sqlite"];
if (!process.env.PG_URL) console.warn("[client tests] PG_URL is not set: the end-to-end suite runs on SQLite only");

/** A token the server accepts, with its owner and scopes. */
export interface LiveToken {
  readonly token: string;
  readonly owner: string;
  readonly scopes: readonly ("read" | "write")[];
}

/** The real server (real store, example collection, filesystem deployer) listening on a loopback port. */
export interface LiveServer {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** A project folder inside the server's allowed roots. */
  readonly project: string;
  close(): Promise<void>;
}

/** Starts the server on a fresh database of `adapter`, optionally with bearer tokens. */
export async function startLiveServer(options: { adapter?: "sqlite" | "postgres"; tokens?: readonly LiveToken[] } = {}): Promise<LiveServer> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "ds-client-test-")));
  const project = join(dir, "project");
  mkdirSync(project);
  const database = await freshDatabase(options.adapter ?? "sqlite", dir);
  let auth: { mode: "none" } | { mode: "token"; tokensFile: string } = { mode: "none" };
  if (options.tokens) {
    const tokensFile = join(dir, "tokens.json");
    const sha256 = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
    writeFileSync(tokensFile, JSON.stringify({ tokens: options.tokens.map((t) => ({ sha256: sha256(t.token), owner: t.owner, scopes: t.scopes })) }));
    auth = { mode: "token", tokensFile };
  }
  const server = await createServer({
    host: "127.0.0.1",
    port: 0,
    database: database.config,
    collection: EXAMPLE_COLLECTION,
    projectRoots: [dir],
    auth,
    logLevel: "silent",
    corsOrigins: [],
  });
  const baseUrl = await server.app.listen({ host: "127.0.0.1", port: 0 });
  return {
    baseUrl,
    project,
    async close() {
      await server.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freshDatabase(adapter: "sqlite" | "postgres", dir: string): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  if (adapter === "sqlite") return { config: { kind: "sqlite", filename: join(dir, "client-test.db") }, drop: async () => {} };
  const admin = process.env.PG_URL;
  if (!admin) throw new Error("PG_URL is required for the postgres adapter");
  const name = `ds_client_${randomBytes(6).toString("hex")}`;
  await withClient(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    config: { kind: "postgres", url: url.toString(), poolSize: 4 },
    drop: () => withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
