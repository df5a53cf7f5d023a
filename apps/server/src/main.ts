#!/usr/bin/env node
import { ConfigError, loadConfig } from "./config.js";
import { createServer } from "./server.js";
import { describeDatabase } from "./store.js";

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`deployment-sets: invalid configuration: ${error.message}`);
  process.exit(1);
}

const server = await createServer(config);
const address = await server.app.listen({ host: config.host, port: config.port });
const base = address.replace("://[::1]", "://localhost");
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
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
