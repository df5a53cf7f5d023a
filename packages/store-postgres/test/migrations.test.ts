import { newId } from "@deployment-sets/core";
import { afterEach, describe, expect, it } from "vitest";
import { PostgresStore } from "../src/index.js";
import { connect } from "../src/connection.js";
import { MIGRATION_TABLE, migrateDown, migrateToLatest, migrations } from "../src/migrations/index.js";
import { createDatabase, dropDatabase, randomName, withClient } from "./support/databases.js";
import { noPg, pgUrl } from "./support/pg.js";

const TABLES = ["deployment_sets", "deployment_set_tags", "deployment_set_members"];
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

  it("every migration has a down", () => {
    for (const migration of Object.values(migrations)) expect(migration.down).toBeTypeOf("function");
  });
});
