import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { EXAMPLE_COLLECTION, type DatabaseConfig, type ServerConfig } from "../src/config.js";
import { createServer } from "../src/server.js";

/** The adapters the HTTP suites run against: SQLite always, PostgreSQL when `PG_URL` is set. */
export const ADAPTERS: readonly ("sqlite" | "postgres")[] = process.env.PG_URL ? ["sqlite", "postgres"] : ["sqlite"];
if (!process.env.PG_URL && process.env.DS_PG_NOTICE !== "shown") console.warn("[server tests] PG_URL is not set: the HTTP suites run on SQLite only");

/** A token of a test server with `DS_AUTH=token`. */
export interface TestToken {
  readonly token: string;
  readonly owner: string;
  readonly scopes: readonly ("read" | "write")[];
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  readonly adapter?: "sqlite" | "postgres";
  readonly tokens?: readonly TestToken[];
  readonly projectRoots?: readonly string[];
  readonly collection?: string;
}

/** A real server (real store, real example collection, real deployer) driven with `inject`. */
export interface TestServer {
  readonly app: FastifyInstance;
  /** A scratch folder, removed on close; the default project root. */
  readonly dir: string;
  /** `inject` with JSON bodies and an optional bearer token. */
  request(method: InjectOptions["method"], url: string, body?: unknown, token?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A {@link TestServer} that says where its data lives, for suites that read storage directly. */
export type TestServerWithDatabase = TestServer & { readonly database: DatabaseConfig };

/** Starts a server on a fresh database of `options.adapter` (default SQLite) with the example collection. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServerWithDatabase> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "ds-server-test-")));
  const database = await freshDatabase(options.adapter ?? "sqlite", dir);
  let tokensFile: string | undefined;
  if (options.tokens) {
    tokensFile = join(dir, "tokens.json");
    const tokens = options.tokens.map((t) => ({ sha256: sha256(t.token), owner: t.owner, scopes: t.scopes }));
    writeFileSync(tokensFile, JSON.stringify({ tokens }));
  }
  const config: ServerConfig = {
    host: "127.0.0.1",
    port: 0,
    database: database.config,
    collection: options.collection ?? EXAMPLE_COLLECTION,
    projectRoots: options.projectRoots ?? [dir],
    auth: tokensFile ? { mode: "token", tokensFile } : { mode: "none" },
    logLevel: "silent",
    corsOrigins: ["http://localhost:5173"],
  };
  const server = await createServer(config);
  return {
    app: server.app,
    dir,
    database: database.config,
    request: requester(server.app),
    async close() {
      await server.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `inject` with a JSON body and an optional bearer token: {@link TestServer.request}. */
export function requester(app: FastifyInstance): TestServer["request"] {
  return (method, url, body, token) =>
    app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: body as string | object }),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
}

/** The lowercase hex SHA-256 of a token, as `DS_TOKENS_FILE` lists it. */
export function sha256(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * A database of its own for one test server: a SQLite file in `dir`, or a new PostgreSQL database on `PG_URL`
 * (dropped by `drop`).
 */
export async function freshDatabase(adapter: "sqlite" | "postgres", dir: string): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  if (adapter === "sqlite") return { config: { kind: "sqlite", filename: join(dir, "test.db") }, drop: async () => {} };
  const admin = process.env.PG_URL;
  if (!admin) throw new Error("PG_URL is required for the postgres adapter");
  const name = `ds_http_${randomBytes(6).toString("hex")}`;
  await withClient(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    config: { kind: "postgres", url: url.toString(), poolSize: 4, writeWaitMs: 20_000 },
    drop: () => withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** Runs `use` with a fresh PostgreSQL client on `url`, closed afterwards. */
export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
