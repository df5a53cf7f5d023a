import { beforeEach, describe, expect, it } from "vitest";
import { artifact } from "../../test/fixtures.js";
import { MemoryCatalog } from "../memory/memory-catalog.js";
import { MemoryStore } from "../memory/memory-store.js";
import type { Logger } from "../ports/environment.js";
import { DeploymentSets } from "./deployment-sets.js";

const owner = "alice";
const names = ["a1", "a2", "a3", "a4", "b1", "c1", "c2"];
const artifacts = names.map((name) => artifact(name));
const uuid = (name: string) => `a-${name}`;
const group = { id: "g".repeat(32), name: "Docs toolkit", description: null, artifactUuids: [uuid("a3"), uuid("a4")] };

let time: number;
let warnings: { data: object; message: string }[];
let sets: DeploymentSets;

beforeEach(() => {
  time = Date.UTC(2026, 0, 1);
  warnings = [];
  const logger: Logger = { warn: (data, message) => warnings.push({ data, message }), info: () => {} };
  sets = new DeploymentSets({
    store: new MemoryStore(),
    catalog: new MemoryCatalog({ artifacts, groups: [group] }),
    clock: () => new Date((time += 1000)),
    logger,
  });
});

/** An input a TypeScript caller could not write: the run-time checks are what is under test. */
function untyped<T>(input: unknown): T {
  return input as T;
}

async function expectCode(promise: Promise<unknown>, code: string, data?: object) {
  await expect(promise).rejects.toMatchObject({ code, ...(data ? { data } : {}) });
}

async function positions(setId: string) {
  return (await sets.listMembers(owner, setId)).map((m) => [m.name, m.position]);
}

describe("sets", () => {
  it("creates with defaults", async () => {
    const set = await sets.createSet(owner, { name: " Backend " });
    expect(set).toMatchObject({ name: "Backend", ownerId: owner, tags: [], memberCount: 0, resolvedCount: 0, members: [] });
    expect(set.id).toMatch(/^[0-9a-f]{32}$/);
    expect(set.createdAt).toEqual(set.updatedAt);
  });

  it("updates only what changes, clears with null, and leaves updatedAt on a no-op", async () => {
    const set = await sets.createSet(owner, { name: "S", description: "d", color: "red", tags: ["a"] });
    const same = await sets.updateSet(owner, set.id, { name: "S", description: "d", tags: ["a"] });
    expect(same.updatedAt).toEqual(set.updatedAt);
    const changed = await sets.updateSet(owner, set.id, { description: null, tags: [] });
    expect(changed).toMatchObject({ name: "S", description: null, color: "red", tags: [] });
    expect(changed.updatedAt.getTime()).toBeGreaterThan(set.updatedAt.getTime());
  });

  it("lists newest first with filters, pagination and resolved counts", async () => {
    const a = await sets.createSet(owner, { name: "Alpha 100%", tags: ["Web"] });
    const b = await sets.createSet(owner, { name: "beta", tags: ["api"] });
    await sets.addMember(owner, b.id, { ref: { type: "group", id: group.id } });
    await sets.createSet("bob", { name: "alpha of bob" });
    const all = await sets.listSets(owner, {});
    expect(all.items.map((s) => s.id)).toEqual([b.id, a.id]);
    expect(all.items.map((s) => [s.memberCount, s.resolvedCount])).toEqual([[1, 2], [0, 0]]);
    expect((await sets.listSets(owner, { name: "ALPHA" })).items.map((s) => s.id)).toEqual([a.id]);
    expect((await sets.listSets(owner, { name: "0%" })).total).toBe(1);
    expect((await sets.listSets(owner, { name: "_" })).total).toBe(0);
    expect((await sets.listSets(owner, { tag: "WEB" })).items.map((s) => s.id)).toEqual([a.id]);
    expect(await sets.listSets(owner, { limit: 1, offset: 1 })).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: a.id }] });
  });

  it("validates before looking the set up", async () => {
    await expectCode(sets.updateSet(owner, "f".repeat(32), { name: "" }), "validation_failed");
    await expectCode(sets.updateSet(owner, "f".repeat(32), { name: "ok" }), "set_not_found");
  });

  it("treats malformed ids and other owners' sets as not found", async () => {
    const set = await sets.createSet(owner, { name: "S" });
    await expectCode(sets.getSet(owner, "not-an-id"), "set_not_found", { setId: "not-an-id" });
    await expectCode(sets.getSet("bob", set.id), "set_not_found");
    await expectCode(sets.deleteSet("bob", set.id), "set_not_found");
    await expectCode(sets.addMember("bob", set.id, { ref: { type: "artifact", id: uuid("a1") } }), "set_not_found");
  });
});

