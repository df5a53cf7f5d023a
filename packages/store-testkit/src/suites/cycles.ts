import type { DeploymentSets, OwnerId } from "@deployment-sets/core";
import { expect } from "vitest";
import { artifactUuid } from "../fixtures/catalog.js";
import { expectErrorCode } from "../fixtures/expect-error.js";
import { checkStoreInvariants } from "../invariants.js";
import type { FeatureSuite } from "../suite-context.js";

/** Creates one set per name through the service and returns their ids, in order. */
async function createSets(service: DeploymentSets, owner: OwnerId, names: readonly string[]): Promise<string[]> {
  const ids = [];
  for (const name of names) ids.push((await service.createSet(owner, { name })).id);
  return ids;
}

/** Cycles, through the real service: rejected with the full path and names; DAGs with diamonds accepted. */
export const cyclesSuite: FeatureSuite = (test) => {
  test("rejects a set containing itself", async ({ service, owner }) => {
    const [a] = await createSets(service, owner, ["Alpha"]);
    const error = await expectErrorCode(() => service.addMember(owner, a!, { ref: { type: "set", id: a! } }), "cycle_detected");
    expect(error.data).toEqual({ path: [a, a], setNames: ["Alpha", "Alpha"] });
  });

  test("rejects A -> B when B contains A", async ({ service, owner }) => {
    const [a, b] = await createSets(service, owner, ["Alpha", "Beta"]);
    await service.addMember(owner, b!, { ref: { type: "set", id: a! } });
    const error = await expectErrorCode(() => service.addMember(owner, a!, { ref: { type: "set", id: b! } }), "cycle_detected");
    expect(error.data).toEqual({ path: [a, b, a], setNames: ["Alpha", "Beta", "Alpha"] });
  });

  test("rejects A -> B when B -> C -> A, naming every set", async ({ service, owner }) => {
    const [a, b, c] = await createSets(service, owner, ["Alpha", "Beta", "Gamma"]);
    await service.addMember(owner, b!, { ref: { type: "artifact", id: artifactUuid(0) } });
    await service.addMember(owner, b!, { ref: { type: "set", id: c! } });
    await service.addMember(owner, c!, { ref: { type: "set", id: a! } });
    const error = await expectErrorCode(() => service.addMember(owner, a!, { ref: { type: "set", id: b! } }), "cycle_detected");
    expect(error.data).toEqual({ path: [a, b, c, a], setNames: ["Alpha", "Beta", "Gamma", "Alpha"] });
    for (const name of ["Alpha", "Beta", "Gamma"]) expect(error.message).toContain(name);
  });

  test("reports the shortest cycle when there are several", async ({ service, owner }) => {
    const [a, b, c, d] = await createSets(service, owner, ["A", "B", "C", "D"]);
    await service.addMember(owner, b!, { ref: { type: "set", id: c! } });
    await service.addMember(owner, c!, { ref: { type: "set", id: d! } });
    await service.addMember(owner, d!, { ref: { type: "set", id: a! } });
    await service.addMember(owner, b!, { ref: { type: "set", id: d! } });
    const error = await expectErrorCode(() => service.addMember(owner, a!, { ref: { type: "set", id: b! } }), "cycle_detected");
    expect(error.data.path).toEqual([a, b, d, a]);
  });

  test("finds a cycle through a chain deeper than the depth limit", async ({ service, owner }) => {
    const chain = await createSets(service, owner, Array.from({ length: 25 }, (_, i) => `L${i}`));
    for (let i = 0; i + 1 < chain.length; i++) await service.addMember(owner, chain[i]!, { ref: { type: "set", id: chain[i + 1]! } });
    const last = chain.at(-1)!;
    const error = await expectErrorCode(() => service.addMember(owner, last, { ref: { type: "set", id: chain[0]! } }), "cycle_detected");
    expect(error.data.path).toEqual([last, ...chain]);
    expect(error.data.setNames).toEqual(["L24", ...chain.map((_, i) => `L${i}`)]);
  }, { timeout: 30_000 });

  test("a rejected add changes nothing", async ({ service, store, owner, clock }) => {
    const [a, b] = await createSets(service, owner, ["A", "B"]);
    await service.addMember(owner, a!, { ref: { type: "artifact", id: artifactUuid(0) } });
    await service.addMember(owner, b!, { ref: { type: "set", id: a! } });
    const before = await store.loadGraph(owner, [a!, b!]);
    clock.tick(50);
    await expectErrorCode(() => service.addMember(owner, a!, { ref: { type: "set", id: b! }, position: 0 }), "cycle_detected");
    expect(await store.loadGraph(owner, [a!, b!])).toEqual(before);
  });

  test("accepts a DAG with diamonds and shortcuts", async ({ service, store, owner }) => {
    const [top, left, right, bottom, leaf] = await createSets(service, owner, ["Top", "Left", "Right", "Bottom", "Leaf"]);
    const edges: [string, string][] = [
      [top!, left!],
      [top!, right!],
      [left!, bottom!],
      [right!, bottom!],
      [bottom!, leaf!],
      [top!, bottom!],
      [left!, leaf!],
      [top!, leaf!],
    ];
    for (const [parent, child] of edges) await service.addMember(owner, parent, { ref: { type: "set", id: child } });
    await service.addMember(owner, leaf!, { ref: { type: "artifact", id: artifactUuid(0) } });
    expect((await service.resolve(owner, top!)).artifacts.map((a) => a.uuid)).toEqual([artifactUuid(0)]);
    await checkStoreInvariants(store, owner);
  });

  test("accepts the reverse edge once the cycle is broken", async ({ service, store, owner }) => {
    const [a, b] = await createSets(service, owner, ["A", "B"]);
    const edge = await service.addMember(owner, b!, { ref: { type: "set", id: a! } });
    await expectErrorCode(() => service.addMember(owner, a!, { ref: { type: "set", id: b! } }), "cycle_detected");
    await service.removeMember(owner, b!, edge.id);
    await service.addMember(owner, a!, { ref: { type: "set", id: b! } });
    await checkStoreInvariants(store, owner);
  });
};
