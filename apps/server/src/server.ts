import { DeploymentSets, type Logger } from "@deployment-sets/core";
import { CollectionCatalog, FilesystemDeployer } from "@deployment-sets/local";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { ConfigError, type ServerConfig } from "./config.js";
import { TokenRegistry } from "./http/token-registry.js";
import { describeDatabase, openStore } from "@deployment-sets/settings";

/** A wired server: the Fastify app plus what must be closed with it. */
export interface Server {
  readonly app: FastifyInstance;
  /** Stops accepting requests, finishes in-flight ones, then closes the catalog and the store. */
  close(): Promise<void>;
}

/**
 * Wires core, the store `DATABASE_URL` picks, the collection catalog and the filesystem deployer into the app.
 * Migrations run here.
 */
export async function createServer(config: ServerConfig): Promise<Server> {
  // The service, the catalog and the deployer log through the app's pino logger, which exists only once the app is
  // built: what they say before that (the collection's warnings at start) is kept and logged then.
  const late: { app?: FastifyInstance } = {};
  const early: ["warn" | "info" | "error", object, string][] = [];
  const log = (level: "warn" | "info" | "error") => (data: object, message: string) =>
    late.app ? late.app.log[level](data, message) : early.push([level, data, message]);
  const logger: Logger & { error(data: object, message: string): void } = { warn: log("warn"), info: log("info"), error: log("error") };
  const tokens =
    config.auth.mode === "token" ? new TokenRegistry(config.auth.tokensFile, (message) => late.app?.log.error(message)) : undefined;
  const store = await openStore(config.database).catch((error: unknown) => {
    throw new ConfigError(`DATABASE_URL: cannot open ${describeDatabase(config.database)}: ${reason(error)}`);
  });
  const catalog = await CollectionCatalog.open({ root: config.collection, logger });
  const deployer = new FilesystemDeployer({ collectionRoot: catalog.root, allowedRoots: config.projectRoots, catalog, logger });
  const service = new DeploymentSets({ store, catalog, deployer, logger });

  const app = await buildApp({
    service,
    ...(tokens ? { tokens } : {}),
    corsOrigins: config.corsOrigins,
    logLevel: config.logLevel,
    readiness: async () => {
      try {
        await store.listSets("readyz", { limit: 1, offset: 0 });
      } catch {
        return "storage is unavailable";
      }
      const status = await catalog.status();
      if (!status.ok) return `collection.toml does not parse: ${status.error}`;
      const tokenStatus = tokens?.status();
      if (tokenStatus && !tokenStatus.ok) return `tokens file: ${tokenStatus.error}`;
      return null;
    },
  });
  late.app = app;
  for (const [level, data, message] of early.splice(0)) app.log[level](data, message);
  return {
    app,
    async close() {
      await app.close();
      catalog.close();
      await store.close();
    },
  };
}

/** The innermost message of an error chain (driver errors sit in `cause`). */
function reason(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
