/**
 * A tiny, deliberately naive reference model of the domain rules (sets, members, positions, cycles, resolution),
 * for property-based tests of core.
 *
 * Everything here follows the rules' documented wording as directly as possible: explicit recursion over paths, no
 * memoisation, no cleverness. It is exponential on purpose (all chains, all simple paths are enumerated), so it
 * is only meant for the small graphs the properties generate.
 *
 * Graphs are core's plain {@link SetGraph} data (sets by id, members in position order); a nested set that is not
 * in the graph does not exist (for this owner): it ends a chain and is reported as missing.
 */
import type { Artifact, MemberRef } from "../src/domain/model.js";
import type { ReferenceKind } from "../src/domain/model.js";
import type { CatalogView, SetGraph } from "../src/resolver/graph.js";

/** One resolved artifact as the model predicts it. */
export interface ModelArtifact {
  readonly uuid: string;
  readonly name: string;
  readonly type: Artifact["type"];
  readonly sourcePath: readonly string[];
  readonly artifact: Artifact;
}

/** One missing reference as the model predicts it. */
export interface ModelMissing {
  readonly kind: ReferenceKind;
  readonly id: string;
  readonly path: readonly string[];
}

/** What the model predicts `resolveSet` returns. */
export interface ModelResolution {
  readonly setId: string;
  readonly setName: string;
  readonly artifacts: readonly ModelArtifact[];
  readonly duplicatesDropped: number;
  readonly missing: readonly ModelMissing[];
  readonly depth: number;
}

/** One thing the depth-first walk meets, in walk order. */
type WalkEvent =
  | { readonly kind: "emit"; readonly artifact: Artifact; readonly path: readonly string[] }
  | { readonly kind: "missing"; readonly missing: ModelMissing };

/**
 * The events of the depth-first resolution walk (docs/concepts.md, Resolution): members in position order; an
 * artifact emits itself; a group emits its artifacts in group order (path + the group's name); a nested set is
 * walked in place (path + its name). With `revisit` false a nested set already expanded in this walk is skipped
 * ("each set is walked once"); with `revisit` true the whole tree of paths is unfolded (DAGs only).
 *
 * Unknown artifacts listed by a known group are reported as missing artifacts with the group's path: the documented
 * rules are silent on them, this is core's reading (the same path the artifact would have had as `source_path`).
 */
function walkEvents(graph: SetGraph, catalog: CatalogView, rootId: string, revisit: boolean): WalkEvent[] {
  const events: WalkEvent[] = [];
  const expanded: string[] = [];
  const artifact = (id: string, path: readonly string[]) => {
    const found = catalog.artifacts.get(id);
    events.push(
      found ? { kind: "emit", artifact: found, path } : { kind: "missing", missing: { kind: "artifact", id, path } },
    );
  };
  const walk = (setId: string, path: readonly string[]): void => {
    expanded.push(setId);
    for (const { ref } of graph.get(setId)!.members) {
      if (ref.type === "artifact") {
        artifact(ref.id, path);
      } else if (ref.type === "group") {
        const group = catalog.groups.get(ref.id);
        if (!group) events.push({ kind: "missing", missing: { kind: "group", id: ref.id, path } });
        else for (const uuid of group.artifactUuids) artifact(uuid, [...path, group.name]);
      } else {
        const nested = graph.get(ref.id);
        if (!nested) events.push({ kind: "missing", missing: { kind: "set", id: ref.id, path } });
        else if (revisit || !expanded.includes(ref.id)) walk(ref.id, [...path, nested.name]);
      }
    }
  };
  walk(rootId, [graph.get(rootId)!.name]);
  return events;
}

/** First occurrence wins: distinct artifacts (by canonical uuid), the emissions dropped, missing once each. */
function summarise(events: readonly WalkEvent[]) {
  const artifacts: ModelArtifact[] = [];
  const missing: ModelMissing[] = [];
  let emissions = 0;
  for (const event of events) {
    if (event.kind === "emit") {
      emissions++;
      const { artifact, path } = event;
      if (!artifacts.some((a) => a.uuid === artifact.uuid)) {
        artifacts.push({ uuid: artifact.uuid, name: artifact.name, type: artifact.type, sourcePath: path, artifact });
      }
    } else if (!missing.some((m) => m.kind === event.missing.kind && m.id === event.missing.id)) {
      missing.push(event.missing);
    }
  }
  return { artifacts, missing, duplicatesDropped: emissions - artifacts.length };
}

/** The resolution the documented rules define for `rootId` (which must be in `graph`; the graph must be acyclic). */
export function referenceResolve(graph: SetGraph, catalog: CatalogView, rootId: string): ModelResolution {
  const root = graph.get(rootId)!;
  const summary = summarise(walkEvents(graph, catalog, rootId, false));
  return { setId: root.id, setName: root.name, ...summary, depth: referenceDepth(graph, rootId) };
}

