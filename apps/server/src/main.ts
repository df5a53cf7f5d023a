#!/usr/bin/env node
import { ConfigError, loadConfig, type ServerConfig } from "./config.js";
import { createServer, type Server } from "./server.js";
import { describeDatabase } from "@deployment-sets/settings";

/** How long a shutdown waits for in-flight requests before cutting the remaining connections. */
const SHUTDOWN_GRACE_MS = 10_000;

let config: ServerConfig;
let server: Server;
try {
  config = loadConfig();
  server = await createServer(config);
} catch (error) {
  fail(error);
}

let base: string;
try {
  base = (await server.app.listen({ host: config.host, port: config.port })).replace("://[::1]", "://localhost");
} catch (error) {
  await server.close().catch(() => {});
  const message = (error as Error).message;
  const variable = /EADDRINUSE|EACCES/.test(message) ? "PORT" : "HOST";
  fail(new ConfigError(`${variable}: cannot listen on ${config.host}:${config.port}: ${message}`));
}
console.log(`Deployment Sets API listening on ${base}`);
console.log(`  database:   ${describeDatabase(config.database)}`);
console.log(`  collection: ${config.collection}`);
console.log(`  docs:       ${base}/docs`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, "shutting down");
    const deadline = setTimeout(() => server.app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    deadline.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`deployment-sets: shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  });
}

/** Prints one line (naming the variable for configuration errors) and exits non-zero. */
function fail(error: unknown): never {
  if (error instanceof ConfigError) console.error(`deployment-sets: invalid configuration: ${error.message}`);
  else console.error(`deployment-sets: cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
