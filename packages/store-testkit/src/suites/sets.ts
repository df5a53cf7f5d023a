import { foldCase, type DeploymentSet } from "@deployment-sets/core";
import type { StorePage } from "@deployment-sets/core/ports";
import { expect } from "vitest";
import { artifactRef, setRef } from "../fixtures/catalog.js";
import { expectErrorCode } from "../fixtures/expect-error.js";
import type { FeatureSuite } from "../suite-context.js";

const ALL = { limit: 200, offset: 0 } as const;

/** Names of a page's items, sorted, for filters whose order another test pins. */
function sortedNames(page: StorePage<DeploymentSet>): string[] {
  return page.items.map((set) => set.name).sort();
}

/** Sets: create, get, list (filters, order, pages), update and delete. */
export const setsSuite: FeatureSuite = (test) => {
  test("init is idempotent", async ({ store, owner, newSet }) => {
    await store.init();
    await store.init();
    const set = await newSet();
    expect(await store.getSet(owner, set.id)).toEqual(set);
  });

  test("createSet returns the set with its owner and updatedAt = createdAt", async ({ store, owner, ids, clock }) => {
    const id = ids();
    const set = await store.createSet(owner, {
      id,
      name: "Backend",
      description: "APIs",
      icon: "🚀",
      color: "#0af",
      tags: ["api", "Team-A"],
      createdAt: clock.now(),
    });
    expect(set).toEqual({
      id,
      ownerId: owner,
      name: "Backend",
      description: "APIs",
      icon: "🚀",
      color: "#0af",
      tags: ["api", "Team-A"],
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    expect(await store.getSet(owner, id)).toEqual(set);
  });

  test("null fields and an empty tag list round-trip", async ({ store, owner, newSet }) => {
    const set = await newSet({ name: "Plain" });
    expect(await store.getSet(owner, set.id)).toMatchObject({ description: null, icon: null, color: null, tags: [] });
  });

  test("fields at their maximum lengths round-trip, astral characters included", async ({ store, owner, newSet }) => {
    const fields = {
      name: "𝄞".repeat(255),
      description: "é😀".repeat(2000),
      icon: "👩‍💻".repeat(12) + "ab".repeat(2),
      color: "rebeccapurple",
      tags: Array.from({ length: 32 }, (_, i) => `${String(i).padStart(2, "0")}-${"ü".repeat(29)}${"😀".repeat(32)}`),
    };
    const set = await newSet(fields);
    expect(await store.getSet(owner, set.id)).toMatchObject(fields);
  });

  test("timestamps keep their milliseconds", async ({ store, owner, newSet, clock }) => {
    clock.tick(456);
    const set = await newSet();
    const stored = await store.getSet(owner, set.id);
    expect(stored?.createdAt.getTime()).toBe(clock.now().getTime());
    expect(stored?.updatedAt.getTime()).toBe(clock.now().getTime());
  });

  test("getSet of an unknown id is undefined", async ({ store, owner, ids }) => {
    expect(await store.getSet(owner, ids())).toBeUndefined();
  });

  test("lists newest first, then by creation sequence within one millisecond", async ({ store, owner, newSet, clock }) => {
    const t0 = clock.now();
    const t1 = clock.tick();
    await newSet({ name: "a (t1)", createdAt: t1 });
    await newSet({ name: "b (t0, created after a)", createdAt: t0 });
    await newSet({ name: "c (t1)", createdAt: t1 });
    const t2 = clock.tick();
    for (const name of ["d", "e", "f"]) await newSet({ name: `${name} (t2)`, createdAt: t2 });
    const page = await store.listSets(owner, ALL);
    expect(page.items.map((set) => set.name)).toEqual(["f (t2)", "e (t2)", "d (t2)", "c (t1)", "a (t1)", "b (t0, created after a)"]);
    expect(page.total).toBe(6);
  });

  test("pages with limit and offset and reports the total", async ({ store, owner, newSet }) => {
    for (let i = 0; i < 7; i++) await newSet({ name: `s${i}` });
    const pages = [];
    for (let offset = 0; offset < 7; offset += 3) pages.push(await store.listSets(owner, { limit: 3, offset }));
    expect(pages.map((page) => page.items.map((set) => set.name))).toEqual([["s6", "s5", "s4"], ["s3", "s2", "s1"], ["s0"]]);
    expect(pages.map((page) => page.total)).toEqual([7, 7, 7]);
  });

  test("an offset past the end gives no items and the full total", async ({ store, owner, newSet }) => {
    for (let i = 0; i < 3; i++) await newSet();
    expect(await store.listSets(owner, { limit: 10, offset: 3 })).toEqual({ items: [], total: 3 });
    expect(await store.listSets(owner, { limit: 10, offset: 50 })).toEqual({ items: [], total: 3 });
  });

  test("an owner with no sets lists nothing", async ({ store, owner }) => {
    expect(await store.listSets(owner, ALL)).toEqual({ items: [], total: 0 });
  });

  test("filters by a case-folded name substring, folding like toLowerCase()", async ({ store, owner, newSet }) => {
    for (const name of ["Backend API", "backend tools", "FRONTEND", "Ärger Über", "İstanbul", "Straße"]) await newSet({ name });
    const find = async (query: string) => sortedNames(await store.listSets(owner, { ...ALL, nameContains: foldCase(query) }));
    expect(await find("BACKEND")).toEqual(["Backend API", "backend tools"]);
    expect(await find("end")).toEqual(["Backend API", "FRONTEND", "backend tools"]);
    expect(await find("ärger ü")).toEqual(["Ärger Über"]);
    expect(await find("İST")).toEqual(["İstanbul"]);
    expect(await find("strasse")).toEqual([]);
    expect(await find("STRAßE")).toEqual(["Straße"]);
    expect(await find("nothing")).toEqual([]);
  });

  test("treats %, _ and \\ in the name filter literally", async ({ store, owner, newSet }) => {
    const names = ["100% sure", "100 percent", "snake_case", "snakeXcase", "back\\slash", "backslash", "a\\%b"];
    for (const name of names) await newSet({ name });
    const find = async (nameContains: string) => sortedNames(await store.listSets(owner, { ...ALL, nameContains }));
    expect(await find("%")).toEqual(["100% sure", "a\\%b"]);
    expect(await find("0%")).toEqual(["100% sure"]);
    expect(await find("_")).toEqual(["snake_case"]);
    expect(await find("e_c")).toEqual(["snake_case"]);
    expect(await find("snake%case")).toEqual([]);
    expect(await find("\\")).toEqual(["a\\%b", "back\\slash"]);
    expect(await find("\\%")).toEqual(["a\\%b"]);
    expect(await find("k\\s")).toEqual(["back\\slash"]);
  });

  test("filters by a case-folded exact tag", async ({ store, owner, newSet }) => {
    await newSet({ name: "one", tags: ["API", "Backend"] });
    await newSet({ name: "two", tags: ["api-v2"] });
    await newSet({ name: "three", tags: ["ÜBER"] });
    const find = async (tag: string) => sortedNames(await store.listSets(owner, { ...ALL, tag: foldCase(tag) }));
    expect(await find("api")).toEqual(["one"]);
    expect(await find("BACKEND")).toEqual(["one"]);
    expect(await find("ap")).toEqual([]);
    expect(await find("api-v2")).toEqual(["two"]);
    expect(await find("über")).toEqual(["three"]);
  });

  test("treats %, _ and \\ in the tag filter literally", async ({ store, owner, newSet }) => {
    for (const tag of ["50%", "50x", "a_b", "axb", "c\\d"]) await newSet({ name: tag, tags: [tag] });
    const find = async (tag: string) => sortedNames(await store.listSets(owner, { ...ALL, tag }));
    expect(await find("50%")).toEqual(["50%"]);
    expect(await find("5%")).toEqual([]);
    expect(await find("%")).toEqual([]);
    expect(await find("a_b")).toEqual(["a_b"]);
    expect(await find("a_%")).toEqual([]);
    expect(await find("c\\d")).toEqual(["c\\d"]);
  });

  test("combines the name and tag filters with pages, total included", async ({ store, owner, newSet }) => {
    for (let i = 0; i < 5; i++) await newSet({ name: `Web ${i}`, tags: i % 2 === 0 ? ["even"] : ["odd"] });
    await newSet({ name: "Other", tags: ["even"] });
    const page = await store.listSets(owner, { nameContains: "web", tag: "even", limit: 2, offset: 1 });
    expect(page.items.map((set) => set.name)).toEqual(["Web 2", "Web 0"]);
    expect(page.total).toBe(3);
  });

  test("filters see renamed names and replaced tags", async ({ store, owner, newSet, clock }) => {
    const set = await newSet({ name: "Old Name", tags: ["Old"] });
    await store.updateSet(owner, set.id, { name: "New Name", tags: ["New"] }, clock.tick());
    const count = async (query: { nameContains?: string; tag?: string }) => (await store.listSets(owner, { ...ALL, ...query })).total;
    expect(await count({ nameContains: "old" })).toBe(0);
    expect(await count({ nameContains: "new name" })).toBe(1);
    expect(await count({ tag: "old" })).toBe(0);
    expect(await count({ tag: "new" })).toBe(1);
  });

  test("updateSet applies a patch: absent keys unchanged, null clears, tags replaced", async ({ store, owner, newSet, clock }) => {
    const set = await newSet({ name: "Before", description: "d", icon: "i", color: "red", tags: ["a", "b"] });
    const now = clock.tick(1000);
    const updated = await store.updateSet(owner, set.id, { description: null, color: "#123456", tags: ["C"] }, now);
    const want = { ...set, description: null, color: "#123456", tags: ["C"], updatedAt: now };
    expect(updated).toEqual(want);
    expect(await store.getSet(owner, set.id)).toEqual(want);
    const renamed = await store.updateSet(owner, set.id, { name: "After", icon: null, tags: [] }, clock.tick());
    expect(renamed).toEqual({ ...want, name: "After", icon: null, tags: [], updatedAt: clock.now() });
  });

  test("updateSet of an unknown set throws set_not_found", async ({ store, owner, ids, clock }) => {
    const id = ids();
    const error = await expectErrorCode(() => store.updateSet(owner, id, { name: "x" }, clock.now()), "set_not_found");
    expect(error.data.setId).toBe(id);
  });

  test("an update that changes nothing leaves updatedAt (service)", async ({ service, store, owner, clock }) => {
    const set = await service.createSet(owner, { name: "Same", tags: ["x"] });
    clock.tick(5);
    await service.updateSet(owner, set.id, { name: "Same", tags: ["x"], description: null });
    expect((await store.getSet(owner, set.id))?.updatedAt).toEqual(set.createdAt);
    await service.updateSet(owner, set.id, { name: "Changed" });
    expect((await store.getSet(owner, set.id))?.updatedAt).toEqual(clock.now());
  });

  test("deleteSet removes the set and its members", async ({ store, owner, newSet, add, clock }) => {
    const set = await newSet();
    await add(set.id, artifactRef(0));
    await add(set.id, artifactRef(1));
    const before = (await store.listSets(owner, ALL)).total;
    await store.deleteSet(owner, set.id, clock.tick());
    expect(await store.getSet(owner, set.id)).toBeUndefined();
    await expectErrorCode(() => store.listMembers(owner, set.id), "set_not_found");
    expect((await store.loadGraph(owner, [set.id])).sets.size).toBe(0);
    expect((await store.listSets(owner, ALL)).total).toBe(before - 1);
  });

  test("deleteSet keeps the sets it contained", async ({ store, owner, newSet, add, clock }) => {
    const parent = await newSet({ name: "Parent" });
    const child = await newSet({ name: "Child" });
    await add(child.id, artifactRef(0));
    await add(parent.id, setRef(child.id));
    await store.deleteSet(owner, parent.id, clock.tick());
    expect(await store.getSet(owner, child.id)).toEqual(child);
    expect((await store.listMembers(owner, child.id)).map((m) => m.ref)).toEqual([artifactRef(0)]);
  });

  test("deleteSet of an unknown or already deleted set throws set_not_found", async ({ store, owner, newSet, ids, clock }) => {
    const unknown = ids();
    expect((await expectErrorCode(() => store.deleteSet(owner, unknown, clock.now()), "set_not_found")).data.setId).toBe(unknown);
    const set = await newSet();
    await store.deleteSet(owner, set.id, clock.now());
    await expectErrorCode(() => store.deleteSet(owner, set.id, clock.now()), "set_not_found");
  });
};
