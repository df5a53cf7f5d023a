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
  return new Walk(graph, catalog, rootId, options.maxDepth ?? LIMITS.maxDepth).resolve(root);
}

/** One resolution's walk: what it emitted so far, and the sets and groups it already met. */
class Walk {
  readonly artifacts: ResolvedArtifact[] = [];
  readonly missing: MissingReference[] = [];
  duplicatesDropped = 0;
  // Every id already emitted: the canonical uuids and the ids members and group entries spelled them with (an
  // alias or derived id). A repeat is counted as a duplicate without a catalog lookup; most emissions in a large
  // shared graph are repeats.
  readonly #emitted = new Set<string>();
  // Every set met so far, by id, to its slot in `#heights`: its height (sets on the longest chain below and
  // including it) once finished, 0 while it is still on the recursion stack. A nested set met again costs one
  // lookup here and no lookup in the graph.
  readonly #visitIndex = new Map<string, number>();
  readonly #heights: number[] = [];
  readonly #missingKeys = new Set<string>();
  // Per group already expanded in this walk: how many of its entries named a known artifact. Meeting the group
  // again re-emits exactly those, all duplicates by now, so they are counted without looking each one up.
  readonly #groupEmissions = new Map<string, number>();

  constructor(
    readonly graph: SetGraph,
    readonly catalog: CatalogView,
    readonly rootId: string,
    readonly maxDepth: number,
  ) {}

  resolve(root: GraphSet): Resolution {
    const depth = this.#walk(root, [root.name], 1);
    if (depth > this.maxDepth) this.#tooDeep();
    const { artifacts, duplicatesDropped, missing } = this;
    return { setId: root.id, setName: root.name, artifacts, duplicatesDropped, missing, depth };
  }

  // Walks each set once and computes the depth on the way (a finished set's height is known when it is met again).
  // Recursion stops one level past maxDepth, so it stays shallow on any graph. Returns the set's height.
  #walk(set: GraphSet, path: readonly string[], level: number): number {
    if (level > this.maxDepth) this.#tooDeep();
    const self = this.#heights.length;
    this.#visitIndex.set(set.id, self);
    this.#heights.push(0);
    let below = 0;
    const members = set.members;
    for (let index = 0; index < members.length; index++) {
      const ref = members[index]!.ref;
      if (ref.type === "artifact") this.#emit(ref.id, path);
      else if (ref.type === "group") this.#expandGroup(ref.id, path);
      else {
        const height = this.#nested(ref.id, path, level);
        if (height > below) below = height;
      }
    }
    this.#heights[self] = below + 1;
    return below + 1;
  }

  /** A nested set: walked the first time, its known height afterwards (0 when missing). */
  #nested(id: string, path: readonly string[], level: number): number {
    const visited = this.#visitIndex.get(id);
    if (visited !== undefined) {
      const known = this.#heights[visited]!;
      if (known === 0) throw new InternalError(`set graph holds a cycle through ${id}`);
      return known;
    }
    const nested = this.graph.get(id);
    if (!nested) {
      this.#reportMissing("set", id, path);
      return 0;
    }
    // `concat`, not `[...path, name]`: a spread copy is grown with spare capacity, twice the memory per path, and
    // a 10,000-set walk makes one path per set (a third of what a resolution allocated).
    return this.#walk(nested, path.concat(nested.name), level + 1);
  }

  /** A group: its artifacts emitted in group order the first time, counted as duplicates afterwards. */
  #expandGroup(id: string, path: readonly string[]): void {
    const again = this.#groupEmissions.get(id);
    if (again !== undefined) {
      this.duplicatesDropped += again;
      return;
    }
    const group = this.catalog.groups.get(id);
    if (!group) {
      this.#reportMissing("group", id, path);
      return;
    }
    const groupPath = path.concat(group.name);
    const uuids = group.artifactUuids;
    let known = 0;
    for (let entry = 0; entry < uuids.length; entry++) if (this.#emit(uuids[entry]!, groupPath)) known++;
    this.#groupEmissions.set(id, known);
  }

  /** Emits (or drops as a duplicate) the artifact `id` names; false when the catalog does not know it. */
  #emit(id: string, sourcePath: readonly string[]): boolean {
    const emitted = this.#emitted;
    if (emitted.has(id)) {
      this.duplicatesDropped++;
      return true;
    }
    const artifact = this.catalog.artifacts.get(id);
    if (!artifact) {
      this.#reportMissing("artifact", id, sourcePath);
      return false;
    }
    emitted.add(id);
    if (artifact.uuid !== id) {
      if (emitted.has(artifact.uuid)) {
        this.duplicatesDropped++;
        return true;
      }
      emitted.add(artifact.uuid);
    }
    this.artifacts.push({ uuid: artifact.uuid, name: artifact.name, type: artifact.type, sourcePath, artifact });
    return true;
  }

  #reportMissing(kind: ReferenceKind, id: string, path: readonly string[]): void {
    const key = `${kind}:${id}`;
    if (this.#missingKeys.has(key)) return;
    this.#missingKeys.add(key);
    this.missing.push({ kind, id, path });
  }

  #tooDeep(): never {
    throw new DepthLimitExceededError(longestChain(this.graph, this.rootId), this.maxDepth);
  }
}
