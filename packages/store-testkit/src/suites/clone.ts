import { expect } from "vitest";
import { artifactRef, groupRef, setRef } from "../fixtures/catalog.js";
import { expectErrorCode } from "../fixtures/expect-error.js";
import type { ConformanceFixture } from "../fixture.js";
import type { FeatureSuite } from "../suite-context.js";

/** A source set with fields, a nested set and three members, created before the clock moves. */
async function source({ newSet, add }: ConformanceFixture) {
  const nested = await newSet({ name: "Nested" });
  const set = await newSet({ name: "Source", description: "desc", icon: "📦", color: "teal", tags: ["One", "two"] });
  const members = [await add(set.id, artifactRef(0)), await add(set.id, setRef(nested.id)), await add(set.id, groupRef(1))];
  return { set, nested, members };
}

/** Clone: fields and members copied in order with new ids and times; the clone and source are independent. */
export const cloneSuite: FeatureSuite = (test) => {
  test("cloneSet copies the fields with the new name, id and times", async (t) => {
    const { store, owner, ids, clock } = t;
    const { set } = await source(t);
    const id = ids();
    const createdAt = clock.tick(1000);
    const clone = await store.cloneSet(owner, set.id, { id, name: "Copy", createdAt, newMemberId: ids });
    const want = { ...set, id, name: "Copy", createdAt, updatedAt: createdAt };
    expect(clone).toEqual(want);
    expect(await store.getSet(owner, id)).toEqual(want);
  });

  test("cloneSet copies the members in order with new ids and addedAt = clone time", async (t) => {
    const { store, owner, ids, clock } = t;
    const { set, members } = await source(t);
    const createdAt = clock.tick(1000);
    const memberIds = [ids(), ids(), ids()];
    const queue = [...memberIds];
    const clone = await store.cloneSet(owner, set.id, { id: ids(), name: "Copy", createdAt, newMemberId: () => queue.shift()! });
    const copied = await store.listMembers(owner, clone.id);
    const want = members.map((m, position) => ({ id: memberIds[position], setId: clone.id, ref: m.ref, position, addedAt: createdAt }));
    expect(copied).toEqual(want);
    expect(await store.listMembers(owner, set.id)).toEqual(members);
  });

  test("cloneSet references nested sets instead of copying them", async (t) => {
    const { store, owner, ids, clock } = t;
    const { set, nested } = await source(t);
    const total = (await store.listSets(owner, { limit: 200, offset: 0 })).total;
    const clone = await store.cloneSet(owner, set.id, { id: ids(), name: "Copy", createdAt: clock.tick(), newMemberId: ids });
    expect((await store.listSets(owner, { limit: 200, offset: 0 })).total).toBe(total + 1);
    const graph = await store.loadGraph(owner, [clone.id]);
    expect([...graph.sets.keys()].sort()).toEqual([clone.id, nested.id].sort());
  });

  test("cloneSet of an empty set makes an empty set", async ({ store, owner, newSet, ids, clock }) => {
    const empty = await newSet({ name: "Empty" });
    const clone = await store.cloneSet(owner, empty.id, { id: ids(), name: "Empty (copy)", createdAt: clock.tick(), newMemberId: ids });
    expect(await store.listMembers(owner, clone.id)).toEqual([]);
  });

  test("cloneSet of an unknown set throws set_not_found and creates nothing", async ({ store, owner, ids, clock }) => {
    const [missing, cloneId] = [ids(), ids()];
    const clone = { id: cloneId, name: "Copy", createdAt: clock.now(), newMemberId: ids };
    const error = await expectErrorCode(() => store.cloneSet(owner, missing, clone), "set_not_found");
    expect(error.data.setId).toBe(missing);
    expect(await store.getSet(owner, cloneId)).toBeUndefined();
  });

  test("changing the clone never changes the source", async (t) => {
    const { store, owner, ids, clock } = t;
    const { set, members } = await source(t);
    const before = await store.getSet(owner, set.id);
    const clone = await store.cloneSet(owner, set.id, { id: ids(), name: "Copy", createdAt: clock.tick(), newMemberId: ids });
    const [first, second] = await store.listMembers(owner, clone.id);
    await store.updateSet(owner, clone.id, { name: "Changed", description: null, tags: ["other"] }, clock.tick());
    await store.moveMember(owner, clone.id, first!.id, 2, clock.tick());
    await store.removeMember(owner, clone.id, second!.id, clock.tick());
    await t.add(clone.id, artifactRef(9));
    await store.deleteSet(owner, clone.id, clock.tick());
    expect(await store.getSet(owner, set.id)).toEqual(before);
    expect(await store.listMembers(owner, set.id)).toEqual(members);
  });

  test("changing the source never changes the clone", async (t) => {
    const { store, owner, ids, clock } = t;
    const { set, members } = await source(t);
    const clone = await store.cloneSet(owner, set.id, { id: ids(), name: "Copy", createdAt: clock.tick(), newMemberId: ids });
    const cloneMembers = await store.listMembers(owner, clone.id);
    await store.updateSet(owner, set.id, { name: "Changed", icon: null, tags: [] }, clock.tick());
    await store.moveMember(owner, set.id, members[0]!.id, 2, clock.tick());
    await store.removeMember(owner, set.id, members[1]!.id, clock.tick());
    await store.deleteSet(owner, set.id, clock.tick());
    expect(await store.getSet(owner, clone.id)).toEqual(clone);
    expect(await store.listMembers(owner, clone.id)).toEqual(cloneMembers);
  });

  test("deleting a nested set closes ranks in the source and in the clone", async (t) => {
    const { store, owner, ids, clock } = t;
    const { set, nested } = await source(t);
    const clone = await store.cloneSet(owner, set.id, { id: ids(), name: "Copy", createdAt: clock.tick(), newMemberId: ids });
    await store.deleteSet(owner, nested.id, clock.tick());
    for (const id of [set.id, clone.id]) {
      const members = await store.listMembers(owner, id);
      expect(members.map((m) => [m.position, m.ref])).toEqual([[0, artifactRef(0)], [1, groupRef(1)]]);
    }
  });

  test("a clone made in the same millisecond lists before its source", async ({ store, owner, newSet, ids, clock }) => {
    const set = await newSet({ name: "Source" });
    await store.cloneSet(owner, set.id, { id: ids(), name: "Copy", createdAt: clock.now(), newMemberId: ids });
    const page = await store.listSets(owner, { limit: 10, offset: 0 });
    expect(page.items.map((s) => s.name)).toEqual(["Copy", "Source"]);
  });

  test("cloning through the service names the clone '<name> (copy)'", async ({ service, owner }) => {
    const set = await service.createSet(owner, { name: "Backend" });
    await service.addMember(owner, set.id, { ref: { type: "group", id: "group-0" } });
    const clone = await service.cloneSet(owner, set.id);
    expect(clone.name).toBe("Backend (copy)");
    expect(clone.members.map((m) => m.ref)).toEqual([groupRef(0)]);
  });
};
