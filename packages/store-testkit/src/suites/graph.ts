import { isDeploymentSetsError, type OwnerId } from "@deployment-sets/core";
import type { DeploymentSetStore, StoredGraph } from "@deployment-sets/core/ports";
import { expect } from "vitest";
import { artifactRef, groupRef, setRef } from "../fixtures/catalog.js";
import { acceptAt } from "../fixtures/decisions.js";
import type { FeatureSuite } from "../suite-context.js";

/** The ids of every set the graph reaches, sorted. */
function idsOf(graph: StoredGraph): string[] {
  return [...graph.sets.keys()].sort();
}

/**
 * Asserts that every root of `graph` carries the stored set and exactly `listMembers`' records, and that every
 * reachable set carries its name and `listMembers`' references in position order.
 */
async function expectFullRecords(store: DeploymentSetStore, owner: OwnerId, graph: StoredGraph): Promise<void> {
  for (const [id, root] of graph.roots) {
    const set = await store.getSet(owner, id);
    expect(root).toEqual({ id, name: set?.name, set, members: await store.listMembers(owner, id) });
  }
  for (const [id, entry] of graph.sets) {
    const set = await store.getSet(owner, id);
    const members = await store.listMembers(owner, id);
    expect({ id: entry.id, name: entry.name, refs: entry.members.map((m) => m.ref) }).toEqual({
      id,
      name: set?.name,
      refs: members.map((m) => m.ref),
    });
  }
}

