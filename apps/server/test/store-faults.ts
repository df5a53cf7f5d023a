import { randomBytes } from "node:crypto";
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLE_COLLECTION, type ServerConfig } from "../src/config.js";
import { createServer } from "../src/server.js";
import { requester, sha256, startTestServer, withClient, type TestServer, type TestToken } from "./harness.js";

/**
 * A real server whose storage the test can really break from the outside:
 * - `breakSchema()` renames the sets table under the running server (a second connection does it), so every
 *   statement fails with the driver's "no such table" / "relation does not exist": an internal error.
 * - `cutStorage()` makes the database unreachable: for PostgreSQL the server talks through a TCP proxy that is
 *   shut (every connection reset, new ones refused); for SQLite another connection holds the write lock, so
 *   writes time out (busy) after the store's busy timeout.
 */
export interface FaultyServer extends TestServer {
  breakSchema(): Promise<void>;
  repairSchema(): Promise<void>;
  cutStorage(): Promise<void>;
  restoreStorage(): Promise<void>;
}

const SETS = "deployment_sets";
const BROKEN = "deployment_sets_broken_by_test";

/** Starts a {@link FaultyServer} on a fresh database of `adapter`. */
export async function startFaultyServer(adapter: "sqlite" | "postgres", tokens: readonly TestToken[]): Promise<FaultyServer> {
  return adapter === "sqlite" ? faultySqlite(tokens) : faultyPostgres(tokens);
}

interface SqliteHandle {
  exec(sql: string): unknown;
  pragma(sql: string): unknown;
  close(): unknown;
}

/** better-sqlite3 is the SQLite adapter's dependency, not the server's: load the adapter's own copy. */
function openSqlite(file: string): SqliteHandle {
  const require = createRequire(import.meta.url);
  const adapterEntry = require.resolve("@deployment-sets/store-sqlite");
  const BetterSqlite3 = createRequire(adapterEntry)("better-sqlite3") as new (file: string) => SqliteHandle;
  return new BetterSqlite3(file);
}

async function faultySqlite(tokens: readonly TestToken[]): Promise<FaultyServer> {
  const server = await startTestServer({ adapter: "sqlite", tokens });
  const other = openSqlite(join(server.dir, "test.db"));
  other.pragma("busy_timeout = 10000");
  let locked = false;
  return {
    ...server,
    async breakSchema() {
      other.exec(`ALTER TABLE ${SETS} RENAME TO ${BROKEN}`);
    },
    async repairSchema() {
      other.exec(`ALTER TABLE ${BROKEN} RENAME TO ${SETS}`);
    },
    async cutStorage() {
      other.exec("BEGIN EXCLUSIVE");
      locked = true;
    },
    async restoreStorage() {
      other.exec("ROLLBACK");
      locked = false;
    },
    async close() {
      if (locked) other.exec("ROLLBACK");
      other.close();
      await server.close();
    },
  };
}

/** A TCP proxy in front of PostgreSQL that can be shut and reopened on the same port. */
class Proxy {
  #server: net.Server | undefined;
  readonly #sockets = new Set<net.Socket>();
  port = 0;
  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    if (this.#server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on("close", () => this.#sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.#server = server;
  }

  async shut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.resetAndDestroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

/** The proxy, for suites that put it between a spawned server process and PostgreSQL. */
export { Proxy as TcpProxy };

async function faultyPostgres(tokens: readonly TestToken[]): Promise<FaultyServer> {
  const admin = process.env.PG_URL;
  if (!admin) throw new Error("PG_URL is required for the postgres adapter");
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "ds-server-fault-")));
  const name = `ds_fault_${randomBytes(6).toString("hex")}`;
  await withClient(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  const direct = new URL(admin);
  direct.pathname = `/${name}`;
  const proxy = new Proxy(direct.hostname, Number(direct.port || 5432));
  await proxy.open();
  const viaProxy = new URL(direct);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  const tokensFile = join(dir, "tokens.json");
  writeFileSync(tokensFile, JSON.stringify({ tokens: tokens.map((t) => ({ sha256: sha256(t.token), owner: t.owner, scopes: t.scopes })) }));
  const config: ServerConfig = {
    host: "127.0.0.1",
    port: 0,
    database: { kind: "postgres", url: viaProxy.toString(), poolSize: 4, writeWaitMs: 20_000 },
    collection: EXAMPLE_COLLECTION,
    projectRoots: [dir],
    auth: { mode: "token", tokensFile },
    logLevel: "silent",
    corsOrigins: [],
  };
  const server = await createServer(config);
  const sql = (text: string) => withClient(direct.toString(), (client) => client.query(text)).then(() => {});
  return {
    app: server.app,
    dir,
    request: requester(server.app),
    breakSchema: () => sql(`ALTER TABLE ${SETS} RENAME TO ${BROKEN}`),
    repairSchema: () => sql(`ALTER TABLE ${BROKEN} RENAME TO ${SETS}`),
    cutStorage: () => proxy.shut(),
    restoreStorage: () => proxy.open(),
    async close() {
      await proxy.open();
      await server.close();
      await proxy.shut();
      await withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
