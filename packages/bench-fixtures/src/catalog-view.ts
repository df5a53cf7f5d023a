import type { Fixture, FixtureArtifact, FixtureGroup } from "./types.js";

/** A fixture's catalog indexed as the resolver reads it; structurally a core `CatalogView`. */
export interface FixtureCatalogView {
  /** Artifacts by uuid. */
  readonly artifacts: ReadonlyMap<string, FixtureArtifact>;
  /** Groups by id. */
  readonly groups: ReadonlyMap<string, FixtureGroup>;
}

/**
 * Indexes `fixture`'s artifacts and groups by id, for core's `resolveSet` (built outside any timer).
 *
 * @example
 * ```ts
 * const resolution = resolveSet(graph, fixtureCatalogView(dag), dag.rootId);
 * ```
 */
export function fixtureCatalogView(fixture: Fixture): FixtureCatalogView {
  return {
    artifacts: new Map(fixture.artifacts.map((artifact) => [artifact.uuid, artifact])),
    groups: new Map(fixture.groups.map((group) => [group.id, group])),
  };
}
