import type { Fixture } from "@deployment-sets/bench-fixtures";
import { longestChain } from "../src/index.js";
import type { FixtureGraph } from "./fixture-graph.js";

/** The large fixture's shape, as measured; reported alongside the cases that use it. */
export interface FixtureShape {
  readonly sets: number;
  readonly members: number;
  readonly artifact_members: number;
  readonly group_members: number;
  readonly set_members: number;
  readonly longest_chain: number;
}

/**
 * Measures the fixture and throws unless it is what the bench claims to run on: the root reaches every set,
 * no set holds one reference twice, and every reference resolves.
 */
export function checkFixture(fixture: Fixture, { graph, catalog }: FixtureGraph): FixtureShape {
  const counts = { artifact: 0, group: 0, set: 0 };
  for (const set of fixture.sets) {
    const refs = new Set<string>();
    for (const { ref } of set.members) {
      counts[ref.type]++;
      refs.add(ref.id);
      const known = ref.type === "artifact" ? catalog.artifacts : ref.type === "group" ? catalog.groups : graph;
      if (!known.has(ref.id)) throw new Error(`fixture: ${set.id} references an unknown ${ref.type} ${ref.id}`);
    }
    if (refs.size !== set.members.length) throw new Error(`fixture: ${set.id} holds a reference twice`);
  }
  const reached = new Set([fixture.rootId]);
  for (const id of reached) {
    for (const { ref } of graph.get(id)!.members) if (ref.type === "set") reached.add(ref.id);
  }
  if (reached.size !== fixture.sets.length) throw new Error(`fixture: the root reaches ${reached.size} sets only`);
  return {
    sets: fixture.sets.length,
    members: counts.artifact + counts.group + counts.set,
    artifact_members: counts.artifact,
    group_members: counts.group,
    set_members: counts.set,
    longest_chain: longestChain(graph, fixture.rootId).length,
  };
}