/** loadGraph: roots, reachability, diamonds, unknown roots, owners, full member records. */
export const graphSuite: FeatureSuite = (test) => {
  test("loadGraph includes a root without members", async ({ store, owner, newSet }) => {
    const set = await newSet({ name: "Alone" });
    const graph = await store.loadGraph(owner, [set.id]);
    expect(idsOf(graph)).toEqual([set.id]);
    expect([...graph.roots.keys()]).toEqual([set.id]);
    expect(graph.roots.get(set.id)).toEqual({ id: set.id, name: "Alone", set, members: [] });
    expect(graph.sets.get(set.id)).toMatchObject({ id: set.id, name: "Alone", members: [] });
  });

  test("loadGraph includes everything reachable and nothing above the root", async ({ store, owner, newSet, add }) => {
    const [a, b, c, d] = [await newSet({ name: "A" }), await newSet({ name: "B" }), await newSet({ name: "C" }), await newSet({ name: "D" })];
    await add(a!.id, setRef(b!.id));
    await add(b!.id, artifactRef(0));
    await add(b!.id, setRef(c!.id));
    await add(c!.id, setRef(d!.id));
    expect(idsOf(await store.loadGraph(owner, [a!.id]))).toEqual([a!.id, b!.id, c!.id, d!.id].sort());
    expect(idsOf(await store.loadGraph(owner, [c!.id]))).toEqual([c!.id, d!.id].sort());
  });

  test("loadGraph loads chains deeper than the resolution depth limit", async ({ store, owner, newSet, add }) => {
    const chain = [];
    for (let i = 0; i < 30; i++) chain.push((await newSet({ name: `L${i}` })).id);
    for (let i = 0; i + 1 < chain.length; i++) await add(chain[i]!, setRef(chain[i + 1]!));
    expect(idsOf(await store.loadGraph(owner, [chain[0]!]))).toEqual([...chain].sort());
  });

  test("loadGraph leaves out unknown roots", async ({ store, owner, newSet, ids }) => {
    const set = await newSet();
    const unknown = await store.loadGraph(owner, [ids()]);
    expect([unknown.roots.size, unknown.sets.size]).toEqual([0, 0]);
    const mixed = await store.loadGraph(owner, [ids(), set.id, ids()]);
    expect([[...mixed.roots.keys()], idsOf(mixed)]).toEqual([[set.id], [set.id]]);
    const none = await store.loadGraph(owner, []);
    expect([none.roots.size, none.sets.size]).toEqual([0, 0]);
  });

  test("loadGraph unites several roots, overlapping ones included", async ({ store, owner, newSet, add }) => {
    const [a, b, x, y] = [await newSet(), await newSet(), await newSet(), await newSet()];
    await add(a!.id, setRef(b!.id));
    await add(x!.id, setRef(y!.id));
    expect(idsOf(await store.loadGraph(owner, [a!.id, x!.id]))).toEqual([a!.id, b!.id, x!.id, y!.id].sort());
    const overlapping = await store.loadGraph(owner, [b!.id, a!.id, b!.id]);
    expect(idsOf(overlapping)).toEqual([a!.id, b!.id].sort());
    expect([...overlapping.roots.keys()], "roots once each, in the order asked").toEqual([b!.id, a!.id]);
    await expectFullRecords(store, owner, overlapping);
  });

  test("loadGraph holds a diamond's shared set once, with its members", async ({ store, owner, newSet, add }) => {
    const [top, left, right, bottom] = [await newSet(), await newSet(), await newSet(), await newSet()];
    await add(top!.id, setRef(left!.id));
    await add(top!.id, setRef(right!.id));
    await add(left!.id, setRef(bottom!.id));
    await add(right!.id, setRef(bottom!.id));
    await add(bottom!.id, artifactRef(0));
    const graph = await store.loadGraph(owner, [top!.id]);
    expect(idsOf(graph)).toEqual([top!.id, left!.id, right!.id, bottom!.id].sort());
    await expectFullRecords(store, owner, graph);
  });

  test("loadGraph returns members in position order with full records", async ({ store, owner, newSet, add, clock }) => {
    const root = await newSet({ name: "Root", tags: ["t"] });
    const nested = await newSet({ name: "Nested" });
    await add(root.id, artifactRef(0));
    await add(root.id, groupRef(1));
    await add(root.id, setRef(nested.id), { position: 0 });
    const last = await add(root.id, artifactRef(2));
    await store.moveMember(owner, root.id, last.id, 1, clock.tick());
    await add(nested.id, groupRef(0));
    const graph = await store.loadGraph(owner, [root.id]);
    expect(graph.roots.get(root.id)?.members.map((m) => m.ref)).toEqual([setRef(nested.id), artifactRef(2), artifactRef(0), groupRef(1)]);
    expect(graph.sets.get(root.id)?.members.map((m) => m.ref)).toEqual([setRef(nested.id), artifactRef(2), artifactRef(0), groupRef(1)]);
    expect([...graph.roots.keys()], "only the asked root carries records").toEqual([root.id]);
    await expectFullRecords(store, owner, graph);
  });

  test("loadGraph returns a nested set's members in position order after inserts and moves", async ({ store, owner, newSet, add, clock }) => {
    const root = await newSet({ name: "Root" });
    const nested = await newSet({ name: "Nested" });
    await add(root.id, setRef(nested.id));
    await add(nested.id, artifactRef(0));
    const second = await add(nested.id, artifactRef(1));
    await add(nested.id, groupRef(2));
    await add(nested.id, artifactRef(3), { position: 0 });
    await store.moveMember(owner, nested.id, second.id, 3, clock.tick());
    const graph = await store.loadGraph(owner, [root.id]);
    expect(graph.sets.get(nested.id)?.members.map((m) => m.ref)).toEqual([artifactRef(3), artifactRef(0), groupRef(2), artifactRef(1)]);
  });

  test("loadGraph returns a root that nests no set in full, members in position order", async ({ store, owner, newSet, add, clock }) => {
    const root = await newSet({ name: "Flat", description: "d", icon: "i", color: "#abcdef", tags: ["b", "a"] });
    await add(root.id, artifactRef(0));
    await add(root.id, groupRef(1));
    const last = await add(root.id, artifactRef(2));
    await store.moveMember(owner, root.id, last.id, 0, clock.tick());
    const graph = await store.loadGraph(owner, [root.id]);
    expect(idsOf(graph)).toEqual([root.id]);
    expect(graph.roots.get(root.id)?.members.map((m) => m.ref)).toEqual([artifactRef(2), artifactRef(0), groupRef(1)]);
    expect(graph.sets.get(root.id)?.members.map((m) => m.ref)).toEqual([artifactRef(2), artifactRef(0), groupRef(1)]);
    await expectFullRecords(store, owner, graph);
  });

  test("loadGraph never includes another owner's sets", async ({ store, owner, otherOwner, newSet, add }) => {
    const mine = await newSet();
    const theirs = await newSet({}, otherOwner);
    const theirChild = await newSet({}, otherOwner);
    await add(theirs.id, setRef(theirChild.id), { owner: otherOwner });
    const foreign = await store.loadGraph(owner, [theirs.id]);
    expect([foreign.roots.size, foreign.sets.size]).toEqual([0, 0]);
    expect(idsOf(await store.loadGraph(owner, [mine.id, theirs.id]))).toEqual([mine.id]);
    expect(idsOf(await store.loadGraph(otherOwner, [theirs.id]))).toEqual([theirs.id, theirChild.id].sort());
  });

  test("loadGraph never follows an edge planted to another owner's set", async (t) => {
    const { store, owner, otherOwner, newSet, ids, clock } = t;
    const mine = await newSet();
    const theirs = await newSet({}, otherOwner);
    // Core never lets this edge in. A store may refuse it (with a core error); if it keeps it, it must not follow it.
    const planted = await store
      .addMember(owner, mine.id, { id: ids(), ref: setRef(theirs.id), addedAt: clock.now() }, acceptAt())
      .then(() => true, (error: unknown) => {
        expect(isDeploymentSetsError(error), "a refusal is a core error").toBe(true);
        return false;
      });
    const graph = await store.loadGraph(owner, [mine.id]);
    expect(idsOf(graph)).toEqual([mine.id]);
    expect(graph.roots.get(mine.id)?.members).toHaveLength(planted ? 1 : 0);
  });
};
