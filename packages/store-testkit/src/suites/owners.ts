import type { OwnerId } from "@deployment-sets/core";
import type { DeploymentSetStore } from "@deployment-sets/core/ports";
import { expect } from "vitest";
import { artifactRef, artifactUuid, setRef } from "../fixtures/catalog.js";
import { recordingDecide } from "../fixtures/decisions.js";
import { expectErrorCode } from "../fixtures/expect-error.js";
import type { ConformanceFixture } from "../fixture.js";
import type { FeatureSuite } from "../suite-context.js";

/** Everything the other owner can observe of its set. */
async function snapshot(store: DeploymentSetStore, owner: OwnerId, setId: string) {
  return { set: await store.getSet(owner, setId), members: await store.listMembers(owner, setId) };
}

type Call = (t: ConformanceFixture, setId: string, memberId: string) => Promise<unknown>;

/** Every store method that throws set_not_found for a set the caller cannot see. */
const SET_METHODS: readonly (readonly [string, Call])[] = [
  ["updateSet", ({ store, owner, clock }, setId) => store.updateSet(owner, setId, { name: "Hijacked" }, clock.tick())],
  ["deleteSet", ({ store, owner, clock }, setId) => store.deleteSet(owner, setId, clock.tick())],
  [
    "cloneSet",
    ({ store, owner, clock, ids }, setId) => store.cloneSet(owner, setId, { id: ids(), name: "Copy", createdAt: clock.tick(), newMemberId: ids }),
  ],
  ["listMembers", ({ store, owner }, setId) => store.listMembers(owner, setId)],
  ["removeMember", ({ store, owner, clock }, setId, memberId) => store.removeMember(owner, setId, memberId, clock.tick())],
  ["moveMember", ({ store, owner, clock }, setId, memberId) => store.moveMember(owner, setId, memberId, 0, clock.tick())],
];

/** Owners: another owner's set behaves exactly like a missing one, everywhere. */
export const ownersSuite: FeatureSuite = (test) => {
  test("getSet of another owner's set is undefined", async ({ store, owner, otherOwner, newSet }) => {
    const theirs = await newSet({}, otherOwner);
    expect(await store.getSet(owner, theirs.id)).toBeUndefined();
    expect(await store.getSet(otherOwner, theirs.id)).toEqual(theirs);
  });

  test("every other method on another owner's set throws set_not_found and changes nothing", async (t) => {
    const { store, otherOwner, newSet, add } = t;
    const theirs = await newSet({ name: "Theirs" }, otherOwner);
    const member = await add(theirs.id, artifactRef(0), { owner: otherOwner });
    await add(theirs.id, artifactRef(1), { owner: otherOwner });
    const before = await snapshot(store, otherOwner, theirs.id);
    for (const [method, call] of SET_METHODS) {
      const error = await expectErrorCode(() => call(t, theirs.id, member.id), "set_not_found");
      expect(error.data.setId, method).toBe(theirs.id);
    }
    expect(await snapshot(store, otherOwner, theirs.id)).toEqual(before);
    expect((await store.listSets(otherOwner, { limit: 10, offset: 0 })).total).toBe(1);
  });

  test("addMember into another owner's set hands decide no set; the service says set_not_found", async (t) => {
    const { store, owner, otherOwner, newSet, service, ids, clock } = t;
    const theirs = await newSet({}, otherOwner);
    const before = await snapshot(store, otherOwner, theirs.id);
    const spy = recordingDecide();
    await store.addMember(owner, theirs.id, { id: ids(), ref: artifactRef(0), addedAt: clock.now() }, spy.decide).catch(() => undefined);
    expect(spy.last().set).toBeUndefined();
    expect(spy.last().existingMemberId).toBeUndefined();
    await expectErrorCode(() => service.addMember(owner, theirs.id, { ref: { type: "artifact", id: artifactUuid(1) } }), "set_not_found");
    expect(await snapshot(store, otherOwner, theirs.id)).toEqual(before);
  });

  test("a member id from another owner's set is member_not_found under one's own set", async (t) => {
    const { store, owner, otherOwner, newSet, add, clock } = t;
    const mine = await newSet();
    const theirs = await newSet({}, otherOwner);
    const theirMember = await add(theirs.id, artifactRef(0), { owner: otherOwner });
    await expectErrorCode(() => store.removeMember(owner, mine.id, theirMember.id, clock.tick()), "member_not_found");
    await expectErrorCode(() => store.moveMember(owner, mine.id, theirMember.id, 0, clock.tick()), "member_not_found");
    expect((await store.listMembers(otherOwner, theirs.id)).map((m) => m.id)).toEqual([theirMember.id]);
  });

  test("listSets lists only the owner's sets, filters and totals included", async ({ store, owner, otherOwner, newSet }) => {
    const mine = await newSet({ name: "Shared name", tags: ["shared"] });
    await newSet({ name: "Shared name", tags: ["shared"] }, otherOwner);
    await newSet({ name: "Theirs only" }, otherOwner);
    for (const query of [{}, { nameContains: "shared" }, { tag: "shared" }]) {
      expect(await store.listSets(owner, { ...query, limit: 10, offset: 0 })).toEqual({ items: [mine], total: 1 });
    }
    expect((await store.listSets(otherOwner, { limit: 10, offset: 0 })).total).toBe(2);
  });

  test("nesting another owner's set through the service is unknown_reference", async (t) => {
    const { service, store, owner, otherOwner, newSet } = t;
    const mine = await service.createSet(owner, { name: "Mine" });
    const theirs = await newSet({}, otherOwner);
    const error = await expectErrorCode(() => service.addMember(owner, mine.id, { ref: { type: "set", id: theirs.id } }), "unknown_reference");
    expect(error.data).toEqual({ kind: "set", id: theirs.id });
    expect(await store.listMembers(owner, mine.id)).toEqual([]);
  });

  test("the service resolves and lists nothing of another owner's set", async ({ service, owner, otherOwner, newSet, add }) => {
    const theirs = await newSet({ name: "Theirs" }, otherOwner);
    await add(theirs.id, setRef((await newSet({}, otherOwner)).id), { owner: otherOwner });
    await expectErrorCode(() => service.getSet(owner, theirs.id), "set_not_found");
    await expectErrorCode(() => service.resolve(owner, theirs.id), "set_not_found");
    expect((await service.listSets(owner)).total).toBe(0);
  });
};
