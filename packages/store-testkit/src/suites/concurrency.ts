import type { AddMemberInput, DeploymentSets, OwnerId } from "@deployment-sets/core";
import { expect } from "vitest";
import { artifactUuid } from "../fixtures/catalog.js";
import { describeError, isRejectedWith } from "../fixtures/expect-error.js";
import { seededRandom } from "../fixtures/seeded-random.js";
import { checkStoreInvariants } from "../invariants.js";
import type { FeatureSuite } from "../suite-context.js";

const RACES = 8;
const TIMEOUT = { timeout: 60_000 } as const;

/** Creates `count` sets named `<prefix><i>` through the service and returns their ids. */
async function createSets(service: DeploymentSets, owner: OwnerId, prefix: string, count: number): Promise<string[]> {
  const ids = [];
  for (let i = 0; i < count; i++) ids.push((await service.createSet(owner, { name: `${prefix}${i}` })).id);
  return ids;
}

/** The outcomes of a settled batch, readable in a failure message. */
function outcomes(results: readonly PromiseSettledResult<unknown>[]): string[] {
  return results.map((r) => (r.status === "fulfilled" ? "ok" : describeError(r.reason)));
}

/**
 * Concurrency: racing adds through the service on one store instance never create a cycle or a duplicate,
 * and racing writes keep positions dense. Adapters add multi-process variants of their own on top.
 */
export const concurrencySuite: FeatureSuite = (test) => {
  test("of reciprocal adds A -> B and B -> A exactly one succeeds, the other is cycle_detected", async ({ service, store, owner }) => {
    const as = await createSets(service, owner, "A", RACES);
    const bs = await createSets(service, owner, "B", RACES);
    const results = await Promise.allSettled(
      as.flatMap((a, i) => [service.addMember(owner, a, { ref: { type: "set", id: bs[i]! } }), service.addMember(owner, bs[i]!, { ref: { type: "set", id: a } })]),
    );
    for (let i = 0; i < RACES; i++) {
      const pair = results.slice(2 * i, 2 * i + 2);
      const ok = pair.filter((r) => r.status === "fulfilled").length;
      const cycles = pair.filter((r) => isRejectedWith(r, "cycle_detected")).length;
      expect({ ok, cycles }, `pair ${i}: ${outcomes(pair).join(", ")}`).toEqual({ ok: 1, cycles: 1 });
    }
    await checkStoreInvariants(store, owner);
  }, TIMEOUT);

  test("of a racing triangle A -> B, B -> C, C -> A exactly two succeed", async ({ service, store, owner }) => {
    const sets = await createSets(service, owner, "T", 3 * RACES);
    const results = await Promise.allSettled(
      sets.map((id, i) => service.addMember(owner, id, { ref: { type: "set", id: sets[i % 3 === 2 ? i - 2 : i + 1]! } })),
    );
    for (let i = 0; i < RACES; i++) {
      const triangle = results.slice(3 * i, 3 * i + 3);
      const ok = triangle.filter((r) => r.status === "fulfilled").length;
      const cycles = triangle.filter((r) => isRejectedWith(r, "cycle_detected")).length;
      expect({ ok, cycles }, `triangle ${i}: ${outcomes(triangle).join(", ")}`).toEqual({ ok: 2, cycles: 1 });
    }
    await checkStoreInvariants(store, owner);
  }, TIMEOUT);

  test("of racing duplicate adds exactly one succeeds, the other is duplicate_member", async ({ service, store, owner }) => {
    const sets = await createSets(service, owner, "S", RACES);
    const nested = await createSets(service, owner, "N", RACES);
    const body = (i: number): AddMemberInput =>
      i % 2 === 0 ? { ref: { type: "artifact", id: artifactUuid(i) } } : { ref: { type: "set", id: nested[i]! } };
    const results = await Promise.allSettled(
      sets.flatMap((id, i) => [service.addMember(owner, id, body(i)), service.addMember(owner, id, body(i))]),
    );
    for (let i = 0; i < RACES; i++) {
      const pair = results.slice(2 * i, 2 * i + 2);
      const winner = pair.find((r) => r.status === "fulfilled");
      const loser = pair.find((r) => r.status === "rejected");
      expect(winner && loser && isRejectedWith(loser, "duplicate_member"), `pair ${i}: ${outcomes(pair).join(", ")}`).toBe(true);
      expect((loser as PromiseRejectedResult).reason.data.memberId).toBe((winner as PromiseFulfilledResult<{ id: string }>).value.id);
      expect(await store.listMembers(owner, sets[i]!)).toHaveLength(1);
    }
    await checkStoreInvariants(store, owner);
  }, TIMEOUT);

  test("racing appends and inserts into one set all land at dense positions", async ({ service, store, owner }) => {
    const [set] = await createSets(service, owner, "Busy", 1);
    const count = 24;
    const results = await Promise.allSettled(
      Array.from({ length: count }, (_, n) =>
        service.addMember(owner, set!, { ref: { type: "artifact", id: artifactUuid(n) }, position: n % 3 === 0 ? 0 : undefined }),
      ),
    );
    expect(outcomes(results).filter((o) => o !== "ok")).toEqual([]);
    const members = await store.listMembers(owner, set!);
    expect(members.map((m) => m.ref.id).sort()).toEqual(Array.from({ length: count }, (_, n) => artifactUuid(n)).sort());
    await checkStoreInvariants(store, owner);
  }, TIMEOUT);

  test("racing moves and removes keep positions dense", async ({ service, store, owner }) => {
    const [set] = await createSets(service, owner, "Shuffled", 1);
    const ids = [];
    for (let n = 0; n < 20; n++) ids.push((await service.addMember(owner, set!, { ref: { type: "artifact", id: artifactUuid(n) } })).id);
    const random = seededRandom(7);
    const removed = new Set(ids.filter((_, i) => i % 4 === 1));
    const results = await Promise.allSettled(
      ids.map((id) =>
        removed.has(id) ? service.removeMember(owner, set!, id) : service.moveMember(owner, set!, id, { position: random.int(22) }),
      ),
    );
    expect(outcomes(results).filter((o) => o !== "ok")).toEqual([]);
    const left = await store.listMembers(owner, set!);
    expect(left.map((m) => m.id).sort()).toEqual(ids.filter((id) => !removed.has(id)).sort());
    await checkStoreInvariants(store, owner);
  }, TIMEOUT);

  test("a nested set deleted while being added leaves no dangling member", async ({ service, store, owner }) => {
    const parents = await createSets(service, owner, "P", RACES);
    const children = await createSets(service, owner, "C", RACES);
    const results = await Promise.allSettled(
      parents.flatMap((parent, i) => [service.addMember(owner, parent, { ref: { type: "set", id: children[i]! } }), service.deleteSet(owner, children[i]!)]),
    );
    for (let i = 0; i < RACES; i++) {
      const [add, remove] = [results[2 * i]!, results[2 * i + 1]!];
      const label = `race ${i}: ${outcomes([add, remove]).join(", ")}`;
      expect(remove.status, label).toBe("fulfilled");
      expect(add.status === "fulfilled" || isRejectedWith(add, "unknown_reference"), label).toBe(true);
      expect(await store.listMembers(owner, parents[i]!), label).toEqual([]);
    }
    await checkStoreInvariants(store, owner);
  }, TIMEOUT);
};
