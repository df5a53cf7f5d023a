/**
 * The core benchmarks, run by `pnpm bench` (turbo runs `node --expose-gc --import tsx bench/run.ts` here).
 * Each case prints exactly one `BENCH {json}` line on stdout; progress goes to stderr. A missed target is
 * reported (`target_met: false`), not fatal; a wrong result or a malformed fixture exits non-zero.
 *
 * It measures the source (`../src`, through tsx), so a run never depends on a stale `dist`.
 */
import { largeRandomDag, randomEdges, report } from "@deployment-sets/bench-fixtures";
import { cycleLarge } from "./cases/cycle-large.js";
import { resolveLarge } from "./cases/resolve-large.js";
import { resolveLattice } from "./cases/resolve-lattice.js";
import { checkFixture } from "./check-fixture.js";
import { toGraph } from "./fixture-graph.js";
import { progress } from "./progress.js";

const DAG_SEED = 1;
const EDGES_SEED = 7;
const CYCLE_CHECKS = 1_000;

const started = performance.now();
report(resolveLattice());

progress("building the 10,000-set random DAG");
const dag = largeRandomDag(DAG_SEED);
const dagGraph = toGraph(dag);
const shape = checkFixture(dag, dagGraph);
report({ ...resolveLarge(dagGraph, dag.rootId), ...shape });
report({ ...cycleLarge(dagGraph, randomEdges(dag, CYCLE_CHECKS, EDGES_SEED), dag.rootId), ...shape });
progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
