/**
 * fast-check arbitraries for the pure graph code: small random catalogs and random acyclic set graphs with
 * artifact, group and nested-set members, missing references, shared sub-sets (diamonds) and duplicate names.
 */
import fc from "fast-check";
import { ARTIFACT_TYPES, type Artifact, type Group, type MemberRef } from "../src/domain/model.js";
import type { CatalogView, GraphSet, SetGraph } from "../src/resolver/graph.js";

/** A random catalog plus the ids it knows. */
export interface RandomCatalog extends CatalogView {
  /** The artifact ids the catalog answers to: uuids and aliases. */
  readonly artifactRefs: readonly string[];
  /** The group ids the catalog knows. */
  readonly groupRefs: readonly string[];
}

/** A random acyclic set graph over a random catalog. */
export interface RandomWorld {
  readonly graph: SetGraph;
  readonly catalog: RandomCatalog;
  /** The ids of the sets in `graph`, in topological order (a set only nests sets after it). */
  readonly setIds: readonly string[];
}

const ARTIFACT_NAMES = ["pdf", "review", "lint", "pdf", "deploy"] as const;
const GROUP_NAMES = ["Docs toolkit", "Backend", "Ops"] as const;
/** Set names: few and repeated, so duplicate names (among sets and with groups) are common. */
export const SET_NAMES = ["Full-stack", "Backend", "Frontend", "Backend", "Docs toolkit", "Ops"] as const;
/** A nested-set reference that never exists. */
export const MISSING_SET_ID = "s-missing";
const UNKNOWN_ARTIFACTS = ["a-unknown-1", "a-unknown-2"];
const UNKNOWN_GROUPS = ["g-unknown"];

