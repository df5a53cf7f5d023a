import { DuplicateMemberError, TooManyMembersError, type AddMemberInput } from "@deployment-sets/core";
import type { SetGraph } from "@deployment-sets/core/ports";
import { expect } from "vitest";
import { artifactRef, artifactUuid, groupId, groupRef, setRef } from "../fixtures/catalog.js";
import { acceptAt, recordingDecide } from "../fixtures/decisions.js";
import { expectErrorCode } from "../fixtures/expect-error.js";
import type { FeatureSuite } from "../suite-context.js";

/** The ids, names and nested-set edges of a decide graph (members may be limited to set references). */
function setEdges(graph: SetGraph | undefined): Record<string, { name: string; sets: string[] }> {
  const out: Record<string, { name: string; sets: string[] }> = {};
  for (const [id, set] of graph ?? []) {
    out[id] = { name: set.name, sets: set.members.filter((m) => m.ref.type === "set").map((m) => m.ref.id) };
  }
  return out;
}

/** Members: add each kind, list, remove, unique references, and what `decide` is given. */
export const membersSuite: FeatureSuite = (test) => {
  test("adds an artifact, a group and a set member and returns each record", async ({ store, owner, newSet, ids, clock }) => {
    const set = await newSet();
    const nested = await newSet({ name: "Nested" });
    const refs = [artifactRef(0), groupRef(0), setRef(nested.id)];
    const added = [];
    for (const ref of refs) {
      const member = { id: ids(), ref, addedAt: clock.tick() };
      added.push(await store.addMember(owner, set.id, member, acceptAt()));
      expect(added.at(-1)).toEqual({ ...member, setId: set.id, position: added.length - 1 });
    }
    expect(await store.listMembers(owner, set.id)).toEqual(added);
  });

  test("addMember sets the set's updatedAt to addedAt", async ({ store, owner, newSet, add, clock }) => {
    const set = await newSet();
    clock.tick(10);
    const member = await add(set.id, artifactRef(0));
    expect((await store.getSet(owner, set.id))?.updatedAt).toEqual(member.addedAt);
    expect((await store.getSet(owner, set.id))?.createdAt).toEqual(set.createdAt);
  });

  test("listMembers of an empty set is empty, of an unknown set throws set_not_found", async ({ store, owner, newSet, ids }) => {
    expect(await store.listMembers(owner, (await newSet()).id)).toEqual([]);
    const unknown = ids();
    expect((await expectErrorCode(() => store.listMembers(owner, unknown), "set_not_found")).data.setId).toBe(unknown);
  });

  test("removeMember removes the member and sets updatedAt", async ({ store, owner, newSet, add, clock, memberIds }) => {
    const set = await newSet();
    const a = await add(set.id, artifactRef(0));
    const b = await add(set.id, groupRef(0));
    await store.removeMember(owner, set.id, a.id, clock.tick(7));
    expect(await memberIds(set.id)).toEqual([b.id]);
    expect((await store.getSet(owner, set.id))?.updatedAt).toEqual(clock.now());
  });

  test("removeMember of an unknown member or another set's member throws member_not_found", async (t) => {
    const { store, owner, newSet, add, clock, ids, memberIds } = t;
    const set = await newSet();
    const other = await newSet();
    const mine = await add(set.id, artifactRef(0));
    const theirs = await add(other.id, artifactRef(1));
    for (const memberId of [ids(), theirs.id]) {
      const error = await expectErrorCode(() => store.removeMember(owner, set.id, memberId, clock.tick()), "member_not_found");
      expect(error.data.memberId).toBe(memberId);
    }
    expect(await memberIds(set.id)).toEqual([mine.id]);
    expect(await memberIds(other.id)).toEqual([theirs.id]);
    expect((await store.getSet(owner, set.id))?.updatedAt).toEqual(set.createdAt);
  });

  test("removeMember under an unknown set throws set_not_found", async ({ store, owner, newSet, add, ids, clock }) => {
    const set = await newSet();
    const member = await add(set.id, artifactRef(0));
    await expectErrorCode(() => store.removeMember(owner, ids(), member.id, clock.now()), "set_not_found");
  });

  test("a removed reference can be added again", async ({ store, owner, newSet, add, clock, memberIds }) => {
    const set = await newSet();
    const first = await add(set.id, artifactRef(0));
    await store.removeMember(owner, set.id, first.id, clock.tick());
    const again = await add(set.id, artifactRef(0));
    expect(await memberIds(set.id)).toEqual([again.id]);
  });

  test("the same id under two kinds is two references", async ({ store, owner, newSet, add }) => {
    const set = await newSet();
    await add(set.id, { type: "artifact", id: groupId(0) });
    await add(set.id, { type: "group", id: groupId(0) });
    expect((await store.listMembers(owner, set.id)).map((m) => m.ref.type)).toEqual(["artifact", "group"]);
  });

  test("the same reference may be a member of several sets", async ({ store, owner, newSet, add }) => {
    const a = await newSet();
    const b = await newSet();
    const nested = await newSet();
    for (const set of [a, b]) {
      await add(set.id, artifactRef(0));
      await add(set.id, setRef(nested.id));
    }
    expect((await store.listMembers(owner, b.id)).map((m) => m.ref)).toEqual([artifactRef(0), setRef(nested.id)]);
  });

  test("a duplicate reference is duplicate_member with the existing member id (service)", async (t) => {
    const { service, owner, memberIds } = t;
    const set = await service.createSet(owner, { name: "Set" });
    const nested = await service.createSet(owner, { name: "Nested" });
    const bodies: AddMemberInput[] = [
      { ref: { type: "artifact", id: artifactUuid(0) } },
      { ref: { type: "group", id: groupId(0) } },
      { ref: { type: "set", id: nested.id } },
    ];
    const existing = [];
    for (const body of bodies) existing.push((await service.addMember(owner, set.id, body)).id);
    for (const [index, body] of bodies.entries()) {
      const error = await expectErrorCode(() => service.addMember(owner, set.id, { ...body, position: 0 }), "duplicate_member");
      expect(error.data.memberId).toBe(existing[index]);
    }
    expect(await memberIds(set.id)).toEqual(existing);
  });

  test("the store itself rejects a duplicate reference that decide lets through", async (t) => {
    const { store, owner, newSet, add, ids, clock, memberIds } = t;
    const set = await newSet();
    const nested = await newSet();
    const existing = [await add(set.id, artifactRef(0)), await add(set.id, groupRef(0)), await add(set.id, setRef(nested.id))];
    for (const { ref, id } of existing) {
      const member = { id: ids(), ref, addedAt: clock.tick() };
      const error = await expectErrorCode(() => store.addMember(owner, set.id, member, acceptAt(0)), "duplicate_member");
      expect(error.data.memberId).toBe(id);
    }
    expect(await memberIds(set.id)).toEqual(existing.map((m) => m.id));
    expect((await store.getSet(owner, set.id))?.updatedAt).toEqual(set.createdAt);
  });

  test("addMember to a missing set throws set_not_found even when decide accepts", async ({ store, owner, ids, clock }) => {
    const setId = ids();
    const member = { id: ids(), ref: artifactRef(0), addedAt: clock.now() };
    await expectErrorCode(() => store.addMember(owner, setId, member, acceptAt()), "set_not_found");
  });

  test("decide gets the set, memberCount and no existing member for a new reference", async (t) => {
    const { store, owner, newSet, add, ids, clock } = t;
    const set = await newSet({ name: "Target" });
    await add(set.id, artifactRef(0));
    const current = await store.getSet(owner, set.id);
    const spy = recordingDecide();
    await store.addMember(owner, set.id, { id: ids(), ref: artifactRef(1), addedAt: clock.now() }, spy.decide);
    expect(spy.last()).toEqual({ set: current, memberCount: 1, existingMemberId: undefined, graph: undefined });
  });

  test("decide gets the existing member id for a duplicate reference", async ({ store, owner, newSet, add, ids, clock }) => {
    const set = await newSet();
    await add(set.id, artifactRef(0));
    const existing = await add(set.id, groupRef(1));
    const spy = recordingDecide((context) => {
      throw new DuplicateMemberError(context.existingMemberId ?? "none");
    });
    const member = { id: ids(), ref: groupRef(1), addedAt: clock.now() };
    await expectErrorCode(() => store.addMember(owner, set.id, member, spy.decide), "duplicate_member");
    expect(spy.last()).toMatchObject({ memberCount: 2, existingMemberId: existing.id, graph: undefined });
  });

  test("decide gets set undefined for a missing set", async ({ store, owner, ids, clock }) => {
    const spy = recordingDecide(acceptAt());
    const member = { id: ids(), ref: groupRef(0), addedAt: clock.now() };
    await store.addMember(owner, ids(), member, spy.decide).catch(() => undefined);
    expect(spy.last()).toMatchObject({ set: undefined, existingMemberId: undefined });
  });

  test("decide gets the graph reachable from the nested set, itself included", async (t) => {
    const { store, owner, newSet, add, ids, clock } = t;
    const target = await newSet({ name: "Target" });
    const nested = await newSet({ name: "B" });
    const left = await newSet({ name: "C" });
    const right = await newSet({ name: "D" });
    const bottom = await newSet({ name: "E" });
    const aside = await newSet({ name: "Unrelated" });
    await add(nested.id, artifactRef(0));
    await add(nested.id, setRef(left.id));
    await add(nested.id, setRef(right.id));
    await add(left.id, setRef(bottom.id));
    await add(right.id, setRef(bottom.id));
    await add(aside.id, setRef(nested.id));
    await add(target.id, setRef(aside.id));
    const spy = recordingDecide();
    await store.addMember(owner, target.id, { id: ids(), ref: setRef(nested.id), addedAt: clock.now() }, spy.decide);
    expect(setEdges(spy.last().graph)).toEqual({
      [nested.id]: { name: "B", sets: [left.id, right.id] },
      [left.id]: { name: "C", sets: [bottom.id] },
      [right.id]: { name: "D", sets: [bottom.id] },
      [bottom.id]: { name: "E", sets: [] },
    });
  });

  test("decide's graph leaves out a missing nested set and another owner's set", async (t) => {
    const { store, owner, otherOwner, newSet, ids, clock } = t;
    const target = await newSet();
    const foreign = await newSet({ name: "Foreign" }, otherOwner);
    for (const nestedId of [ids(), foreign.id]) {
      const spy = recordingDecide((context) => {
        throw new TooManyMembersError(context.memberCount);
      });
      const member = { id: ids(), ref: setRef(nestedId), addedAt: clock.now() };
      await expectErrorCode(() => store.addMember(owner, target.id, member, spy.decide), "too_many_members");
      expect(spy.last().graph?.has(nestedId) ?? false).toBe(false);
      expect(spy.last().set?.id).toBe(target.id);
    }
  });

  test("when decide throws, nothing changes and the error reaches the caller", async (t) => {
    const { store, owner, newSet, add, ids, clock } = t;
    const set = await newSet();
    const nested = await newSet();
    await add(set.id, artifactRef(0));
    await add(nested.id, artifactRef(1));
    const before = { set: await store.getSet(owner, set.id), members: await store.listMembers(owner, set.id) };
    const rejection = new TooManyMembersError(1);
    for (const ref of [artifactRef(2), groupRef(0), setRef(nested.id)]) {
      const member = { id: ids(), ref, addedAt: clock.tick() };
      const error = await expectErrorCode(
        () =>
          store.addMember(owner, set.id, member, () => {
            throw rejection;
          }),
        "too_many_members",
      );
      expect(error.data).toEqual({ limit: 1 });
    }
    expect({ set: await store.getSet(owner, set.id), members: await store.listMembers(owner, set.id) }).toEqual(before);
    expect(await store.listMembers(owner, nested.id)).toHaveLength(1);
  });
};
