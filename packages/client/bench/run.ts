import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  freePort,
  median,
  progressFor,
  quantile,
  report,
  round,
  sampleAsync,
  writeCommandCollection,
} from "@deployment-sets/bench-fixtures";
import { createClient } from "../src/index.js";

// client.get_set: 2,000 sequential GETs of one set through the SDK against the same through bare `fetch`, on one
// server (the built app on SQLite, in its own process) in one run. The set is http.get_set's: twenty members.
// The two sides alternate in blocks, so a neighbour's burst on a shared machine skews a block of each side rather
// than one side.
const TOTAL = 2_000;
const MEMBERS = 20;
const BLOCK = 100;
const TARGET = 1.2;
const log = progressFor("client bench");

const main = fileURLToPath(new URL("../../../apps/server/dist/main.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "ds-client-bench-"));
writeCommandCollection(join(work, "collection"), MEMBERS);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = fork(main, [], {
  env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DATABASE_URL: join(work, "bench.db"), DS_COLLECTION: join(work, "collection"), DS_LOG_LEVEL: "warn" },
  stdio: ["ignore", "ignore", "inherit", "ipc"],
});
try {
  const client = createClient({ baseUrl: base, retry: 0 });
  await waitUntilUp(client);
  const set = await client.sets.create({ name: "Bench", tags: ["bench"] });
  const { items } = await client.artifacts.list({ limit: MEMBERS });
  for (const artifact of items) await client.sets.members.add(set.id, { artifact_uuid: artifact.uuid });
  const url = `${base}/api/v1/deployment-sets/${set.id}`;

  const viaSdk = () => client.sets.get(set.id);
  const viaFetch = async () => {
    const response = await fetch(url, { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    return response.json();
  };
  log("warming up");
  await sampleAsync(viaSdk, { warmup: 200, runs: 0 });
  await sampleAsync(viaFetch, { warmup: 200, runs: 0 });

  log(`${TOTAL} GETs per side in blocks of ${BLOCK}`);
  const sdk: number[] = [];
  const raw: number[] = [];
  for (let done = 0; done < TOTAL; done += BLOCK) {
    raw.push(...(await sampleAsync(viaFetch, { runs: BLOCK })).ms);
    sdk.push(...(await sampleAsync(viaSdk, { runs: BLOCK })).ms);
  }
  const ms = median(sdk);
  const baselineMs = median(raw);
  report({
    case: "client.get_set",
    ms: round(ms),
    baseline_ms: round(baselineMs),
    ratio: round(ms / baselineMs),
    p99_ms: round(quantile(sdk, 0.99)),
    baseline_p99_ms: round(quantile(raw, 0.99)),
    requests: TOTAL,
    members: items.length,
    target: `SDK median <= ${TARGET} x fetch median`,
    target_met: ms / baselineMs <= TARGET,
  });
} finally {
  server.kill();
  rmSync(work, { recursive: true, force: true });
}

async function waitUntilUp(client: ReturnType<typeof createClient>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      await client.health();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error("the server did not start");
}
