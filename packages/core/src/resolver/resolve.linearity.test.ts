import { diamondLattice, type Fixture } from "@deployment-sets/bench-fixtures";
import { describe, expect, it } from "vitest";
import { hasErrorCode } from "../errors/deployment-sets-error.js";
import type { MemberRef } from "../domain/model.js";
import type { CatalogView, GraphSet } from "./graph.js";
import { resolveSet } from "./resolve.js";

// Operation counts, observed from the outside: the inputs are instrumented (a Map that counts lookups, Proxies
// that count reads of members-array elements), so the test holds whatever the resolver does inside. A resolver
// that walked every path would take hours on these lattices, so the Proxies also enforce the read budget as they
// count: going over it throws at once and the test fails instead of hanging.

/** Member reads allowed per member row. */
const READS_PER_MEMBER = 3;

/** A Map counting every `get` and `has`. */
class CountingMap<K, V> extends Map<K, V> {
  lookups = 0;
  override get(key: K): V | undefined {
    this.lookups++;
    return super.get(key);
  }
  override has(key: K): boolean {
    this.lookups++;
    return super.has(key);
  }
}

type MemberRow = { readonly ref: MemberRef };

interface Instrumented {
  readonly graph: CountingMap<string, GraphSet>;
  readonly catalog: CatalogView & { readonly artifacts: CountingMap<string, unknown> };
  /** Element reads per member row (a row never read is absent). */
  readonly memberReads: Map<MemberRow, number>;
  readonly totalMembers: number;
}

/** Thrown by the instrumentation when the resolver reads more members than the budget allows. */
class ReadBudgetExceeded extends Error {}

/** The fixture as the resolver takes it, every members array behind a read-counting Proxy. */
function instrument(fixture: Fixture): Instrumented {
  const totalMembers = fixture.sets.reduce((sum, set) => sum + set.members.length, 0);
  const budget = READS_PER_MEMBER * totalMembers;
  let reads = 0;
  const memberReads = new Map<MemberRow, number>();
  const countReads = (members: readonly MemberRow[]): readonly MemberRow[] =>
    new Proxy(members, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof key === "string" && /^\d+$/.test(key)) {
          if (++reads > budget) throw new ReadBudgetExceeded(`more than ${budget} member reads`);
          const row = value as MemberRow;
          memberReads.set(row, (memberReads.get(row) ?? 0) + 1);
        }
        return value;
      },
    });
  const graph = new CountingMap<string, GraphSet>(
    fixture.sets.map((set) => [set.id, { id: set.id, name: set.name, members: countReads(set.members) }]),
  );
  const artifacts = new CountingMap(fixture.artifacts.map((artifact) => [artifact.uuid, artifact]));
  const groups = new CountingMap(fixture.groups.map((group) => [group.id, group]));
  return { graph, catalog: { artifacts, groups }, memberReads, totalMembers };
}

/** Sums the counts. */
const sum = (counts: Iterable<number>) => [...counts].reduce((total, n) => total + n, 0);

/** Whether `child` is a nested set of `parent` in `fixture`. */
const holds = (fixture: Fixture, parent: string, child: string) =>
  fixture.sets.some(
    (set) => set.id === parent && set.members.some(({ ref }) => ref.type === "set" && ref.id === child),
  );

describe("resolveSet is linear in the reachable graph, whatever the number of paths", () => {
  const resolving: [string, { levels: number; width: number }][] = [
    ["a root plus 19 levels of width 3 (58 sets, longest chain 20, 3^19 paths)", { levels: 19, width: 3 }],
    ["a chain of 20 sets (the deepest accepted)", { levels: 19, width: 1 }],
  ];

  it.each(resolving)("%s", (_name, { levels, width }) => {
    const fixture = diamondLattice(levels, width);
    const { graph, catalog, memberReads, totalMembers } = instrument(fixture);
    expect(fixture.sets).toHaveLength(1 + levels * width);

    const resolution = resolveSet(graph, catalog, fixture.rootId);

    // Correct: the bottom level's artifacts, in level then member order, each once, via the first chain.
    const bottom = fixture.sets.slice(-width);
    const want = bottom.flatMap((set) => set.members.map(({ ref }) => ref.id));
    expect(resolution.artifacts.map((artifact) => artifact.uuid)).toEqual(want);
    expect(new Set(want).size).toBe(width * 3);
    expect(resolution.duplicatesDropped).toBe(0);
    expect(resolution.missing).toEqual([]);
    expect(resolution.depth).toBe(levels + 1);
    const firstChain = [fixture.sets[0]!, ...Array.from({ length: levels }, (_, l) => fixture.sets[1 + l * width]!)];
    expect(resolution.artifacts[0]!.sourcePath).toEqual(firstChain.map((set) => set.name));

    // Linear: every member read, none more than 3 times; lookups bounded by the graph's size, not its paths.
    expect(memberReads.size).toBe(totalMembers);
    expect(Math.max(...memberReads.values())).toBeLessThanOrEqual(READS_PER_MEMBER);
    expect(sum(memberReads.values())).toBeLessThanOrEqual(READS_PER_MEMBER * totalMembers);
    expect(graph.lookups).toBeLessThanOrEqual(3 * (fixture.sets.length + totalMembers));
    expect(catalog.artifacts.lookups).toBeLessThanOrEqual(want.length);
  });

  const tooDeep: [string, { levels: number; width: number }][] = [
    ["a chain of 21 sets", { levels: 20, width: 1 }],
    ["a root plus 20 levels of width 3 (61 sets, 3^20 paths)", { levels: 20, width: 3 }],
  ];

  it.each(tooDeep)("fails %s with depth_limit_exceeded, in linear time", (_name, { levels, width }) => {
    const fixture = diamondLattice(levels, width);
    const { graph, catalog, memberReads, totalMembers } = instrument(fixture);

    let error: unknown;
    try {
      resolveSet(graph, catalog, fixture.rootId);
    } catch (caught) {
      error = caught;
    }

    expect(error).not.toBeInstanceOf(ReadBudgetExceeded);
    expect(sum(memberReads.values())).toBeLessThanOrEqual(READS_PER_MEMBER * totalMembers);
    expect(graph.lookups).toBeLessThanOrEqual(3 * (fixture.sets.length + totalMembers));
    expect(catalog.artifacts.lookups).toBe(0);
    expect(hasErrorCode(error, "depth_limit_exceeded")).toBe(true);
    if (!hasErrorCode(error, "depth_limit_exceeded")) return;
    expect(error.data.limit).toBe(20);
    const { path } = error.data;
    expect(path).toHaveLength(21);
    expect(path[0]).toBe(fixture.rootId);
    for (let i = 1; i < path.length; i++) expect(holds(fixture, path[i - 1]!, path[i]!)).toBe(true);
    if (width === 1) expect(path).toEqual(fixture.sets.map((set) => set.id));
  });
});
