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
  // The walk keeps its state in module variables, not in a per-call object: V8 ties optimized code to the
  // shapes (maps) it was built for and holds them weakly, so the shape of a per-call object that no longer
  // exists is collected at the next full GC and every function built on it is thrown back to the interpreter.
  // Module variables live in the module's context, which lives as long as the module. A resolution never calls
  // out to user code except through the graph and catalog maps, which could in principle resolve again, so the
  // state of an outer walk is saved here and put back when this one ends.
  const outer = saveWalk();
  startWalk(graph, catalog, rootId, options.maxDepth ?? LIMITS.maxDepth);
  try {
    const depth = walkSet(root, [root.name], 1);
    if (depth > maxDepth) tooDeep();
    return { setId: root.id, setName: root.name, artifacts, duplicatesDropped, missing, depth };
  } finally {
    restoreWalk(outer);
  }
}

// One resolution's walk: what it emitted so far, and the sets and groups it already met.
let walkGraph: SetGraph = new Map();
let walkCatalog: CatalogView = { artifacts: new Map(), groups: new Map() };
let walkRootId = "";
let maxDepth = 0;
let artifacts: ResolvedArtifact[] = [];
let missing: MissingReference[] = [];
let duplicatesDropped = 0;
// Every id already emitted: the canonical uuids and the ids members and group entries spelled them with (an
// alias or derived id). A repeat is counted as a duplicate without a catalog lookup; most emissions in a large
// shared graph are repeats.
let emitted = new Set<string>();
// Every set met so far, by id, to its slot in `heights`: its height (sets on the longest chain below and
// including it) once finished, 0 while it is still on the recursion stack. A nested set met again costs one
// lookup here and no lookup in the graph.
let visitIndex = new Map<string, number>();
let heights: number[] = [];
let missingKeys = new Set<string>();
// Per group already expanded in this walk: how many of its entries named a known artifact. Meeting the group
// again re-emits exactly those, all duplicates by now, so they are counted without looking each one up.
let groupEmissions = new Map<string, number>();

/** A walk's state, as {@link saveWalk} keeps it aside. */
type WalkState = readonly [
  SetGraph, CatalogView, string, number, ResolvedArtifact[], MissingReference[], number, Set<string>, Map<string, number>,
  number[], Set<string>, Map<string, number>,
];

function startWalk(graph: SetGraph, catalog: CatalogView, rootId: string, depthLimit: number): void {
  walkGraph = graph;
  walkCatalog = catalog;
  walkRootId = rootId;
  maxDepth = depthLimit;
  artifacts = [];
  missing = [];
  duplicatesDropped = 0;
  emitted = new Set();
  visitIndex = new Map();
  heights = [];
  missingKeys = new Set();
  groupEmissions = new Map();
}

function saveWalk(): WalkState {
  return [
    walkGraph, walkCatalog, walkRootId, maxDepth, artifacts, missing, duplicatesDropped, emitted, visitIndex, heights,
    missingKeys, groupEmissions,
  ];
}

// Also lets go of the finished walk's graph, catalog and result.
function restoreWalk(state: WalkState): void {
  [
    walkGraph, walkCatalog, walkRootId, maxDepth, artifacts, missing, duplicatesDropped, emitted, visitIndex, heights,
    missingKeys, groupEmissions,
  ] = state;
}

// Walks each set once and computes the depth on the way (a finished set's height is known when it is met again).
// Recursion stops one level past maxDepth, so it stays shallow on any graph. Returns the set's height.
function walkSet(set: GraphSet, path: readonly string[], level: number): number {
  if (level > maxDepth) tooDeep();
  const self = heights.length;
  visitIndex.set(set.id, self);
  heights.push(0);
  let below = 0;
  const members = set.members;
  for (let index = 0; index < members.length; index++) {
    const ref = members[index]!.ref;
    if (ref.type === "artifact") emit(ref.id, path);
    else if (ref.type === "group") expandGroup(ref.id, path);
    else {
      const height = nested(ref.id, path, level);
      if (height > below) below = height;
    }
  }
  heights[self] = below + 1;
  return below + 1;
}

/** A nested set: walked the first time, its known height afterwards (0 when missing). */
function nested(id: string, path: readonly string[], level: number): number {
  const visited = visitIndex.get(id);
  if (visited !== undefined) {
    const known = heights[visited]!;
    if (known === 0) throw new InternalError(`set graph holds a cycle through ${id}`);
    return known;
  }
  const set = walkGraph.get(id);
  if (!set) {
    reportMissing("set", id, path);
    return 0;
  }
  // `concat`, not `[...path, name]`: a spread copy is grown with spare capacity, twice the memory per path, and
  // a 10,000-set walk makes one path per set (a third of what a resolution allocated).
  return walkSet(set, path.concat(set.name), level + 1);
}

/** A group: its artifacts emitted in group order the first time, counted as duplicates afterwards. */
function expandGroup(id: string, path: readonly string[]): void {
  const again = groupEmissions.get(id);
  if (again !== undefined) {
    duplicatesDropped += again;
    return;
  }
  const group = walkCatalog.groups.get(id);
  if (!group) {
    reportMissing("group", id, path);
    return;
  }
  const groupPath = path.concat(group.name);
  const uuids = group.artifactUuids;
  let known = 0;
  for (let entry = 0; entry < uuids.length; entry++) if (emit(uuids[entry]!, groupPath)) known++;
  groupEmissions.set(id, known);
}

/** Emits (or drops as a duplicate) the artifact `id` names; false when the catalog does not know it. */
function emit(id: string, sourcePath: readonly string[]): boolean {
  if (emitted.has(id)) {
    duplicatesDropped++;
    return true;
  }
  const artifact = walkCatalog.artifacts.get(id);
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
}

function reportMissing(kind: ReferenceKind, id: string, path: readonly string[]): void {
  const key = `${kind}:${id}`;
  if (missingKeys.has(key)) return;
  missingKeys.add(key);
  missing.push({ kind, id, path });
}

function tooDeep(): never {
  throw new DepthLimitExceededError(longestChain(walkGraph, walkRootId), maxDepth);
}