/**
 * The walk without the "each set once" shortcut: every path unfolded. Its artifacts (order and source paths) and
 * missing entries must equal {@link referenceResolve}'s, as the rules claim; only `duplicatesDropped` differs.
 */
export function unfoldedResolve(graph: SetGraph, catalog: CatalogView, rootId: string) {
  const { artifacts, missing } = summarise(walkEvents(graph, catalog, rootId, true));
  return { artifacts, missing };
}

/** The nested sets of `setId` that exist in `graph`, in position order (its out-edges). */
export function childrenOf(graph: SetGraph, setId: string): string[] {
  const set = graph.get(setId);
  if (!set) return [];
  return set.members.filter(({ ref }) => ref.type === "set" && graph.has(ref.id)).map(({ ref }) => ref.id);
}

/** True when `from` holds `to` as a nested set and both exist. */
export function hasEdge(graph: SetGraph, from: string, to: string): boolean {
  return childrenOf(graph, from).includes(to);
}

/** Every maximal chain of nested sets from `rootId`, root first (empty when the root is not in `graph`). */
export function allChains(graph: SetGraph, rootId: string): string[][] {
  const chains: string[][] = [];
  const extend = (chain: string[]): void => {
    const next = childrenOf(graph, chain[chain.length - 1]!);
    if (next.length === 0) chains.push(chain);
    for (const child of next) {
      if (chain.includes(child)) throw new Error(`reference model: the graph has a cycle through ${child}`);
      extend([...chain, child]);
    }
  };
  if (graph.has(rootId)) extend([rootId]);
  return chains;
}

/** The depth of a resolution: the number of sets on the longest chain from `rootId`, the root included. */
export function referenceDepth(graph: SetGraph, rootId: string): number {
  return Math.max(0, ...allChains(graph, rootId).map((chain) => chain.length));
}

/** Every simple path (no set twice) from `start` to `goal` along nested-set edges; `[[start]]` when equal. */
export function simplePaths(graph: SetGraph, start: string, goal: string): string[][] {
  const paths: string[][] = [];
  const extend = (path: string[]): void => {
    const last = path[path.length - 1]!;
    if (last === goal) {
      paths.push(path);
      return;
    }
    for (const child of childrenOf(graph, last)) if (!path.includes(child)) extend([...path, child]);
  };
  extend([start]);
  return paths;
}

/** True when adding the edge `from -> to` closes a cycle: `from == to`, or `from` is reachable from `to`. */
export function closesCycle(graph: SetGraph, from: string, to: string): boolean {
  return from === to || simplePaths(graph, to, from).length > 0;
}

/**
 * The number of ids in the shortest cycle the edge `from -> to` would close, written `[from, to, ..., from]`
 * (2 for a self-reference), or `null` when it closes none.
 */
export function shortestCycleLength(graph: SetGraph, from: string, to: string): number | null {
  if (from === to) return 2;
  const lengths = simplePaths(graph, to, from).map((path) => path.length + 1);
  return lengths.length === 0 ? null : Math.min(...lengths);
}

/** True when no set can reach itself (no edge `a -> b` with a path back from `b` to `a`). */
export function isAcyclic(graph: SetGraph): boolean {
  return [...graph.keys()].every((from) => childrenOf(graph, from).every((to) => !closesCycle(graph, from, to)));
}

// Positions: a set's members as a plain array, a member's position being its index.

/** Adds `item` at `position` (shifting the rest down), or at the end when `position` is absent or past the end. */
export function insertAt<T>(list: readonly T[], item: T, position?: number): T[] {
  const at = position === undefined || position > list.length ? list.length : position;
  return [...list.slice(0, at), item, ...list.slice(at)];
}

/** Takes the item at `index` out and re-inserts it at `position`, clamped to the end. */
export function moveTo<T>(list: readonly T[], index: number, position: number): T[] {
  const rest = list.filter((_, i) => i !== index);
  return insertAt(rest, list[index]!, Math.min(position, rest.length));
}

/** Removes the item at `index`; the others close ranks. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** A member list without the members referencing nested set `setId` (that set was deleted). */
export function withoutNestedSet<T extends { readonly ref: MemberRef }>(list: readonly T[], setId: string): T[] {
  return list.filter(({ ref }) => !(ref.type === "set" && ref.id === setId));
}

/** The default clone name: `"<name> (copy)"`, the base cut to whole characters so the result fits 255. */
export function referenceCloneName(name: string): string {
  return [...name].slice(0, 255 - " (copy)".length).join("") + " (copy)";
}