describe("members and positions", () => {
  it("appends, inserts, clamps, and keeps positions dense after insert, move, remove and delete", async () => {
    const set = await sets.createSet(owner, { name: "S" });
    await sets.addMember(owner, set.id, { ref: { type: "artifact", id: uuid("a1") } });
    await sets.addMember(owner, set.id, { ref: { type: "artifact", id: uuid("a2") } });
    await sets.addMember(owner, set.id, { ref: { type: "artifact", id: uuid("a3") }, position: 0 });
    const far = await sets.addMember(owner, set.id, { ref: { type: "artifact", id: uuid("a4") }, position: 99 });
    expect(far.position).toBe(3);
    expect(await positions(set.id)).toEqual([["a3", 0], ["a1", 1], ["a2", 2], ["a4", 3]]);

    const moved = await sets.moveMember(owner, set.id, far.id, { position: 0 });
    expect(moved).toMatchObject({ position: 0, name: "a4" });
    const clamped = await sets.moveMember(owner, set.id, far.id, { position: 50 });
    expect(clamped.position).toBe(3);
    expect(await positions(set.id)).toEqual([["a3", 0], ["a1", 1], ["a2", 2], ["a4", 3]]);
    await expectCode(sets.moveMember(owner, set.id, far.id, { position: -1 }), "validation_failed");

    const [first] = await sets.listMembers(owner, set.id);
    await sets.removeMember(owner, set.id, first!.id);
    expect(await positions(set.id)).toEqual([["a1", 0], ["a2", 1], ["a4", 2]]);

    const child = await sets.createSet(owner, { name: "Child" });
    const parent = await sets.createSet(owner, { name: "Parent" });
    await sets.addMember(owner, parent.id, { ref: { type: "artifact", id: uuid("a1") } });
    await sets.addMember(owner, parent.id, { ref: { type: "set", id: child.id } });
    await sets.addMember(owner, parent.id, { ref: { type: "artifact", id: uuid("a2") } });
    await sets.addMember(owner, set.id, { ref: { type: "set", id: child.id }, position: 1 });
    const before = await sets.getSet(owner, parent.id);
    await sets.deleteSet(owner, child.id);
    expect(await positions(parent.id)).toEqual([["a1", 0], ["a2", 1]]);
    expect(await positions(set.id)).toEqual([["a1", 0], ["a2", 1], ["a4", 2]]);
    expect((await sets.getSet(owner, parent.id)).updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });

  it("names each member and reports the errors in precedence order", async () => {
    const set = await sets.createSet(owner, { name: "S" });
    const other = await sets.createSet(owner, { name: "Other" });
    const bobs = await sets.createSet("bob", { name: "Bob's" });
    const added = await sets.addMember(owner, set.id, { ref: { type: "artifact", id: uuid("a1") } });
    expect(added).toMatchObject({ name: "a1", ref: { type: "artifact", id: uuid("a1") }, position: 0, setId: set.id });
    expect(await sets.addMember(owner, set.id, { ref: { type: "group", id: group.id } })).toMatchObject({ name: "Docs toolkit" });
    expect(await sets.addMember(owner, set.id, { ref: { type: "set", id: other.id } })).toMatchObject({ name: "Other" });

    // JavaScript callers get the same checks at run time as TypeScript callers get from the types.
    await expectCode(sets.addMember(owner, set.id, untyped({ artifact_uuid: uuid("a1") })), "validation_failed", {
      errors: [
        { path: "ref", message: "Invalid input: expected object, received undefined" },
        { path: "artifact_uuid", message: "unknown field" },
      ],
    });
    await expectCode(sets.addMember(owner, "0".repeat(32), { ref: { type: "artifact", id: "nope" } }), "set_not_found");
    await expectCode(sets.addMember(owner, set.id, { ref: { type: "artifact", id: "nope" } }), "unknown_reference", { kind: "artifact", id: "nope" });
    await expectCode(sets.addMember(owner, set.id, { ref: { type: "group", id: "nope" } }), "unknown_reference", { kind: "group" });
    await expectCode(sets.addMember(owner, set.id, { ref: { type: "set", id: bobs.id } }), "unknown_reference", { kind: "set" });
    await expectCode(sets.addMember(owner, set.id, { ref: { type: "artifact", id: uuid("a1") } }), "duplicate_member", { memberId: added.id });
    await expectCode(sets.removeMember(owner, other.id, added.id), "member_not_found", { memberId: added.id });
    await expectCode(sets.removeMember(owner, set.id, "bad"), "member_not_found");
    await expectCode(sets.removeMember(owner, "bad", "bad"), "set_not_found");
  });

  it("stores an artifact added by its derived id under its uuid, so it cannot be added twice", async () => {
    const derived = "d".repeat(32);
    const aliased = new DeploymentSets({
      store: new MemoryStore(),
      catalog: new MemoryCatalog({ artifacts, groups: [group], aliases: new Map([[derived, uuid("a1")]]) }),
    });
    const set = await aliased.createSet(owner, { name: "S" });
    const added = await aliased.addMember(owner, set.id, { ref: { type: "artifact", id: derived } });
    expect(added).toMatchObject({ name: "a1", ref: { type: "artifact", id: uuid("a1") } });
    await expectCode(aliased.addMember(owner, set.id, { ref: { type: "artifact", id: uuid("a1") } }), "duplicate_member", { memberId: added.id });
    await expectCode(aliased.addMember(owner, set.id, { ref: { type: "artifact", id: derived } }), "duplicate_member", { memberId: added.id });
    expect((await aliased.listMembers(owner, set.id)).map((m) => m.ref)).toEqual([{ type: "artifact", id: uuid("a1") }]);
  });

  it("rejects self, two-step and three-step cycles with the full path and names, and logs them", async () => {
    const a = await sets.createSet(owner, { name: "A" });
    const b = await sets.createSet(owner, { name: "B" });
    const c = await sets.createSet(owner, { name: "C" });
    await expectCode(sets.addMember(owner, a.id, { ref: { type: "set", id: a.id } }), "cycle_detected", { path: [a.id, a.id], setNames: ["A", "A"] });
    await sets.addMember(owner, a.id, { ref: { type: "set", id: b.id } });
    await expectCode(sets.addMember(owner, b.id, { ref: { type: "set", id: a.id } }), "cycle_detected", { path: [b.id, a.id, b.id], setNames: ["B", "A", "B"] });
    await sets.addMember(owner, b.id, { ref: { type: "set", id: c.id } });
    await expectCode(sets.addMember(owner, c.id, { ref: { type: "set", id: a.id } }), "cycle_detected", {
      path: [c.id, a.id, b.id, c.id],
      setNames: ["C", "A", "B", "C"],
    });
    expect(warnings).toHaveLength(3);
    expect(await positions(c.id)).toEqual([]);
  });

  it("accepts diamonds and resolves them once", async () => {
    const [top, left, right, shared] = await Promise.all(["Top", "Left", "Right", "Shared"].map((name) => sets.createSet(owner, { name })));
    await sets.addMember(owner, shared!.id, { ref: { type: "artifact", id: uuid("c1") } });
    for (const side of [left!, right!]) await sets.addMember(owner, side.id, { ref: { type: "set", id: shared!.id } });
    await sets.addMember(owner, top!.id, { ref: { type: "set", id: left!.id } });
    await sets.addMember(owner, top!.id, { ref: { type: "set", id: right!.id } });
    const resolution = await sets.resolve(owner, top!.id);
    expect(resolution.artifacts.map((a) => [a.name, a.sourcePath])).toEqual([["c1", ["Top", "Left", "Shared"]]]);
    expect(resolution.duplicatesDropped).toBe(0);
  });

  it("enforces the member limit", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => artifact(`x${i}`));
    const big = new DeploymentSets({ store: new MemoryStore(), catalog: new MemoryCatalog({ artifacts: many }) });
    const target = await big.createSet(owner, { name: "Big" });
    for (const a of many) await big.addMember(owner, target.id, { ref: { type: "artifact", id: a.uuid } });
    await expectCode(big.addMember(owner, target.id, { ref: { type: "artifact", id: "nope" } }), "unknown_reference");
    const extra = await big.createSet(owner, { name: "Extra" });
    await expectCode(big.addMember(owner, target.id, { ref: { type: "set", id: extra.id } }), "too_many_members", { limit: 10_000 });
  }, 60_000);
});

