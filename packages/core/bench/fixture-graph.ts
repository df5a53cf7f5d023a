import { fixtureCatalogView, type Fixture } from "@deployment-sets/bench-fixtures";
import type { CatalogView, SetGraph } from "../src/ports/index.js";

/** A fixture as the graph code takes it: sets by id and the catalog view. */
export interface FixtureGraph {
  readonly graph: SetGraph;
  readonly catalog: CatalogView;
}

/** Indexes a fixture's plain data into the maps `resolveSet` and `findCycle` take (its shapes already match). */
export function toGraph(fixture: Fixture): FixtureGraph {
  return { graph: new Map(fixture.sets.map((set) => [set.id, set])), catalog: fixtureCatalogView(fixture) };
}
