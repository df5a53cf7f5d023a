/**
 * The SQLite adapter's benchmarks, run by `pnpm bench` (`node --expose-gc --import tsx bench/run.ts`). Each case
 * prints exactly one `BENCH {json}` line on stdout; progress goes to stderr. A missed target is reported
 * (`target_met: false`), not fatal; a wrong result exits non-zero.
 *
 * It works on a throwaway database file in the system's temporary folder, removed at the end, and measures the
 * source (`../src`, through tsx), so a run never depends on a stale `dist`.
 */
import { largeRandomDag, randomEdges } from "@deployment-sets/bench-fixtures";
import { DeploymentSets, MemoryCatalog, resolveSet, type CatalogView } from "@deployment-sets/core";
import Database from "better-sqlite3";
import { SqliteStore } from "../src/index.js";
import { bulkLoad } from "../test/support/bulk-load.js";
import { tempDatabase } from "../test/temp-database.js";
import { createLevelByLevelLoader } from "./level-by-level.js";
import { collectGarbage, median, progress, quantile, report, round, timed } from "./measure.js";

const DAG_SEED = 1;
const EDGES_SEED = 7;
const WARMUP_RUNS = 2;
const RUNS = 9;
const ADDS = 200;
const ADD_WARMUP = 20;
const RESOLVE_TARGET_MS = 300;
const ADD_TARGET_MS = 10;
const OWNER = "bench-owner";

const started = performance.now();
const file = tempDatabase("store-sqlite-bench-");
const store = new SqliteStore({ filename: file.filename });
let baselineDb: Database.Database | undefined;
try {
  await store.init();
  progress("building and loading the 10,000-set / 100,000-member random DAG");
  const dag = largeRandomDag(DAG_SEED);
  const loaded = await timed(() => bulkLoad(file.filename, OWNER, dag.sets));
  progress(`loaded in ${loaded.ms.toFixed(0)} ms`);
  const view: CatalogView = {
    artifacts: new Map(dag.artifacts.map((a) => [a.uuid, a])),
    groups: new Map(dag.groups.map((g) => [g.id, g])),
  };

  // store.resolve.large: loadGraph (one statement: a recursive CTE and JSON documents) + resolveSet, against the
  // level-by-level baseline on a second connection to the same file.
  baselineDb = new Database(file.filename, { readonly: true });
  const loadLevelByLevel = createLevelByLevelLoader(baselineDb);
  const ours = async () => resolveSet((await store.loadGraph(OWNER, [dag.rootId])).sets, view, dag.rootId);
  const baseline = async () => resolveSet(loadLevelByLevel(OWNER, dag.rootId).sets, view, dag.rootId);
  const oursMs = await measure("store.resolve.large", ours);
  const baselineMs = await measure("store.resolve.large baseline (one query per level)", baseline);
  const loadOnly = await measure("store.resolve.large loadGraph alone", () => store.loadGraph(OWNER, [dag.rootId]));
  const resolution = await ours();
  const reference = await baseline();
  if (JSON.stringify(resolution) !== JSON.stringify(reference)) throw new Error("the store and the baseline resolve differently");
  if (resolution.depth !== 20) throw new Error(`expected depth 20, got ${resolution.depth}`);
  const ms = median(oursMs.times);
  const baselineMedian = median(baselineMs.times);
  report({
    case: "store.resolve.large",
    adapter: "sqlite",
    ms: round(ms),
    baseline_ms: round(baselineMedian),
    ratio: Math.round((baselineMedian / ms) * 100) / 100,
    target: `median < ${RESOLVE_TARGET_MS} ms (loadGraph + resolveSet)`,
    target_met: ms < RESOLVE_TARGET_MS,
    load_graph_ms: round(median(loadOnly.times)),
    baseline_cpu_ms: round(median(baselineMs.cpu)),
    p90_ms: round(quantile(oursMs.times, 0.9)),
    min_ms: round(Math.min(...oursMs.times)),
    runs: RUNS,
    sets: dag.sets.length,
    members: dag.sets.reduce((n, s) => n + s.members.length, 0),
    artifacts: resolution.artifacts.length,
    depth: resolution.depth,
    cpu_ms: round(median(oursMs.cpu)),
    queries: 1,
    baseline_queries: resolution.depth,
  });

  // store.add_member: the service's addMember of a nested set (context with the reachable graph, core's cycle
  // check and the insert, in one `begin immediate` transaction).
  const sets = new DeploymentSets({ store, catalog: new MemoryCatalog({ artifacts: dag.artifacts, groups: dag.groups }) });
  const edges = randomEdges(dag, ADDS + ADD_WARMUP, EDGES_SEED);
  progress(`store.add_member: ${ADDS} nested-set adds (after ${ADD_WARMUP} warm-up adds)`);
  const outcomes = new Map<string, number>();
  const times: number[] = [];
  for (const [index, { from, to }] of edges.entries()) {
    const { value, ms } = await timed(() =>
      sets.addMember(OWNER, from, { ref: { type: "set", id: to } }).then(
        () => "added",
        (error: { code?: string }) => error.code ?? "error",
      ),
    );
    if (index < ADD_WARMUP) continue;
    times.push(ms);
    outcomes.set(value, (outcomes.get(value) ?? 0) + 1);
  }
  if ([...outcomes.keys()].some((k) => !["added", "cycle_detected", "duplicate_member"].includes(k))) {
    throw new Error(`unexpected add outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
  }
  // The worst case: the root as a member of a deepest set, a check that walks the whole graph (a cycle).
  const deepest = dag.sets.at(-1)!.id;
  const worst = await timed(() => sets.addMember(OWNER, deepest, { ref: { type: "set", id: dag.rootId } }).catch((e: { code?: string }) => e.code));
  if (worst.value !== "cycle_detected") throw new Error(`the worst-case add should be a cycle, got ${String(worst.value)}`);
  const addMs = median(times);
  report({
    case: "store.add_member",
    adapter: "sqlite",
    ms: round(addMs),
    target: `median < ${ADD_TARGET_MS} ms per nested-set add with cycle check`,
    target_met: addMs < ADD_TARGET_MS,
    p90_ms: round(quantile(times, 0.9)),
    max_ms: round(Math.max(...times)),
    whole_graph_check_ms: round(worst.ms),
    adds: times.length,
    outcomes: Object.fromEntries(outcomes),
  });
} finally {
  baselineDb?.close();
  await store.close();
  file.remove();
  progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Warm-up runs, then timed runs each after a full GC. Besides wall time it records the process's CPU time per
 * run, which moves less than wall time on a shared machine (it includes V8's parallel GC threads).
 */
async function measure(label: string, run: () => Promise<unknown>): Promise<{ times: number[]; cpu: number[] }> {
  progress(`${label}: ${WARMUP_RUNS} warm-up + ${RUNS} runs`);
  for (let i = 0; i < WARMUP_RUNS; i++) await run();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    collectGarbage();
    const before = process.cpuUsage();
    times.push((await timed(run)).ms);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  progress(`${label}: median ${median(times).toFixed(1)} ms (cpu ${median(cpu).toFixed(1)} ms)`);
  return { times, cpu };
}
