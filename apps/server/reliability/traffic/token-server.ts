import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXAMPLE_COLLECTION } from "../../src/config.js";
import { freshDatabase, sha256, type TestToken } from "../../test/harness.js";
import { startMain, type SpawnedServer } from "../../test/spawn-server.js";

/** A `node dist/main.js` process with `DS_AUTH=token` on a database of its own. */
export interface TokenServer {
  readonly main: SpawnedServer;
  /** Stops the process (once) and drops its PostgreSQL database. */
  stop(): Promise<void>;
}

/**
 * Starts the built server with `DS_AUTH=token` and `tokens` (their SHA-256 in `stateDir/tokens.json`), the example
 * collection, `roots` as `DS_PROJECT_ROOTS`, logging at `debug`, on a fresh SQLite file in `stateDir` or a fresh
 * PostgreSQL database.
 */
export async function startTokenServer(
  adapter: "sqlite" | "postgres",
  stateDir: string,
  tokens: readonly TestToken[],
  roots: readonly string[],
): Promise<TokenServer> {
  const database = await freshDatabase(adapter, stateDir);
  const tokensFile = join(stateDir, "tokens.json");
  writeFileSync(tokensFile, JSON.stringify({ tokens: tokens.map((t) => ({ sha256: sha256(t.token), owner: t.owner, scopes: t.scopes })) }));
  let main: SpawnedServer;
  try {
    main = await startMain({
      DATABASE_URL: database.config.kind === "sqlite" ? database.config.filename : database.config.url,
      DS_AUTH: "token",
      DS_TOKENS_FILE: tokensFile,
      DS_PROJECT_ROOTS: roots.join(":"),
      DS_COLLECTION: EXAMPLE_COLLECTION,
      DS_LOG_LEVEL: "debug",
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    main,
    stop: () => (stopped ??= main.stop().then(() => database.drop())),
  };
}