describe("resolve", () => {
  it("resolves the 3-level example with source paths and reports missing references", async () => {
    const c = await sets.createSet(owner, { name: "C" });
    const b = await sets.createSet(owner, { name: "B" });
    const a = await sets.createSet(owner, { name: "A" });
    await sets.addMember(owner, c.id, { ref: { type: "artifact", id: uuid("c1") } });
    await sets.addMember(owner, c.id, { ref: { type: "artifact", id: uuid("c2") } });
    await sets.addMember(owner, b.id, { ref: { type: "artifact", id: uuid("b1") } });
    await sets.addMember(owner, b.id, { ref: { type: "set", id: c.id } });
    await sets.addMember(owner, a.id, { ref: { type: "artifact", id: uuid("a1") } });
    await sets.addMember(owner, a.id, { ref: { type: "set", id: b.id } });
    const resolution = await sets.resolve(owner, a.id);
    expect(resolution.artifacts.map((x) => [x.name, x.sourcePath])).toEqual([
      ["a1", ["A"]],
      ["b1", ["A", "B"]],
      ["c1", ["A", "B", "C"]],
      ["c2", ["A", "B", "C"]],
    ]);
    expect((await sets.getSet(owner, a.id)).resolvedCount).toBe(4);
  });

  it("reports null resolvedCount and depth_limit_exceeded over 20 levels", async () => {
    const chain = [];
    for (let i = 0; i < 21; i++) chain.push(await sets.createSet(owner, { name: `L${i}` }));
    for (let i = 0; i < 20; i++) await sets.addMember(owner, chain[i]!.id, { ref: { type: "set", id: chain[i + 1]!.id } });
    expect((await sets.getSet(owner, chain[1]!.id)).resolvedCount).toBe(0);
    expect((await sets.getSet(owner, chain[0]!.id)).resolvedCount).toBeNull();
    await expectCode(sets.resolve(owner, chain[0]!.id), "depth_limit_exceeded", { limit: 20, path: chain.map((s) => s.id) });
  });
});

