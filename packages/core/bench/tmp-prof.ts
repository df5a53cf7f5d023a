import { largeRandomDag } from "@deployment-sets/bench-fixtures";
import { longestChain, resolveSet } from "../src/index.js";
import { toGraph } from "./fixture-graph.js";
import { median, timed } from "./measure.js";
const dag = largeRandomDag(1);
const { graph, catalog } = toGraph(dag);
for (let i = 0; i < 5; i++) resolveSet(graph, catalog, dag.rootId);
const lc: number[] = [], rs: number[] = [];
for (let i = 0; i < 30; i++) { lc.push(timed(() => longestChain(graph, dag.rootId)).ms); rs.push(timed(() => resolveSet(graph, catalog, dag.rootId)).ms); }
console.log("longestChain", median(lc), "resolve", median(rs), Math.min(...rs));
