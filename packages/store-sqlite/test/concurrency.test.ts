import { Worker } from "node:worker_threads";
import { DeploymentSets, MemoryCatalog } from "@deployment-sets/core";
import { SqliteStore } from "@deployment-sets/store-sqlite";
import { checkStoreInvariants } from "@deployment-sets/store-testkit";
import { afterEach, describe, expect, it } from "vitest";
import type { ReciprocalWorkerData } from "./fixtures/reciprocal-worker.js";
import { tempDatabase, type TempDatabase } from "./temp-database.js";

const PAIRS = 200;
const OWNER = "racer";

let file: TempDatabase | undefined;
afterEach(() => file?.remove());

function runWorker(data: ReciprocalWorkerData): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./fixtures/ts-worker.mjs", import.meta.url), {
      workerData: { ...data, script: new URL("./fixtures/reciprocal-worker.ts", import.meta.url).href },
    });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
}

describe("two connections to one file, in two threads", () => {
  it(`of ${PAIRS} racing reciprocal adds A -> B / B -> A, exactly one per pair succeeds, the other is cycle_detected`, async () => {
    file = tempDatabase();
    const store = new SqliteStore({ filename: file.filename });
    const service = new DeploymentSets({ store, catalog: new MemoryCatalog() });
    const pairs: [string, string][] = [];
    for (let i = 0; i < PAIRS; i++) {
      const a = await service.createSet(OWNER, { name: `A${i}` });
      const b = await service.createSet(OWNER, { name: `B${i}` });
      pairs.push([a.id, b.id]);
    }
    const barrier = new SharedArrayBuffer(4 * PAIRS);
    const [left, right] = await Promise.all([
      runWorker({ filename: file.filename, owner: OWNER, pairs, side: 0, barrier }),
      runWorker({ filename: file.filename, owner: OWNER, pairs, side: 1, barrier }),
    ]);

    const unexpected = [...left, ...right].filter((outcome) => outcome !== "ok" && outcome !== "cycle_detected");
    expect(unexpected, "outcomes other than ok / cycle_detected").toEqual([]);
    for (let i = 0; i < PAIRS; i++) {
      expect([left[i], right[i]].sort(), `pair ${i}`).toEqual(["cycle_detected", "ok"]);
    }
    // A full scan (every set of the owner) finds no cycle, dense positions and no duplicate.
    await checkStoreInvariants(store, OWNER);
    const graph = await store.loadGraph(OWNER, pairs.flat());
    expect([...graph.sets.values()].reduce((n, node) => n + node.members.length, 0)).toBe(PAIRS);
    await store.close();
  }, 120_000);
});