describe("clone", () => {
  it("copies fields and members in order, independently both ways", async () => {
    const child = await sets.createSet(owner, { name: "Child" });
    const source = await sets.createSet(owner, { name: "Src", description: "d", icon: "🚀", color: "#fff", tags: ["t"] });
    await sets.addMember(owner, source.id, { ref: { type: "artifact", id: uuid("a1") } });
    await sets.addMember(owner, source.id, { ref: { type: "set", id: child.id } });
    const clone = await sets.cloneSet(owner, source.id);
    expect(clone).toMatchObject({ name: "Src (copy)", description: "d", icon: "🚀", color: "#fff", tags: ["t"], memberCount: 2 });
    expect(clone.members.map((m) => [m.name, m.position])).toEqual([["a1", 0], ["Child", 1]]);
    expect(clone.members.every((m) => m.addedAt.getTime() === clone.createdAt.getTime())).toBe(true);
    const sourceMembers = await sets.listMembers(owner, source.id);
    expect(clone.members.map((m) => m.id)).not.toEqual(sourceMembers.map((m) => m.id));

    await sets.addMember(owner, clone.id, { ref: { type: "artifact", id: uuid("a2") } });
    await sets.updateSet(owner, clone.id, { tags: ["changed"] });
    expect(await sets.getSet(owner, source.id)).toMatchObject({ memberCount: 2, tags: ["t"] });
    await sets.removeMember(owner, source.id, sourceMembers[0]!.id);
    expect((await sets.getSet(owner, clone.id)).memberCount).toBe(3);
  });

  it("names the clone, cutting long names to fit", async () => {
    const long = await sets.createSet(owner, { name: "😀".repeat(255) });
    const clone = await sets.cloneSet(owner, long.id, {});
    expect([...clone.name]).toHaveLength(255);
    expect(clone.name.endsWith(" (copy)")).toBe(true);
    expect((await sets.cloneSet(owner, long.id, { name: "Mine" })).name).toBe("Mine");
    await expectCode(sets.cloneSet(owner, long.id, { name: "" }), "validation_failed");
  });
});

describe("deploy", () => {
  it("validates, then finds the set, then needs a deployer", async () => {
    const set = await sets.createSet(owner, { name: "S" });
    await expectCode(sets.deploy(owner, set.id, untyped({ projectPath: "/tmp", profile: "vim" })), "validation_failed");
    await expectCode(sets.deploy(owner, "0".repeat(32), { projectPath: "/tmp" }), "set_not_found");
    await expectCode(sets.deploy(owner, set.id, { projectPath: "/tmp" }), "deploy_disabled");
  });
});

describe("catalog lists", () => {
  it("lists artifacts and groups with paging", async () => {
    expect(await sets.listArtifacts({ q: "A", limit: 2 })).toMatchObject({ total: 4, limit: 2, offset: 0, items: [{ name: "a1" }, { name: "a2" }] });
    expect((await sets.listGroups({})).items).toEqual([group]);
    await expectCode(sets.listArtifacts(untyped({ type: "plugin" })), "validation_failed");
    await expectCode(sets.listArtifacts(untyped({ limit: "2" })), "validation_failed", {
      errors: [{ path: "limit", message: "Invalid input: expected number, received string" }],
    });
  });
});