/** A catalog of 1..5 artifacts (some answering to an alias too) and 0..3 groups (some listing unknown ids). */
export const catalogArb: fc.Arbitrary<RandomCatalog> = fc
  .record({
    artifacts: fc.array(
      fc.record({
        name: fc.constantFrom(...ARTIFACT_NAMES),
        type: fc.constantFrom(...ARTIFACT_TYPES),
        alias: fc.boolean(),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    groups: fc.array(
      fc.record({ name: fc.constantFrom(...GROUP_NAMES), entries: fc.array(fc.nat(), { maxLength: 4 }) }),
      { maxLength: 3 },
    ),
  })
  .map(({ artifacts: specs, groups: groupSpecs }) => {
    const artifacts = new Map<string, Artifact>();
    const artifactRefs: string[] = [];
    specs.forEach(({ name, type, alias }, i) => {
      const artifact: Artifact = { uuid: `a${i}`, name, type, description: null, tags: [], path: `${type}s/${name}` };
      artifacts.set(artifact.uuid, artifact);
      artifactRefs.push(artifact.uuid);
      if (alias) {
        artifacts.set(`alias-a${i}`, artifact);
        artifactRefs.push(`alias-a${i}`);
      }
    });
    const groups = new Map<string, Group>();
    groupSpecs.forEach(({ name, entries }, i) => {
      const artifactUuids = entries.map((n) => choose(artifactRefs, UNKNOWN_ARTIFACTS, n));
      groups.set(`g${i}`, { id: `g${i}`, name, description: null, artifactUuids });
    });
    return { artifacts, groups, artifactRefs, groupRefs: [...groups.keys()] };
  });

interface MemberPick {
  readonly type: MemberRef["type"];
  readonly pick: number;
}

const memberPickArb: fc.Arbitrary<MemberPick> = fc.record({
  type: fc.constantFrom<MemberRef["type"]>("artifact", "artifact", "group", "set", "set", "set"),
  pick: fc.nat(),
});

/** One in eight picks is an unknown reference; the rest pick among the known ones (if any). */
function choose(known: readonly string[], unknown: readonly string[], pick: number): string {
  if (pick % 8 === 0 || known.length === 0) return unknown[(pick >> 3) % unknown.length]!;
  return known[(pick >> 3) % known.length]!;
}

/**
 * A random acyclic graph of `minSets`..`maxSets` sets over a random catalog. Set `i` (in a hidden topological order)
 * may only nest sets after it, so the graph is a DAG; ids are a random permutation so they reveal nothing of
 * that order. Each set has 0..`maxMembers` members; references are de-duplicated within a set (a set never
 * holds one reference twice).
 */
export function worldArb(maxSets = 8, maxMembers = 6, minSets = 1): fc.Arbitrary<RandomWorld> {
  return fc.integer({ min: minSets, max: maxSets }).chain((n) =>
    fc
      .record({
        catalog: catalogArb,
        names: fc.array(fc.constantFrom(...SET_NAMES), { minLength: n, maxLength: n }),
        ids: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => `s${i}`),
          { minLength: n, maxLength: n },
        ),
        members: fc.array(fc.array(memberPickArb, { maxLength: maxMembers }), { minLength: n, maxLength: n }),
        // Where (if at all) set i also nests set i + 1: makes long chains and diamonds common.
        spine: fc.array(fc.option(fc.nat(), { freq: 3 }), { minLength: n, maxLength: n }),
      })
      .map(({ catalog, names, ids, members, spine }) => {
        const graph = new Map<string, GraphSet>();
        ids.forEach((id, i) => {
          const refs: MemberRef[] = [];
          for (const { type, pick } of members[i]!) {
            const id =
              type === "artifact"
                ? choose(catalog.artifactRefs, UNKNOWN_ARTIFACTS, pick)
                : type === "group"
                ? choose(catalog.groupRefs, UNKNOWN_GROUPS, pick)
                : choose(ids.slice(i + 1), [MISSING_SET_ID], pick);
            const ref: MemberRef = { type, id };
            if (!refs.some((r) => r.type === ref.type && r.id === ref.id)) refs.push(ref);
          }
          const at = spine[i];
          const next = ids[i + 1];
          if (at != null && next !== undefined && !refs.some((r) => r.type === "set" && r.id === next)) {
            refs.splice(at % (refs.length + 1), 0, { type: "set", id: next });
          }
          graph.set(id, { id, name: names[i]!, members: refs.map((ref) => ({ ref })) });
        });
        return { graph, catalog, setIds: ids };
      }),
  );
}

/**
 * A chain `c0 -> c1 -> ... -> c(length-1)` plus up to 4 forward shortcuts and some artifacts, members shuffled:
 * its depth is exactly `length` whatever the member order.
 */
export function longChainArb(minLength: number, maxLength: number): fc.Arbitrary<SetGraph> {
  return fc.integer({ min: minLength, max: maxLength }).chain((length) =>
    fc
      .record({
        shortcuts: fc.array(fc.tuple(fc.nat(length - 1), fc.nat(length - 1)), { maxLength: 4 }),
        artifacts: fc.array(fc.tuple(fc.nat(length - 1), fc.constantFrom("a0", "a1", "a2")), { maxLength: 6 }),
        seed: fc.array(fc.nat(), { minLength: length, maxLength: length }),
      })
      .map(({ shortcuts, artifacts, seed }) => {
        const refs: MemberRef[][] = Array.from({ length }, (_, i) =>
          i + 1 < length ? [{ type: "set", id: `c${i + 1}` }] : [],
        );
        const add = (i: number, ref: MemberRef) => {
          if (!refs[i]!.some((r) => r.type === ref.type && r.id === ref.id)) refs[i]!.push(ref);
        };
        for (const [a, b] of shortcuts)
          if (Math.max(a, b) > Math.min(a, b) + 1) add(Math.min(a, b), { type: "set", id: `c${Math.max(a, b)}` });
        for (const [i, uuid] of artifacts) add(i, { type: "artifact", id: uuid });
        const graph = new Map<string, GraphSet>();
        refs.forEach((list, i) => {
          const rotated = [
            ...list.slice(seed[i]! % (list.length || 1)),
            ...list.slice(0, seed[i]! % (list.length || 1)),
          ];
          graph.set(`c${i}`, { id: `c${i}`, name: `Level ${i}`, members: rotated.map((ref) => ({ ref })) });
        });
        return graph;
      }),
  );
}

/** The same graph with every set's members in reverse order. */
export function reverseMembers(graph: SetGraph): SetGraph {
  return new Map([...graph].map(([id, set]) => [id, { ...set, members: [...set.members].reverse() }]));
}

/** The part of `graph` reachable from `rootId` (what a store loads for a cycle check). */
export function reachablePart(graph: SetGraph, rootId: string): SetGraph {
  const part = new Map<string, GraphSet>();
  const visit = (id: string): void => {
    const set = graph.get(id);
    if (!set || part.has(id)) return;
    part.set(id, set);
    for (const { ref } of set.members) if (ref.type === "set") visit(ref.id);
  };
  visit(rootId);
  return part;
}
