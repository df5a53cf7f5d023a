import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseConfig } from "../../src/config.js";
import { freshDatabase, sha256 } from "../../test/harness.js";
import { startMain, type SpawnedServer } from "../../test/spawn-server.js";
import { TcpProxy } from "../../test/store-faults.js";

/** The adapters a part runs on. */
export type Adapter = "sqlite" | "postgres";

/** Options of {@link openBackend}. */
export interface BackendOptions {
  readonly adapter: Adapter;
  /** The collection folder every process serves. */
  readonly collection: string;
  /** The owners that get a read-write token (`token-<owner>`). */
  readonly owners: readonly string[];
  /** PostgreSQL only: the processes reach the database through a {@link TcpProxy} the part can shut. */
  readonly viaProxy?: boolean;
  /** `DS_DB_POOL_SIZE` of each process. @default the server's default */
  readonly poolSize?: number;
}

/**
 * One database, one collection, one tokens file and one folder of project roots, shared by any number of real
 * server processes (`node dist/main.js`), started and restarted at will.
 */
export interface Backend {
  readonly adapter: Adapter;
  /** The scratch folder (removed on close). */
  readonly dir: string;
  /** The only project root the processes accept (`DS_PROJECT_ROOTS`). */
  readonly projects: string;
  /** Where the data lives, as a direct connection sees it (never through the proxy). */
  readonly database: DatabaseConfig;
  /** Set when `viaProxy` was asked for. */
  readonly proxy: TcpProxy | undefined;
  /** The bearer token of `owner`. */
  tokenOf(owner: string): string;
  /**
   * One line per process that has exited (with its code or signal and the end of its stderr), for failure
   * messages: a part that did not stop a process expects none.
   */
  exits(): string[];
  /** Starts one more process on this backend, with `env` added to (or overriding) the backend's settings. */
  start(env?: Record<string, string>): Promise<SpawnedServer>;
  /** Stops every process still running, drops the database, removes the folder. */
  close(): Promise<void>;
}

/** Creates a fresh database of `options.adapter` and what the processes need around it. */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "ds-rel-proc-")));
  const projects = join(dir, "projects");
  const home = join(dir, "home");
  mkdirSync(projects);
  mkdirSync(home);
  const database = await freshDatabase(options.adapter, dir);
  let proxy: TcpProxy | undefined;
  let url = database.config.kind === "sqlite" ? database.config.filename : database.config.url;
  if (options.viaProxy && database.config.kind === "postgres") {
    const direct = new URL(database.config.url);
    proxy = new TcpProxy(direct.hostname, Number(direct.port || 5432));
    await proxy.open();
    const viaProxy = new URL(direct);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    url = viaProxy.toString();
  }
  const tokenOf = (owner: string) => `token-${owner}`;
  const tokensFile = join(dir, "tokens.json");
  const tokens = options.owners.map((owner) => ({ sha256: sha256(tokenOf(owner)), owner, scopes: ["read", "write"] }));
  writeFileSync(tokensFile, JSON.stringify({ tokens }));
  const env: Record<string, string> = {
    HOME: home,
    DATABASE_URL: url,
    DS_COLLECTION: options.collection,
    DS_AUTH: "token",
    DS_TOKENS_FILE: tokensFile,
    DS_PROJECT_ROOTS: projects,
    DS_LOG_LEVEL: "error",
    ...(options.poolSize === undefined ? {} : { DS_DB_POOL_SIZE: String(options.poolSize) }),
  };
  const started: SpawnedServer[] = [];
  return {
    adapter: options.adapter,
    dir,
    projects,
    database: database.config,
    proxy,
    tokenOf,
    exits() {
      return started
        .filter((server) => server.child.exitCode !== null || server.child.signalCode !== null)
        .map((server) => `${server.url} exited (${server.child.exitCode ?? server.child.signalCode}): ${server.stderr().slice(-1_000)}`);
    },
    async start(more = {}) {
      const server = await startMain({ ...env, ...more });
      started.push(server);
      return server;
    },
    async close() {
      await Promise.all(started.map((server) => server.stop("SIGTERM", 3_000)));
      await proxy?.shut();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
