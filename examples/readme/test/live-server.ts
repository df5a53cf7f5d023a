import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, EXAMPLE_COLLECTION } from "@deployment-sets/server";

/** The real server on a fresh SQLite file with the example collection, listening on a loopback port. */
export interface LiveServer {
  readonly baseUrl: string;
  /** A project folder inside the server's only allowed root. */
  readonly project: string;
  close(): Promise<void>;
}

export { EXAMPLE_COLLECTION };

export async function startLiveServer(): Promise<LiveServer> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "ds-readme-")));
  const project = join(dir, "project");
  mkdirSync(project);
  const server = await createServer({
    host: "127.0.0.1",
    port: 0,
    database: { kind: "sqlite", filename: join(dir, "readme.db") },
    collection: EXAMPLE_COLLECTION,
    projectRoots: [dir],
    auth: { mode: "none" },
    logLevel: "silent",
    corsOrigins: [],
  });
  const baseUrl = await server.app.listen({ host: "127.0.0.1", port: 0 });
  return {
    baseUrl,
    project,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
