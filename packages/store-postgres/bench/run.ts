/**
 * The PostgreSQL adapter's benchmarks, run by `pnpm bench` (`node --expose-gc --import tsx bench/run.ts`).
 * Each case prints exactly one `BENCH {json}` line on stdout; progress goes to stderr. A missed target is
 * reported (`target_met: false`), not fatal. Without PG_URL it says so on stderr and exits 0.
 *
 * It works in a throwaway database (`ds_bench_<random>`), dropped at the end, and measures the source
 * (`../src`, through tsx), so a run never depends on a stale `dist`.
 */
import { largeRandomDag, randomEdges } from "@deployment-sets/bench-fixtures";
import { DeploymentSets, MemoryCatalog, resolveSet, type CatalogView } from "@deployment-sets/core";
import pg from "pg";
import { PostgresStore } from "../src/index.js";
import { bulkLoad } from "../test/support/bulk-load.js";
import { createDatabase, dropDatabase, randomName } from "../test/support/databases.js";
import { loadLevelByLevel } from "./level-by-level.js";
import { collectGarbage, median, progress, quantile, report, round, timed } from "./measure.js";

const DAG_SEED = 1;
const EDGES_SEED = 7;
const WARMUP_RUNS = 2;
const RUNS = 9;
const ADDS = 200;
const RESOLVE_TARGET_MS = 500;
const ADD_TARGET_MS = 20;
const OWNER = "bench-owner";

const adminUrl = process.env.PG_URL;
if (!adminUrl) {
  process.stderr.write("[bench store-postgres] PG_URL is not set: skipping the PostgreSQL benchmarks\n");
  process.exit(0);
}

const started = performance.now();
const database = randomName("ds_bench");
const url = await createDatabase(adminUrl, database);
const store = new PostgresStore({ connectionString: url });
const baselinePool = new pg.Pool({ connectionString: url, max: 2 });
try {
  await store.init();
  progress("building and loading the 10,000-set / 100,000-member random DAG");
  const dag = largeRandomDag(DAG_SEED);
  const loaded = await timed(() => bulkLoad(url, "public", OWNER, dag.sets));
  progress(`loaded in ${loaded.ms.toFixed(0)} ms`);
  const view: CatalogView = {
    artifacts: new Map(dag.artifacts.map((a) => [a.uuid, a])),
    groups: new Map(dag.groups.map((g) => [g.id, g])),
  };

  // store.resolve.large: loadGraph (recursive CTE) + resolveSet, against the level-by-level baseline.
  const split = { load: [] as number[], resolve: [] as number[], cpu: [] as number[] };
  const ours = async () => {
    const cpu = process.cpuUsage();
    const loaded = await timed(() => store.loadGraph(OWNER, [dag.rootId]));
    const resolved = await timed(async () => resolveSet(loaded.value.sets, view, dag.rootId));
    const used = process.cpuUsage(cpu);
    split.load.push(loaded.ms);
    split.resolve.push(resolved.ms);
    split.cpu.push((used.user + used.system) / 1000);
    return resolved.value;
  };
  let baselineQueries = 0;
  const baseline = async () => {
    const { graph, queries } = await loadLevelByLevel(baselinePool, OWNER, dag.rootId);
    baselineQueries = queries;
    return resolveSet(graph.sets, view, dag.rootId);
  };
  const oursMs = await measure("store.resolve.large", ours);
  const baselineMs = await measure("store.resolve.large baseline (one query per level)", baseline);
  const resolution = await ours();
  const reference = await baseline();
  if (JSON.stringify(resolution) !== JSON.stringify(reference)) throw new Error("the store and the baseline resolve differently");
  const ms = median(oursMs.times);
  const baselineMedian = median(baselineMs.times);
  report({
    case: "store.resolve.large",
    adapter: "postgres",
    ms: round(ms),
    baseline_ms: round(baselineMedian),
    ratio: Math.round((baselineMedian / ms) * 100) / 100,
    target: `median < ${RESOLVE_TARGET_MS} ms (loadGraph + resolveSet)`,
    target_met: ms < RESOLVE_TARGET_MS,
    p90_ms: round(quantile(oursMs.times, 0.9)),
    min_ms: round(Math.min(...oursMs.times)),
    load_graph_ms: round(median(split.load.slice(WARMUP_RUNS, WARMUP_RUNS + RUNS))),
    resolve_set_ms: round(median(split.resolve.slice(WARMUP_RUNS, WARMUP_RUNS + RUNS))),
    // This process's CPU time (all its threads, GC included; the database server's time is not in it): a
    // steadier figure than wall time when other work shares the cores.
    client_cpu_ms: round(median(split.cpu.slice(WARMUP_RUNS, WARMUP_RUNS + RUNS))),
    runs: RUNS,
    sets: dag.sets.length,
    members: dag.sets.reduce((n, s) => n + s.members.length, 0),
    artifacts: resolution.artifacts.length,
    depth: resolution.depth,
    queries: 1,
    baseline_queries: baselineQueries,
  });

  // store.add_member: the service's addMember of a nested set (cycle check + insert in one locked transaction).
  const sets = new DeploymentSets({ store, catalog: new MemoryCatalog({ artifacts: dag.artifacts, groups: dag.groups }) });
  const edges = randomEdges(dag, ADDS + 20, EDGES_SEED);
  progress(`store.add_member: ${ADDS} nested-set adds (after 20 warm-up adds)`);
  const outcomes = new Map<string, number>();
  const times: number[] = [];
  for (const [index, { from, to }] of edges.entries()) {
    const { value, ms } = await timed(() =>
      sets.addMember(OWNER, from, { ref: { type: "set", id: to } }).then(
        () => "added",
        (error: { code?: string }) => error.code ?? "error",
      ),
    );
    if (index < 20) continue;
    times.push(ms);
    outcomes.set(value, (outcomes.get(value) ?? 0) + 1);
  }
  if ([...outcomes.keys()].some((k) => !["added", "cycle_detected", "duplicate_member"].includes(k))) {
    throw new Error(`unexpected add outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
  }
  const addMs = median(times);
  report({
    case: "store.add_member",
    adapter: "postgres",
    ms: round(addMs),
    target: `median < ${ADD_TARGET_MS} ms per nested-set add with cycle check`,
    target_met: addMs < ADD_TARGET_MS,
    p90_ms: round(quantile(times, 0.9)),
    max_ms: round(Math.max(...times)),
    adds: times.length,
    outcomes: Object.fromEntries(outcomes),
  });
} finally {
  await store.close();
  await baselinePool.end();
  await dropDatabase(adminUrl, database);
  progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Warm-up runs, then timed runs each after a full GC. */
async function measure(label: string, run: () => Promise<unknown>): Promise<{ times: number[] }> {
  progress(`${label}: ${WARMUP_RUNS} warm-up + ${RUNS} runs`);
  for (let i = 0; i < WARMUP_RUNS; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    collectGarbage();
    times.push((await timed(run)).ms);
  }
  progress(`${label}: median ${median(times).toFixed(1)} ms`);
  return { times };
}
