import { DepthLimitExceededError, LIMITS, SetNotFoundError, type Artifact } from "../src/index.js";
import type { CatalogView, SetGraph } from "../src/ports/index.js";

/** The baseline's result: enough to compare with ours. */
export interface NaiveResolution {
  /** Distinct artifact uuids in first-occurrence order. */
  readonly uuids: readonly string[];
  /** Every dropped emission, along every path (so it differs from ours on shared sub-sets). */
  readonly duplicatesDropped: number;
  /** Sets walked, counting each path separately. */
  readonly setVisits: number;
}

/**
 * The baseline: what SkillMeat ships. Depth-first in position order with first-occurrence de-duplication and
 * provenance paths, like ours, but with no memory of expanded sets: a shared sub-set is walked again on every
 * path that reaches it (exponential on diamonds), and the depth is checked on the current path as it recurses.
 */
export function naiveResolve(graph: SetGraph, catalog: CatalogView, rootId: string): NaiveResolution {
  const root = graph.get(rootId);
  if (!root) throw new SetNotFoundError(rootId);
  const emitted = new Map<string, { artifact: Artifact; sourcePath: readonly string[] }>();
  let duplicatesDropped = 0;
  let setVisits = 0;
  const emit = (artifact: Artifact, sourcePath: readonly string[]) => {
    if (emitted.has(artifact.uuid)) duplicatesDropped++;
    else emitted.set(artifact.uuid, { artifact, sourcePath });
  };
  const walk = (setId: string, ids: readonly string[], names: readonly string[]) => {
    if (ids.length > LIMITS.maxDepth) throw new DepthLimitExceededError([...ids], LIMITS.maxDepth);
    setVisits++;
    for (const { ref } of graph.get(setId)!.members) {
      if (ref.type === "artifact") {
        const artifact = catalog.artifacts.get(ref.id);
        if (artifact) emit(artifact, names);
      } else if (ref.type === "group") {
        const group = catalog.groups.get(ref.id);
        if (!group) continue;
        for (const uuid of group.artifactUuids) {
          const artifact = catalog.artifacts.get(uuid);
          if (artifact) emit(artifact, [...names, group.name]);
        }
      } else {
        const nested = graph.get(ref.id);
        if (nested) walk(nested.id, [...ids, nested.id], [...names, nested.name]);
      }
    }
  };
  walk(root.id, [root.id], [root.name]);
  return { uuids: [...emitted.keys()], duplicatesDropped, setVisits };
}
