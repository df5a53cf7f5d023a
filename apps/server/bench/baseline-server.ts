import { readFileSync } from "node:fs";
import Fastify from "fastify";

// The baseline of the HTTP benchmarks: a bare Fastify route with the same logger settings returning the same
// JSON bodies as the real server, so the ratio measures what our stack adds.
const bodies = JSON.parse(readFileSync(process.env.BENCH_BODIES!, "utf8")) as Record<string, unknown>;
const app = Fastify({ logger: { level: process.env.DS_LOG_LEVEL ?? "warn" } });
for (const [path, body] of Object.entries(bodies)) app.get(path, async () => body);
await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT) });
process.send?.("ready");
