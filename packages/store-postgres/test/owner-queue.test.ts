import { DeploymentSets, MemoryCatalog, hasErrorCode, type OwnerId } from "@deployment-sets/core";
import { checkStoreInvariants, newOwnerId } from "@deployment-sets/store-testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noPg, pgUrl, schemaStore, type SchemaStore } from "./support/pg.js";

/**
 * Graph writes queue per owner in the process before they take a pooled connection: a burst from one owner holds
 * one connection, not the whole pool, so other owners go on; and a write that waits too long for a stalled lock
 * holder (another process) fails having changed nothing.
 */
describe.skipIf(noPg)("graph writes queue per owner", () => {
  const POOL = 4;
  let db: SchemaStore;
  let sets: DeploymentSets;
  beforeAll(async () => {
    // Waiting for a pooled connection gives up after 1.5 s: without the queue, a burst's writes would hold all four
    // connections waiting for their owner's lock, and the other owner's writes would time out behind them.
    db = await schemaStore({ poolSize: POOL, connectionTimeoutMillis: 1_500, writeWaitMillis: 60_000 });
    sets = new DeploymentSets({ store: db.store, catalog: new MemoryCatalog() });
  });
  afterAll(() => db?.dispose());

  /** A connection of its own holding `owner`'s graph lock until `release` is called (a stalled instance). */
  async function holdLock(owner: OwnerId) {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [owner]);
    return async () => {
      await client.query("ROLLBACK");
      await client.end();
    };
  }

  it("a burst of 300 nested adds from one owner all succeed while another owner's writes go on", async () => {
    const busy = newOwnerId();
    const other = newOwnerId();
    const holder = await sets.createSet(busy, { name: "Holder" });
    const children = await Promise.all(Array.from({ length: 300 }, (_, i) => sets.createSet(busy, { name: `child ${i}` })));
    const otherSet = await sets.createSet(other, { name: "Other" });
    const otherChildren = await Promise.all(Array.from({ length: 20 }, (_, i) => sets.createSet(other, { name: `o${i}` })));

    const burst = Promise.allSettled(children.map((child) => sets.addMember(busy, holder.id, { ref: { type: "set", id: child.id } })));
    // With the pool taken by the burst, these would wait for a connection and time out after 1.5 s.
    const others = await Promise.allSettled(otherChildren.map((child) => sets.addMember(other, otherSet.id, { ref: { type: "set", id: child.id } })));
    expect(others.filter((o) => o.status === "rejected")).toEqual([]);
    const outcomes = await burst;
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    expect((await sets.getSet(busy, holder.id)).memberCount).toBe(300);
    await checkStoreInvariants(db.store, busy);
  });

  it("while another process holds an owner's lock, that owner's writes fail as unavailable and change nothing; others go on", async () => {
    const store = db.another({ poolSize: POOL, writeWaitMillis: 1_500 });
    const sets = new DeploymentSets({ store, catalog: new MemoryCatalog() });
    const stalled = newOwnerId();
    const other = newOwnerId();
    const holder = await sets.createSet(stalled, { name: "Stalled holder" });
    const children = await Promise.all(Array.from({ length: 10 }, (_, i) => sets.createSet(stalled, { name: `c${i}` })));
    const otherSet = await sets.createSet(other, { name: "Free" });
    const otherChild = await sets.createSet(other, { name: "free child" });

    const release = await holdLock(stalled);
    let released = false;
    try {
      const waiting = Promise.allSettled(children.map((child) => sets.addMember(stalled, holder.id, { ref: { type: "set", id: child.id } })));
      await expect(sets.addMember(other, otherSet.id, { ref: { type: "set", id: otherChild.id } })).resolves.toMatchObject({ position: 0 });
      const outcomes = await waiting;
      for (const outcome of outcomes) {
        expect(outcome.status).toBe("rejected");
        if (outcome.status === "rejected") expect(hasErrorCode(outcome.reason, "storage_unavailable"), String(outcome.reason)).toBe(true);
      }
      await release();
      released = true;
      expect((await sets.getSet(stalled, holder.id)).memberCount).toBe(0);
      // Once the holder is gone, the owner writes again.
      await expect(sets.addMember(stalled, holder.id, { ref: { type: "set", id: children[0]!.id } })).resolves.toMatchObject({ position: 0 });
    } finally {
      if (!released) await release();
    }
  });
});
