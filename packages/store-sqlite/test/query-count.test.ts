import { randomDag } from "@deployment-sets/bench-fixtures";
import { DeploymentSets, MemoryCatalog } from "@deployment-sets/core";
import { SqliteStore } from "@deployment-sets/store-sqlite";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkLoad } from "./support/bulk-load.js";
import { tempDatabase, type TempDatabase } from "./temp-database.js";

const OWNER = "counter";

const firstWord = (sql: string) => sql.trim().split(/\s/)[0]!.toLowerCase();

/** A store over `filename` that counts every statement SQLite executes (better-sqlite3's `verbose` hook). */
async function countingStore(filename: string) {
  let statements: string[] = [];
  const db = new Database(filename, { verbose: (sql) => statements.push(String(sql)) });
  const store = new SqliteStore({ database: db });
  await store.init();
  return {
    store,
    /** Runs `fn` and returns the statements it executed. */
    async count(fn: () => Promise<unknown>): Promise<string[]> {
      statements = [];
      await fn();
      return statements;
    },
    close: async () => {
      await store.close();
      db.close();
    },
  };
}

// Two graphs of very different depth and size: a 20-level chain, and 10,000 sets 20 levels deep.
const chain = randomDag({ seed: 3, sets: 20, depth: 20, artifactMembers: 20, groupMembers: 0, setMembers: 19, artifacts: 20, groups: 1 });
const large = randomDag({
  seed: 4, sets: 10_000, depth: 20, artifactMembers: 5_000, groupMembers: 500, setMembers: 15_000, artifacts: 2_000, groups: 50,
});

describe.each([
  ["a 20-level chain", chain],
  ["a 10,000-set graph", large],
])("statements per operation on %s", (_name, dag) => {
  let file: TempDatabase;
  let counting: Awaited<ReturnType<typeof countingStore>>;
  let service: DeploymentSets;

  beforeAll(async () => {
    file = tempDatabase();
    const setup = new SqliteStore({ filename: file.filename });
    await setup.init();
    await setup.close();
    bulkLoad(file.filename, OWNER, dag.sets);
    counting = await countingStore(file.filename);
    service = new DeploymentSets({
      store: counting.store,
      catalog: new MemoryCatalog({ artifacts: dag.artifacts, groups: dag.groups }),
    });
  }, 60_000);
  afterAll(async () => {
    await counting.close();
    file.remove();
  });

  it("resolve issues two statements, whatever the depth and size: the root's row, then one walk", async () => {
    let resolution: Awaited<ReturnType<DeploymentSets["resolve"]>> | undefined;
    const statements = await counting.count(async () => (resolution = await service.resolve(OWNER, dag.rootId)));
    expect(resolution!.depth).toBe(20);
    expect(statements.map(firstWord)).toEqual(["select", "with"]);
  });

  it("resolving the same set again issues one statement: the walk, since the root nested a set last time", async () => {
    const first = await service.resolve(OWNER, dag.rootId);
    let again: Awaited<ReturnType<DeploymentSets["resolve"]>> | undefined;
    const statements = await counting.count(async () => (again = await service.resolve(OWNER, dag.rootId)));
    expect(statements.map(firstWord)).toEqual(["with"]);
    expect(again).toEqual(first);
  });

  it("a get of a set that nests no set issues one statement", async () => {
    const leaf = dag.sets.find((set) => set.members.every((member) => member.ref.type !== "set"))!;
    let details: Awaited<ReturnType<DeploymentSets["getSet"]>> | undefined;
    const statements = await counting.count(async () => (details = await service.getSet(OWNER, leaf.id)));
    expect(details!.members.map((member) => member.ref)).toEqual(leaf.members.map((member) => member.ref));
    expect(statements.map(firstWord)).toEqual(["select"]);
  });

  it("loadGraph returns every reachable set with all its members", async () => {
    const graph = await counting.store.loadGraph(OWNER, [dag.rootId]);
    expect(graph.sets.size).toBe(dag.sets.length);
    for (const set of dag.sets) expect(graph.sets.get(set.id)!.members.map((m) => m.ref)).toEqual(set.members.map((m) => m.ref));
    expect([...graph.roots.keys()]).toEqual([dag.rootId]);
  });

  it("a nested-set add with its cycle check issues a fixed number of statements", async () => {
    // The deepest set gains the root: the cycle check walks the whole graph, still in one statement.
    const deepest = dag.sets.at(-1)!.id;
    const statements = await counting.count(() =>
      service.addMember(OWNER, deepest, { ref: { type: "set", id: dag.rootId } }).catch((error: { code?: string }) => {
        expect(error.code).toBe("cycle_detected");
      }),
    );
    // begin, the target set, the reachable graph; rolled back on the cycle.
    expect(statements.map(firstWord)).toEqual(["begin", "select", "with", "rollback"]);
  });

  it("an accepted nested-set add issues a fixed number of statements", async () => {
    const holder = await service.createSet(OWNER, { name: "Holder" });
    const statements = await counting.count(() => service.addMember(OWNER, holder.id, { ref: { type: "set", id: dag.rootId } }));
    // begin, the target set, the reachable graph, the insert, updated_at, commit (the nested set's name comes from
    // the reachable graph the check read: no read after the commit).
    expect(statements.map(firstWord)).toEqual(["begin", "select", "with", "insert", "update", "commit"]);
  });
});

describe("a root that stops nesting sets", () => {
  it("reads the same as a fresh store, and from its own row again once it nests nothing", async () => {
    const file = tempDatabase();
    const counting = await countingStore(file.filename);
    try {
      const artifact = { uuid: "a".repeat(32), name: "pdf", type: "skill" as const, description: null, tags: [], path: "skills/pdf" };
      const service = new DeploymentSets({ store: counting.store, catalog: new MemoryCatalog({ artifacts: [artifact] }) });
      const root = await service.createSet(OWNER, { name: "Root" });
      const child = await service.createSet(OWNER, { name: "Child" });
      const nested = await service.addMember(OWNER, root.id, { ref: { type: "set", id: child.id } });
      await service.addMember(OWNER, root.id, { ref: { type: "artifact", id: artifact.uuid } });
      expect((await counting.store.loadGraph(OWNER, [root.id])).sets.size).toBe(2);

      await service.removeMember(OWNER, root.id, nested.id);
      // Remembered as nesting: the walk alone, which finds the root nests nothing any more.
      let graph: Awaited<ReturnType<SqliteStore["loadGraph"]>> | undefined;
      expect((await counting.count(async () => (graph = await counting.store.loadGraph(OWNER, [root.id])))).map(firstWord)).toEqual(["with"]);
      const fresh = new SqliteStore({ filename: file.filename });
      try {
        expect(graph).toEqual(await fresh.loadGraph(OWNER, [root.id]));
      } finally {
        await fresh.close();
      }
      // Now remembered as nesting nothing: its own row alone.
      expect((await counting.count(() => counting.store.loadGraph(OWNER, [root.id]))).map(firstWord)).toEqual(["select"]);

      // Another owner asking for the same id finds nothing, whatever the store remembers of it.
      await service.addMember(OWNER, root.id, { ref: { type: "set", id: child.id } });
      await counting.store.loadGraph(OWNER, [root.id]);
      const foreign = await counting.store.loadGraph("someone-else", [root.id]);
      expect(foreign.roots.size + foreign.sets.size).toBe(0);
    } finally {
      await counting.close();
      file.remove();
    }
  });
});
