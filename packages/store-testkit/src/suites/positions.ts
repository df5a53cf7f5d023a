import type { Member, OwnerId } from "@deployment-sets/core";
import type { DeploymentSetStore } from "@deployment-sets/core/ports";
import { expect } from "vitest";
import { artifactRef, artifactUuid, setRef, TEST_ARTIFACT_COUNT } from "../fixtures/catalog.js";
import { acceptAt } from "../fixtures/decisions.js";
import { expectErrorCode } from "../fixtures/expect-error.js";
import { seededRandom } from "../fixtures/seeded-random.js";
import { checkStoreInvariants } from "../invariants.js";
import type { FeatureSuite } from "../suite-context.js";

/** The members' ids in order, after checking their positions are the dense 0..n-1. */
async function denseIds(store: DeploymentSetStore, owner: OwnerId, setId: string): Promise<string[]> {
  const members = await store.listMembers(owner, setId);
  expect(members.map((m) => m.position)).toEqual(members.map((_, index) => index));
  return members.map((m) => m.id);
}

/**
 * Positions: append, insert, move (clamped), remove and nested-set deletion keep 0..n-1 dense; a position core
 * decided for an add is taken as it is, or rejected when it is outside 0..memberCount (never clamped).
 */
export const positionsSuite: FeatureSuite = (test) => {
  test("appends without a position (service)", async ({ service, store, owner }) => {
    const set = await service.createSet(owner, { name: "Set" });
    const added = [];
    for (let n = 0; n < 4; n++) added.push(await service.addMember(owner, set.id, { ref: { type: "artifact", id: artifactUuid(n) } }));
    expect(added.map((m) => m.position)).toEqual([0, 1, 2, 3]);
    expect(await denseIds(store, owner, set.id)).toEqual(added.map((m) => m.id));
  });

  test("inserts at the decided position and shifts the rest (store)", async ({ store, owner, newSet, ids, clock }) => {
    const set = await newSet();
    const insert = async (n: number, position: number): Promise<Member> =>
      store.addMember(owner, set.id, { id: ids(), ref: artifactRef(n), addedAt: clock.tick() }, acceptAt(position));
    const a = await insert(0, 0);
    const b = await insert(1, 1);
    const c = await insert(2, 2);
    const x = await insert(3, 1);
    expect(x.position).toBe(1);
    expect(await denseIds(store, owner, set.id)).toEqual([a.id, x.id, b.id, c.id]);
    const y = await insert(4, 0);
    const z = await insert(5, 5);
    expect([y.position, z.position]).toEqual([0, 5]);
    expect(await denseIds(store, owner, set.id)).toEqual([y.id, a.id, x.id, b.id, c.id, z.id]);
  });

  test("rejects a decided position outside 0..memberCount with internal_error, changing nothing (store)", async (t) => {
    const { store, owner, newSet, add, ids, clock } = t;
    const set = await newSet();
    const a = await add(set.id, artifactRef(0));
    const b = await add(set.id, artifactRef(1));
    const before = await store.getSet(owner, set.id);
    // Core decides positions (the service never decides past the end): a store never clamps what it is given.
    for (const position of [3, 1000, -1, 0.5, Number.NaN]) {
      const member = { id: ids(), ref: artifactRef(2), addedAt: clock.tick() };
      await expectErrorCode(() => store.addMember(owner, set.id, member, acceptAt(position)), "internal_error");
    }
    expect(await denseIds(store, owner, set.id)).toEqual([a.id, b.id]);
    expect(await store.getSet(owner, set.id)).toEqual(before);
    const last = await store.addMember(owner, set.id, { id: ids(), ref: artifactRef(2), addedAt: clock.tick() }, acceptAt(2));
    expect(await denseIds(store, owner, set.id)).toEqual([a.id, b.id, last.id]);
  });

  test("inserts at a position, and a position past the end appends (service)", async ({ service, store, owner }) => {
    const set = await service.createSet(owner, { name: "Set" });
    const add = (n: number, position?: number) => service.addMember(owner, set.id, { ref: { type: "artifact", id: artifactUuid(n) }, position });
    const a = await add(0, 5);
    const b = await add(1, 0);
    const c = await add(2, 1);
    const d = await add(3, 3);
    const e = await add(4, 1000);
    expect([a, b, c, d, e].map((m) => m.position)).toEqual([0, 0, 1, 3, 4]);
    expect(await denseIds(store, owner, set.id)).toEqual([b.id, c.id, a.id, d.id, e.id]);
  });

  test("moveMember moves forward and backward, the others closing ranks", async ({ store, owner, newSet, add, clock }) => {
    const set = await newSet();
    const added: Member[] = [];
    for (let n = 0; n < 4; n++) added.push(await add(set.id, artifactRef(n)));
    const [a, b, c, d] = added as [Member, Member, Member, Member];
    const moved = await store.moveMember(owner, set.id, a.id, 2, clock.tick());
    expect(moved).toEqual({ ...a, position: 2 });
    expect(await denseIds(store, owner, set.id)).toEqual([b.id, c.id, a.id, d.id]);
    expect((await store.moveMember(owner, set.id, d.id, 0, clock.tick())).position).toBe(0);
    expect(await denseIds(store, owner, set.id)).toEqual([d.id, b.id, c.id, a.id]);
  });

  test("moveMember clamps a position past the end to the last", async ({ store, owner, newSet, add, clock }) => {
    const set = await newSet();
    const a = await add(set.id, artifactRef(0));
    const b = await add(set.id, artifactRef(1));
    const c = await add(set.id, artifactRef(2));
    expect((await store.moveMember(owner, set.id, a.id, 3, clock.tick())).position).toBe(2);
    expect((await store.moveMember(owner, set.id, b.id, 1_000_000, clock.tick())).position).toBe(2);
    expect(await denseIds(store, owner, set.id)).toEqual([c.id, a.id, b.id]);
    const single = await newSet();
    const only = await add(single.id, artifactRef(0));
    expect((await store.moveMember(owner, single.id, only.id, 5, clock.tick())).position).toBe(0);
  });

  test("moveMember sets updatedAt only when the position really changes", async ({ store, owner, newSet, add, clock }) => {
    const set = await newSet();
    await add(set.id, artifactRef(0));
    const b = await add(set.id, artifactRef(1));
    const added = (await store.getSet(owner, set.id))!.updatedAt;
    await store.moveMember(owner, set.id, b.id, 1, clock.tick());
    await store.moveMember(owner, set.id, b.id, 9, clock.tick());
    expect((await store.getSet(owner, set.id))?.updatedAt).toEqual(added);
    await store.moveMember(owner, set.id, b.id, 0, clock.tick());
    expect((await store.getSet(owner, set.id))?.updatedAt).toEqual(clock.now());
  });

  test("moveMember of an unknown or another set's member throws member_not_found", async (t) => {
    const { store, owner, newSet, add, ids, clock } = t;
    const set = await newSet();
    const other = await newSet();
    const mine = await add(set.id, artifactRef(0));
    const theirs = await add(other.id, artifactRef(1));
    for (const memberId of [ids(), theirs.id]) {
      const error = await expectErrorCode(() => store.moveMember(owner, set.id, memberId, 0, clock.tick()), "member_not_found");
      expect(error.data.memberId).toBe(memberId);
    }
    await expectErrorCode(() => store.moveMember(owner, ids(), mine.id, 0, clock.tick()), "set_not_found");
    expect((await store.listMembers(owner, other.id)).map((m) => m.id)).toEqual([theirs.id]);
  });

  test("removing the first, a middle or the last member closes ranks", async ({ store, owner, newSet, add, clock }) => {
    const set = await newSet();
    const members = [];
    for (let n = 0; n < 6; n++) members.push((await add(set.id, artifactRef(n))).id);
    for (const index of [0, 2, members.length - 3]) {
      const [removed] = members.splice(index, 1);
      await store.removeMember(owner, set.id, removed!, clock.tick());
      expect(await denseIds(store, owner, set.id)).toEqual(members);
    }
  });

  test("deleting a nested set closes ranks in every parent and bumps only their updatedAt", async (t) => {
    const { store, owner, newSet, add, clock } = t;
    const nested = await newSet({ name: "Nested" });
    const child = await newSet({ name: "Child of nested" });
    await add(nested.id, setRef(child.id));
    const first = await newSet({ name: "First parent" });
    const second = await newSet({ name: "Second parent" });
    const grandparent = await newSet({ name: "Grandparent" });
    const unrelated = await newSet({ name: "Unrelated" });
    const keep = async (setId: string, n: number) => (await add(setId, artifactRef(n))).id;
    const firstKept = [await keep(first.id, 0)];
    await add(first.id, setRef(nested.id));
    firstKept.push(await keep(first.id, 1), await keep(first.id, 2));
    await add(second.id, setRef(nested.id));
    const secondKept = [await keep(second.id, 3)];
    await add(grandparent.id, setRef(first.id));
    await keep(unrelated.id, 4);
    const before = new Map();
    for (const set of [grandparent, unrelated, child]) before.set(set.id, (await store.getSet(owner, set.id))!.updatedAt);
    const now = clock.tick(100);
    await store.deleteSet(owner, nested.id, now);
    expect(await denseIds(store, owner, first.id)).toEqual(firstKept);
    expect(await denseIds(store, owner, second.id)).toEqual(secondKept);
    for (const parent of [first, second]) expect((await store.getSet(owner, parent.id))?.updatedAt).toEqual(now);
    for (const [id, updatedAt] of before) expect((await store.getSet(owner, id))?.updatedAt).toEqual(updatedAt);
    await checkStoreInvariants(store, owner);
  });

  test("positions stay dense through a seeded run of inserts, moves and removes", async (t) => {
    const { store, owner, newSet, ids, clock } = t;
    const random = seededRandom(20240501);
    const set = await newSet();
    const model: { id: string; n: number }[] = [];
    for (let step = 0; step < 60; step++) {
      const action = model.length === 0 ? 0 : random.int(3);
      if (action === 0 && model.length < TEST_ARTIFACT_COUNT) {
        const free = Array.from({ length: TEST_ARTIFACT_COUNT }, (_, n) => n).filter((n) => !model.some((m) => m.n === n));
        const n = free[random.int(free.length)]!;
        const position = random.int(model.length + 1);
        const member = await store.addMember(owner, set.id, { id: ids(), ref: artifactRef(n), addedAt: clock.tick() }, acceptAt(position));
        model.splice(position, 0, { id: member.id, n });
      } else if (action === 1 && model.length > 0) {
        const [moved] = model.splice(random.int(model.length), 1);
        const position = random.int(model.length + 3);
        await store.moveMember(owner, set.id, moved!.id, position, clock.tick());
        model.splice(Math.min(position, model.length), 0, moved!);
      } else if (model.length > 0) {
        const [removed] = model.splice(random.int(model.length), 1);
        await store.removeMember(owner, set.id, removed!.id, clock.tick());
      }
      expect(await denseIds(store, owner, set.id), `after step ${step}`).toEqual(model.map((m) => m.id));
    }
  }, { timeout: 30_000 });
};
