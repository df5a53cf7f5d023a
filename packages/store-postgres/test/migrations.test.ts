import { newId } from "@deployment-sets/core";
import { afterEach, describe, expect, it } from "vitest";
import { PostgresStore } from "../src/index.js";
import { connect } from "../src/connection.js";
import { createMigrator, MIGRATION_TABLE, migrateDown, migrateToLatest, migrations } from "../src/migrations/index.js";
import { createDatabase, dropDatabase, randomName, withClient } from "./support/databases.js";
import { noPg, pgUrl } from "./support/pg.js";

const TABLES = ["deployment_sets", "deployment_set_tags", "deployment_set_members", "deployment_set_deployments"];
const OWNER = "migrating";
/** kysely's PostgreSQL migration lock (a session advisory lock). */
const KYSELY_MIGRATION_LOCK = "3853314791062309107";

describe.skipIf(noPg)("migrations", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A fresh, empty database (dropped after the test) and stores on it. */
  async function freshDatabase() {
    const name = randomName("ds_test_mig");
    const url = await createDatabase(pgUrl, name);
    cleanups.push(() => dropDatabase(pgUrl, name));
    const open = (schema?: string) => {
      const store = new PostgresStore({ connectionString: url, poolSize: 2, ...(schema ? { schema } : {}) });
      cleanups.push(() => store.close());
      return store;
    };
    const kysely = () => {
      const { db } = connect({ connectionString: url, poolSize: 1, schema: undefined, connectionTimeoutMillis: 5_000, onQuery: undefined });
      cleanups.push(() => db.destroy());
      return db;
    };
    const tables = (schema = "public") =>
      withClient(url, async (client) => {
        const { rows } = await client.query<{ table_name: string }>(
          "select table_name from information_schema.tables where table_schema = $1 order by table_name",
          [schema],
        );
        return rows.map((row) => row.table_name);
      });
    const applied = (schema = "public") =>
      withClient(url, async (client) => (await client.query(`select name from "${schema}".${MIGRATION_TABLE} order by name`)).rows.map((r) => r.name));
    return { url, open, kysely, tables, applied };
  }

  /** A fresh database at version 1 (only the initial schema) holding one set with a tag and two members. */
  async function versionOneDatabase() {
    const fresh = await freshDatabase();
    const result = await createMigrator(fresh.kysely()).migrateTo("0001_initial_schema");
    expect(result.error).toBeUndefined();
    expect(await fresh.applied()).toEqual(["0001_initial_schema"]);
    expect(await fresh.tables()).not.toContain("deployment_set_deployments");
    await withClient(fresh.url, async (client) => {
      await client.query(
        `insert into deployment_sets (id, owner_id, name, name_folded, description, created_at, updated_at)
         values ('s1', $1, 'Old', 'old', 'd', 1000, 2000)`,
        [OWNER],
      );
      await client.query("insert into deployment_set_tags values ('s1', 0, 'Tag', 'tag')");
      await client.query(
        `insert into deployment_set_members (id, set_id, artifact_uuid, group_id, nested_set_id, position, added_at)
         values ('m1', 's1', 'a1', null, null, 0, 3000), ('m2', 's1', null, 'g1', null, 1, 4000)`,
      );
    });
    return fresh;
  }

  /** Checks that the data of {@link versionOneDatabase} is intact. */
  async function expectVersionOneData(store: PostgresStore): Promise<void> {
    expect(await store.getSet(OWNER, "s1")).toEqual({
      id: "s1", ownerId: OWNER, name: "Old", description: "d", icon: null, color: null, tags: ["Tag"],
      createdAt: new Date(1000), updatedAt: new Date(2000),
    });
    expect(await store.listMembers(OWNER, "s1")).toEqual([
      { id: "m1", setId: "s1", ref: { type: "artifact", id: "a1" }, position: 0, addedAt: new Date(3000) },
      { id: "m2", setId: "s1", ref: { type: "group", id: "g1" }, position: 1, addedAt: new Date(4000) },
    ]);
  }

  it("migrate up on an empty database, down, and up again", async () => {
    const fresh = await freshDatabase();
    await fresh.open().init();
    expect(await fresh.tables()).toEqual(expect.arrayContaining(TABLES));
    expect(await fresh.applied()).toEqual(Object.keys(migrations));

    const db = fresh.kysely();
    for (let i = 0; i < Object.keys(migrations).length; i++) await migrateDown(db);
    expect((await fresh.tables()).filter((t) => TABLES.includes(t))).toEqual([]);
    expect(await fresh.applied()).toEqual([]);

    const store = fresh.open();
    await store.init();
    expect(await fresh.tables()).toEqual(expect.arrayContaining(TABLES));
    const set = await store.createSet("alice", { id: newId(), name: "After", description: null, icon: null, color: null, tags: ["t"], createdAt: new Date() });
    expect(await store.getSet("alice", set.id)).toEqual(set);
  });

  it("is idempotent: a second init and a second migrator run change nothing", async () => {
    const fresh = await freshDatabase();
    const store = fresh.open();
    await store.init();
    await store.init();
    await fresh.open().init();
    expect((await migrateToLatest(fresh.kysely())).results).toEqual([]);
    expect(await fresh.applied()).toEqual(Object.keys(migrations));
  });

  it("several pools migrating one fresh database at once all succeed, and migrate it once", async () => {
    const fresh = await freshDatabase();
    const stores = Array.from({ length: 4 }, () => fresh.open());
    const results = await Promise.allSettled(stores.map((store) => store.init()));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await fresh.applied()).toEqual(Object.keys(migrations));
    await stores[3]!.createSet("bob", { id: newId(), name: "Works", description: null, icon: null, color: null, tags: [], createdAt: new Date() });
  });

  it("several pools creating and migrating one fresh schema at once all succeed", async () => {
    const fresh = await freshDatabase();
    const schema = randomName("s");
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => fresh.open(schema).init()));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await fresh.tables(schema)).toEqual(expect.arrayContaining(TABLES));
    expect(await fresh.tables()).toEqual([]);
    expect(await fresh.applied(schema)).toEqual(Object.keys(migrations));
  });

  it("init waits for kysely's advisory migration lock held by another process", async () => {
    const fresh = await freshDatabase();
    await withClient(fresh.url, async (holder) => {
      await holder.query(`select pg_advisory_lock(${KYSELY_MIGRATION_LOCK})`);
      let done = false;
      const init = fresh.open().init().then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(done).toBe(false);
      const { rows } = await holder.query(
        "select 1 from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())",
      );
      expect(rows.length).toBe(1);
      expect(await fresh.tables()).not.toContain("deployment_sets");
      await holder.query(`select pg_advisory_unlock(${KYSELY_MIGRATION_LOCK})`);
      await init;
      expect(done).toBe(true);
    });
    expect(await fresh.tables()).toEqual(expect.arrayContaining(TABLES));
  });

  it("migrate a version-1 database holding data to version 2, keeping the data, and back down", async () => {
    const fresh = await versionOneDatabase();
    const store = fresh.open();
    await store.init();
    expect(await fresh.applied()).toEqual(Object.keys(migrations));
    await expectVersionOneData(store);
    const deployed = { setId: "s1", projectPath: "/p", profile: "codex" as const, deployedAt: new Date(5000) };
    await store.recordDeployment(OWNER, deployed);
    expect(await store.listDeployments(OWNER, "s1")).toEqual([deployed]);

    await migrateDown(fresh.kysely());
    expect(await fresh.applied()).toEqual(["0001_initial_schema"]);
    expect(await fresh.tables()).not.toContain("deployment_set_deployments");
    await expectVersionOneData(fresh.open()); // no init: reads the version-1 tables as they are

    const again = fresh.open();
    await again.init();
    await expectVersionOneData(again);
    expect(await again.listDeployments(OWNER, "s1")).toEqual([]);
  });

  it("several pools migrating one version-1 database holding data at once all succeed, and migrate it once", async () => {
    const fresh = await versionOneDatabase();
    const stores = Array.from({ length: 4 }, () => fresh.open());
    const results = await Promise.allSettled(stores.map((store) => store.init()));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await fresh.applied()).toEqual(Object.keys(migrations));
    for (const store of stores) await expectVersionOneData(store);
    await stores[0]!.recordDeployment(OWNER, { setId: "s1", projectPath: "/p", profile: "gemini", deployedAt: new Date(6000) });
    expect(await stores[3]!.listDeployments(OWNER, "s1")).toHaveLength(1);
  });

  it("re-running the deployment_set_deployments migration outside the bookkeeping changes nothing", async () => {
    const fresh = await freshDatabase();
    const store = fresh.open();
    await store.init();
    const set = await store.createSet(OWNER, { id: newId(), name: "S", description: null, icon: null, color: null, tags: [], createdAt: new Date() });
    const deployed = { setId: set.id, projectPath: "/p", profile: "cursor" as const, deployedAt: new Date(7000) };
    await store.recordDeployment(OWNER, deployed);
    await migrations["0002_set_deployments"]!.up(fresh.kysely() as never);
    expect(await store.listDeployments(OWNER, set.id)).toEqual([deployed]);
  });

  it("every migration has a down", () => {
    for (const migration of Object.values(migrations)) expect(migration.down).toBeTypeOf("function");
  });
});
