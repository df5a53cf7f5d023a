import { DeploymentSets, MemoryCatalog, hasErrorCode, type OwnerId } from "@deployment-sets/core";
import { checkStoreInvariants, newOwnerId } from "@deployment-sets/store-testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostgresStore } from "../src/index.js";
import { noPg, schemaStore, type SchemaStore } from "./support/pg.js";

const PAIRS = 200;
const OWNERS = 4;

/**
 * Two store instances with two pools on one schema stand for two server processes sharing a database: the
 * cycle check and the insert must not interleave across them.
 */
describe.skipIf(noPg)("concurrent graph writes through two independent pools", () => {
  let db: SchemaStore;
  let first: DeploymentSets;
  let second: DeploymentSets;
  let secondStore: PostgresStore;

  beforeAll(async () => {
    db = await schemaStore();
    secondStore = db.another();
    await secondStore.init();
    const catalog = new MemoryCatalog();
    first = new DeploymentSets({ store: db.store, catalog });
    second = new DeploymentSets({ store: secondStore, catalog });
  });
  afterAll(() => db?.dispose());

  it(`of ${PAIRS} reciprocal pairs A -> B / B -> A fired at once, exactly one of each succeeds`, async () => {
    const owners: OwnerId[] = Array.from({ length: OWNERS }, () => newOwnerId());
    const pairs = await Promise.all(
      Array.from({ length: PAIRS }, async (_, i) => {
        const owner = owners[i % OWNERS]!;
        const a = await first.createSet(owner, { name: `A${i}` });
        const b = await second.createSet(owner, { name: `B${i}` });
        return { owner, a: a.id, b: b.id };
      }),
    );
    // Alternate which pool carries which direction, and fire all 400 adds before awaiting any.
    const racing = pairs.map(({ owner, a, b }, i) => {
      const [one, two] = i % 2 === 0 ? [first, second] : [second, first];
      return Promise.allSettled([one.addMember(owner, a, { ref: { type: "set", id: b } }), two.addMember(owner, b, { ref: { type: "set", id: a } })]);
    });
    const outcomes = await Promise.all(racing);

    const unexpected: unknown[] = [];
    outcomes.forEach((pair, i) => {
      const won = pair.filter((o) => o.status === "fulfilled");
      const lost = pair.filter((o): o is PromiseRejectedResult => o.status === "rejected");
      expect(won, `pair ${i}: one add wins`).toHaveLength(1);
      for (const { reason } of lost) if (!hasErrorCode(reason, "cycle_detected")) unexpected.push(reason);
    });
    expect(unexpected, "no error but cycle_detected").toEqual([]);
    expect(outcomes.flat().filter((o) => o.status === "rejected")).toHaveLength(PAIRS);

    // A full scan through either pool: dense positions, well-formed members, no cycle.
    for (const owner of owners) {
      await checkStoreInvariants(db.store, owner);
      await checkStoreInvariants(secondStore, owner);
    }
  }, 120_000);

  it("racing triangles A -> B, B -> C, C -> A across both pools never close a cycle", async () => {
    const owner = newOwnerId();
    const triangles = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const ids: string[] = [];
        for (const name of ["A", "B", "C"]) ids.push((await first.createSet(owner, { name: `${name}${i}` })).id);
        return ids as [string, string, string];
      }),
    );
    const outcomes = await Promise.all(
      triangles.map(([a, b, c], i) =>
        Promise.allSettled([
          (i % 2 ? first : second).addMember(owner, a, { ref: { type: "set", id: b } }),
          (i % 2 ? second : first).addMember(owner, b, { ref: { type: "set", id: c } }),
          first.addMember(owner, c, { ref: { type: "set", id: a } }),
        ]),
      ),
    );
    for (const triangle of outcomes) {
      expect(triangle.filter((o) => o.status === "fulfilled")).toHaveLength(2);
      for (const o of triangle) if (o.status === "rejected") expect(hasErrorCode(o.reason, "cycle_detected")).toBe(true);
    }
    await checkStoreInvariants(db.store, owner);
  }, 60_000);
});
