import { randomDag } from "@deployment-sets/bench-fixtures";
import { DeploymentSets, MemoryCatalog, type OwnerId } from "@deployment-sets/core";
import { newOwnerId } from "@deployment-sets/store-testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueryEvent } from "../src/index.js";
import { bulkLoad } from "./support/bulk-load.js";
import { noPg, pgUrl, schemaStore, type SchemaStore } from "./support/pg.js";

/** The statements (kysely's and the graph loader's, transaction control included) sent while `work` runs. */
async function statementsOf(log: QueryEvent[], work: () => Promise<unknown>): Promise<string[]> {
  const from = log.length;
  await work();
  return log.slice(from).map((event) => event.sql.replace(/\s+/g, " ").trim().slice(0, 60));
}

describe.skipIf(noPg)("round trips do not grow with the graph", () => {
  const log: QueryEvent[] = [];
  let db: SchemaStore;
  const dag = randomDag({ seed: 3 }); // 10,000 sets, 100,000 members, longest chain 20
  const catalog = new MemoryCatalog({ artifacts: dag.artifacts, groups: dag.groups });
  let service: DeploymentSets;
  let chainOwner: OwnerId;
  let chain: string[];
  const dagOwner = newOwnerId();

  beforeAll(async () => {
    db = await schemaStore({ onQuery: (event) => log.push(event) });
    service = new DeploymentSets({ store: db.store, catalog });
    chainOwner = newOwnerId();
    chain = [];
    for (let level = 0; level < 20; level++) chain.push((await service.createSet(chainOwner, { name: `Level ${level}` })).id);
    for (let level = 0; level < 19; level++) {
      await service.addMember(chainOwner, chain[level]!, { ref: { type: "artifact", id: dag.artifacts[level]!.uuid } });
      await service.addMember(chainOwner, chain[level]!, { ref: { type: "set", id: chain[level + 1]! } });
    }
    await bulkLoad(pgUrl, db.schema, dagOwner, dag.sets);
  }, 120_000);
  afterAll(() => db?.dispose());

  it("resolve is one statement on a 20-level chain and on the 10,000-set graph", async () => {
    const onChain = await statementsOf(log, async () => {
      const resolution = await service.resolve(chainOwner, chain[0]!);
      expect(resolution.depth).toBe(20);
      expect(resolution.artifacts).toHaveLength(19);
    });
    const onDag = await statementsOf(log, async () => {
      const resolution = await service.resolve(dagOwner, dag.rootId);
      expect(resolution.depth).toBe(20);
    });
    expect(onChain).toHaveLength(1);
    expect(onChain[0]).toMatch(/^with recursive reach/);
    expect(onDag).toEqual(onChain);
  });

  it("a nested add with its cycle check costs the same statements on the chain and on the big graph", async () => {
    const onChain = await statementsOf(log, () =>
      service.addMember(chainOwner, chain[19]!, { ref: { type: "set", id: chain[10]! } }).catch((error: { code: string }) => {
        expect(error.code).toBe("cycle_detected");
      }),
    );
    const leaf = dag.sets.at(-1)!.id;
    const onDag = await statementsOf(log, () =>
      service.addMember(dagOwner, leaf, { ref: { type: "set", id: dag.rootId } }).catch((error: { code: string }) => {
        expect(error.code).toBe("cycle_detected");
      }),
    );
    // begin, owner lock (with its timeout), context, reachable edges (one recursive query), rollback.
    expect(onChain.length).toBeLessThanOrEqual(5);
    expect(onDag).toEqual(onChain);

    const accepted = await statementsOf(log, () => service.addMember(dagOwner, dag.rootId, { ref: { type: "set", id: leaf } }));
    // + shift, insert, touch and commit: still a constant (the nested set's name comes from the check's own read).
    expect(accepted.length).toBeLessThanOrEqual(8);
  });
});
