import { progressFor } from "../harness/progress.js";
import { report } from "../harness/report.js";
import { timedAsync } from "../harness/timed.js";
import { largeRandomDag } from "../random-dag.js";
import type { StoreBenchAdapter } from "./store-bench-adapter.js";
import { storeAddMember } from "./store-add-member.js";
import { storeResolveLarge } from "./store-resolve-large.js";

const DAG_SEED = 1;
const OWNER = "bench-owner";

/**
 * Runs the store cases on one adapter: builds the 10,000-set / 100,000-member random DAG, has the adapter open a
 * store and load it, then prints one `BENCH` line each for `store.resolve.large` and `store.add_member` (in that
 * order: the adds change the graph). A missed target is reported, not fatal; a wrong result throws.
 *
 * @example
 * ```ts
 * try {
 *   await runStoreBench({ name: "sqlite", targets: { resolveMs: 300, addMemberMs: 10 }, resolveSet, open, ... });
 * } finally {
 *   await store.close();
 * }
 * ```
 */
export async function runStoreBench(adapter: StoreBenchAdapter): Promise<void> {
  const progress = progressFor(`bench store-${adapter.name}`);
  const started = performance.now();
  progress("building and loading the 10,000-set / 100,000-member random DAG");
  const fixture = largeRandomDag(DAG_SEED);
  const opened = await timedAsync(() => adapter.open(fixture, OWNER));
  progress(`opened and loaded in ${opened.ms.toFixed(0)} ms`);
  const context = { adapter, opened: opened.value, fixture, owner: OWNER, progress };
  report(await storeResolveLarge(context));
  report(await storeAddMember(context));
  progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
