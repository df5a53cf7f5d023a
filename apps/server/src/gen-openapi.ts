import { writeFileSync } from "node:fs";
import { DeploymentSets, MemoryCatalog, MemoryStore } from "@deployment-sets/core";
import { buildApp } from "./app.js";

// Writes the OpenAPI document the app generates from its zod schemas (the build's last step; CI diffs it).
const target = process.argv[2] ?? "openapi.json";
const app = await buildApp({
  service: new DeploymentSets({ store: new MemoryStore(), catalog: new MemoryCatalog() }),
  logLevel: "silent",
});
await app.ready();
writeFileSync(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
