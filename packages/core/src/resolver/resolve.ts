import type { Artifact, ArtifactType } from "../domain/model.js";
import type { ReferenceKind } from "../domain/model.js";
import { DepthLimitExceededError, InternalError, SetNotFoundError } from "../errors/errors.js";
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
 * Resolves a set into the ordered, de-duplicated list of artifacts it stands for (see docs/concepts.md, Resolution):
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

  const artifacts: ResolvedArtifact[] = [];
  const missing: MissingReference[] = [];
  // Every id already emitted: the canonical uuids and the ids members and group entries spelled them with (an
  // alias or derived id). A repeat is counted as a duplicate without a catalog lookup; most emissions in a large
  // shared graph are repeats.
  const emitted = new Set<string>();
  // Every set met so far, by id, to its slot in `heights`: its height (sets on the longest chain below and
  // including it) once finished, 0 while it is still on the recursion stack. A nested set met again costs one
  // lookup here and no lookup in the graph.
  const visitIndex = new Map<string, number>();
  const heights: number[] = [];
  const missingKeys = new Set<string>();
  let duplicatesDropped = 0;

  // Per group already expanded in this walk: how many of its entries named a known artifact. Meeting the group
  // again re-emits exactly those, all duplicates by now, so they are counted without looking each one up.
  const groupEmissions = new Map<string, number>();

  /** Emits (or drops as a duplicate) the artifact `id` names; false when the catalog does not know it. */
  const emitRef = (id: string, sourcePath: readonly string[]): boolean => {
    if (emitted.has(id)) {
      duplicatesDropped++;
      return true;
    }
    const artifact = catalog.artifacts.get(id);
    if (!artifact) {
      reportMissing("artifact", id, sourcePath);
      return false;
    }
    emitted.add(id);
    if (artifact.uuid !== id) {
      if (emitted.has(artifact.uuid)) {
        duplicatesDropped++;
        return true;
      }
      emitted.add(artifact.uuid);
    }
    artifacts.push({ uuid: artifact.uuid, name: artifact.name, type: artifact.type, sourcePath, artifact });
    return true;
  };
  const reportMissing = (kind: ReferenceKind, id: string, path: readonly string[]) => {
    const key = `${kind}:${id}`;
    if (missingKeys.has(key)) return;
    missingKeys.add(key);
    missing.push({ kind, id, path });
  };
  const tooDeep = (): never => {
    throw new DepthLimitExceededError(longestChain(graph, rootId), maxDepth);
  };

  // Walks each set once and computes the depth on the way (a finished set's height is known when it is met
  // again). Recursion stops one level past maxDepth, so it stays shallow on any graph.
  const walk = (set: GraphSet, path: readonly string[], level: number): number => {
    if (level > maxDepth) tooDeep();
    const self = heights.length;
    visitIndex.set(set.id, self);
    heights.push(0);
    let below = 0;
    const members = set.members;
    for (let index = 0; index < members.length; index++) {
      const ref = members[index]!.ref;
      if (ref.type === "artifact") {
        emitRef(ref.id, path);
      } else if (ref.type === "group") {
        const again = groupEmissions.get(ref.id);
        if (again !== undefined) {
          duplicatesDropped += again;
          continue;
        }
        const group = catalog.groups.get(ref.id);
        if (!group) {
          reportMissing("group", ref.id, path);
          continue;
        }
        const groupPath = [...path, group.name];
        const uuids = group.artifactUuids;
        let known = 0;
        for (let entry = 0; entry < uuids.length; entry++) if (emitRef(uuids[entry]!, groupPath)) known++;
        groupEmissions.set(ref.id, known);
      } else {
        const visited = visitIndex.get(ref.id);
        if (visited !== undefined) {
          const known = heights[visited]!;
          if (known === 0) throw new InternalError(`set graph holds a cycle through ${ref.id}`);
          if (known > below) below = known;
          continue;
        }
        const nested = graph.get(ref.id);
        if (!nested) {
          reportMissing("set", ref.id, path);
          continue;
        }
        const nestedHeight = walk(nested, [...path, nested.name], level + 1);
        if (nestedHeight > below) below = nestedHeight;
      }
    }
    heights[self] = below + 1;
    return below + 1;
  };
  const depth = walk(root, [root.name], 1);
  if (depth > maxDepth) tooDeep();

  return { setId: root.id, setName: root.name, artifacts, duplicatesDropped, missing, depth };
}
