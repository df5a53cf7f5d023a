import type { Artifact, ArtifactType } from "../domain/model.js";
import type { ReferenceKind } from "../errors/error-codes.js";
import { DepthLimitExceededError, SetNotFoundError } from "../errors/errors.js";
import { LIMITS } from "../domain/limits.js";
import type { CatalogView, GraphSet, SetGraph } from "./graph.js";
import { longestChain } from "./longest-chain.js";

/** One distinct artifact a set resolves to. */
export interface ResolvedArtifact {
  /** The artifact's canonical uuid. */
  readonly uuid: string;
  /** The artifact's name. */
  readonly name: string;
  /** The artifact's type. */
  readonly type: ArtifactType;
  /** Set names from the root to the member that first contributed it, then the group's name if via a group. */
  readonly sourcePath: readonly string[];
  /** The catalog's artifact. */
  readonly artifact: Artifact;
}

/** A member whose artifact, group or nested set does not exist (for this owner). */
export interface MissingReference {
  /** What the member referenced. */
  readonly kind: ReferenceKind;
  /** The unknown artifact uuid, group id or set id. */
  readonly id: string;
  /** Set names from the root to the set holding the member. */
  readonly path: readonly string[];
}

/** The result of resolving one set. */
export interface Resolution {
  /** The resolved set's id. */
  readonly setId: string;
  /** The resolved set's name. */
  readonly setName: string;
  /** Distinct artifacts in first-occurrence order. */
  readonly artifacts: readonly ResolvedArtifact[];
  /** Artifact emissions dropped because the artifact was already emitted. */
  readonly duplicatesDropped: number;
  /** Unknown references, each once, in walk order. */
  readonly missing: readonly MissingReference[];
  /** Sets on the longest chain of nested sets, the root included. */
  readonly depth: number;
}

/** Options of {@link resolveSet}. */
export interface ResolveOptions {
  /**
   * Longest chain of nested sets accepted, the root included.
   * @defaultValue 20
   */
  readonly maxDepth?: number;
}

/**
 * Resolves a set into the ordered, de-duplicated list of artifacts it stands for (domain.md, Resolution):
 * depth-first over members in position order, groups expanded in group order, nested sets expanded in place,
 * first occurrence wins. Each set is walked once, so the cost is linear in the reachable graph however many
 * paths lead to a shared sub-set. Pure: it reads its arguments and nothing else.
 *
 * @param graph - the owner's sets reachable from `rootId` (more is fine)
 * @param catalog - artifacts and groups the members may reference
 * @param rootId - the set to resolve
 * @throws SetNotFoundError when `rootId` is not in `graph`
 * @throws DepthLimitExceededError when the longest chain of nested sets is deeper than `maxDepth`
 *
 * @example
 * ```ts
 * const resolution = resolveSet(graph, { artifacts, groups }, rootId);
 * for (const a of resolution.artifacts) console.log(a.name, a.sourcePath.join(" > "));
 * ```
 */
export function resolveSet(
  graph: SetGraph,
  catalog: CatalogView,
  rootId: string,
  options: ResolveOptions = {},
): Resolution {
  const root = graph.get(rootId);
  if (!root) throw new SetNotFoundError(rootId);
  const maxDepth = options.maxDepth ?? LIMITS.maxDepth;
  const chain = longestChain(graph, rootId);
  if (chain.length > maxDepth) throw new DepthLimitExceededError(chain, maxDepth);

  const artifacts: ResolvedArtifact[] = [];
  const missing: MissingReference[] = [];
  const emitted = new Set<string>();
  const expanded = new Set<string>();
  const missingKeys = new Set<string>();
  let duplicatesDropped = 0;

  const emit = (artifact: Artifact, sourcePath: readonly string[]) => {
    if (emitted.has(artifact.uuid)) {
      duplicatesDropped++;
      return;
    }
    emitted.add(artifact.uuid);
    artifacts.push({ uuid: artifact.uuid, name: artifact.name, type: artifact.type, sourcePath, artifact });
  };
  const reportMissing = (kind: ReferenceKind, id: string, path: readonly string[]) => {
    const key = `${kind}:${id}`;
    if (missingKeys.has(key)) return;
    missingKeys.add(key);
    missing.push({ kind, id, path });
  };

  // Recursion depth is bounded by maxDepth (checked above).
  const walk = (set: GraphSet, path: readonly string[]) => {
    expanded.add(set.id);
    for (const { ref } of set.members) {
      if (ref.type === "artifact") {
        const artifact = catalog.artifacts.get(ref.id);
        if (artifact) emit(artifact, path);
        else reportMissing("artifact", ref.id, path);
      } else if (ref.type === "group") {
        const group = catalog.groups.get(ref.id);
        if (!group) {
          reportMissing("group", ref.id, path);
          continue;
        }
        const groupPath = [...path, group.name];
        for (const uuid of group.artifactUuids) {
          const artifact = catalog.artifacts.get(uuid);
          if (artifact) emit(artifact, groupPath);
          else reportMissing("artifact", uuid, groupPath);
        }
      } else {
        const nested = graph.get(ref.id);
        if (!nested) reportMissing("set", ref.id, path);
        else if (!expanded.has(nested.id)) walk(nested, [...path, nested.name]);
      }
    }
  };
  walk(root, [root.name]);

  return { setId: root.id, setName: root.name, artifacts, duplicatesDropped, missing, depth: chain.length };
}
