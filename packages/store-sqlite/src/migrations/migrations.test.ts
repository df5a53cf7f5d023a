import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { hasErrorCode } from "@deployment-sets/core";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { tempDatabase, type TempDatabase } from "../../test/temp-database.js";
import { SqliteStore } from "../sqlite-store.js";
import { migrate, MIGRATION_TABLE, MIGRATIONS, NO_MIGRATIONS } from "./index.js";

const STORE_TABLES = ["deployment_set_members", "deployment_set_tags", "deployment_sets", "deployment_set_deployments"];
const OWNER = "migrating";

const files: TempDatabase[] = [];
afterEach(() => files.splice(0).forEach((file) => file.remove()));

function fresh(): TempDatabase {
  const file = tempDatabase();
  files.push(file);
  return file;
}

function open(filename: string) {
  const db = new Database(filename);
  db.pragma("busy_timeout = 5000");
  const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: db }) });
  return { db, kysely };
}

function tables(db: Database.Database): string[] {
  return db
    .prepare("select name from sqlite_master where type = 'table' and (name like 'deployment_set%' or name = 'deployment_set_deployments') order by name")
    .pluck()
    .all() as string[];
}

function applied(db: Database.Database): string[] {
  return db.prepare(`select name from ${MIGRATION_TABLE} order by name`).pluck().all() as string[];
}

/** A file at version 1 (only the initial schema) holding one set with a tag and two members. */
async function versionOneFile(): Promise<TempDatabase> {
  const file = fresh();
  const { db, kysely } = open(file.filename);
  await migrate(kysely, "0001_initial_schema", 1000);
  expect(applied(db)).toEqual(["0001_initial_schema"]);
  expect(tables(db)).not.toContain("deployment_set_deployments");
  db.prepare("insert into deployment_sets values ('s1', ?, 1, 'Old', 'old', 'd', null, null, 1000, 2000)").run(OWNER);
  db.prepare("insert into deployment_set_tags values ('s1', 0, 'Tag', 'tag')").run();
  db.prepare("insert into deployment_set_members values ('m1', 's1', 'a1', null, null, 0, 3000)").run();
  db.prepare("insert into deployment_set_members values ('m2', 's1', null, 'g1', null, 1, 4000)").run();
  await kysely.destroy();
  return file;
}

/** Checks that the data of {@link versionOneFile} is intact, through a store (which migrates to the latest). */
async function expectVersionOneData(store: SqliteStore): Promise<void> {
  expect(await store.getSet(OWNER, "s1")).toEqual({
    id: "s1", ownerId: OWNER, name: "Old", description: "d", icon: null, color: null, tags: ["Tag"],
    createdAt: new Date(1000), updatedAt: new Date(2000),
  });
  expect(await store.listMembers(OWNER, "s1")).toEqual([
    { id: "m1", setId: "s1", ref: { type: "artifact", id: "a1" }, position: 0, addedAt: new Date(3000) },
    { id: "m2", setId: "s1", ref: { type: "group", id: "g1" }, position: 1, addedAt: new Date(4000) },
  ]);
}

/** Starts three processes that migrate `filename` at the same instant; resolves with each one's outcome. */
function migrateFromThreeProcesses(filename: string): Promise<string[]> {
  const child = fileURLToPath(new URL("../../test/fixtures/migrate-child.ts", import.meta.url));
  const startAt = Date.now() + 1500; // after the children have loaded
  return Promise.all(
    [0, 1, 2].map(
      () =>
        new Promise<string>((resolve) => {
          const proc = spawn(process.execPath, ["--import", "tsx", child, filename, String(startAt)], {
            stdio: ["ignore", "ignore", "pipe"],
          });
          let stderr = "";
          proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
          proc.on("exit", (code) => resolve(code === 0 ? "ok" : `exit ${code}: ${stderr}`));
        }),
    ),
  );
}

describe("migrations", () => {
  it("go up on an empty database, down to nothing, and up again", async () => {
    const { db, kysely } = open(fresh().filename);
    await migrate(kysely, "latest", 1000);
    expect(tables(db)).toEqual(expect.arrayContaining(STORE_TABLES));
    expect(applied(db)).toEqual(Object.keys(MIGRATIONS));

    await migrate(kysely, "latest", 1000); // idempotent
    expect(applied(db)).toEqual(Object.keys(MIGRATIONS));

    await migrate(kysely, NO_MIGRATIONS, 1000);
    expect(tables(db).filter((name) => STORE_TABLES.includes(name))).toEqual([]);
    expect(applied(db)).toEqual([]);

    await migrate(kysely, "latest", 1000);
    expect(tables(db)).toEqual(expect.arrayContaining(STORE_TABLES));
    await kysely.destroy();
  });

  it("create the documented columns, keys and indexes", async () => {
    const { db, kysely } = open(fresh().filename);
    await migrate(kysely, "latest", 1000);
    const columns = (table: string) => db.prepare(`select name from pragma_table_info('${table}')`).pluck().all();
    expect(columns("deployment_sets")).toEqual([
      "id", "owner_id", "seq", "name", "name_folded", "description", "icon", "color", "created_at", "updated_at",
    ]);
    expect(columns("deployment_set_tags")).toEqual(["set_id", "position", "tag", "tag_folded"]);
    expect(columns("deployment_set_members")).toEqual([
      "id", "set_id", "artifact_uuid", "group_id", "nested_set_id", "position", "added_at",
    ]);
    expect(columns("deployment_set_deployments")).toEqual(["owner_id", "set_id", "project_path", "profile", "deployed_at"]);
    expect(db.prepare("select name from pragma_table_info('deployment_set_deployments') where pk > 0 order by pk").pluck().all()).toEqual([
      "set_id", "project_path", "profile",
    ]);
    expect(db.prepare("select type from pragma_table_info('deployment_set_deployments') where name = 'deployed_at'").pluck().get()).toBe(
      db.prepare("select type from pragma_table_info('deployment_sets') where name = 'created_at'").pluck().get(),
    );
    for (const table of ["deployment_set_tags", "deployment_set_members", "deployment_set_deployments"]) {
      expect(db.prepare(`select "table", "on_delete" from pragma_foreign_key_list('${table}')`).all()).toEqual([
        { table: "deployment_sets", on_delete: "CASCADE" },
      ]);
    }
    const indexes = db.prepare("select name from sqlite_master where type = 'index' and sql is not null order by name").pluck().all();
    expect(indexes).toEqual([
      "deployment_set_members_nested_set_idx",
      "deployment_set_members_set_position_idx",
      "deployment_set_tags_tag_folded_idx",
      "deployment_sets_owner_created_idx",
      "deployment_sets_walk_idx",
    ]);
    await kysely.destroy();
  });

  it("enforce exactly one reference, non-negative positions and unique references per set", async () => {
    const { db, kysely } = open(fresh().filename);
    await migrate(kysely, "latest", 1000);
    db.prepare("insert into deployment_sets values ('s', 'o', 1, 'S', 's', null, null, null, 0, 0)").run();
    const insert = db.prepare("insert into deployment_set_members values (?, 's', ?, ?, ?, ?, 0)");
    expect(() => insert.run("m1", "a", "g", null, 0)).toThrow(/CHECK/);
    expect(() => insert.run("m1", null, null, null, 0)).toThrow(/CHECK/);
    expect(() => insert.run("m1", "a", null, null, -1)).toThrow(/CHECK/);
    insert.run("m1", "a", null, null, 0);
    expect(() => insert.run("m2", "a", null, null, 1)).toThrow(/UNIQUE/);
    insert.run("m2", null, null, "t", 1);
    expect(() => insert.run("m3", null, null, "t", 2)).toThrow(/UNIQUE/);
    await kysely.destroy();
  });

  it("keep one deployment per set, folder and profile, and drop a set's deployments with it", async () => {
    const { db, kysely } = open(fresh().filename);
    await migrate(kysely, "latest", 1000);
    db.prepare("insert into deployment_sets values ('s', 'o', 1, 'S', 's', null, null, null, 0, 0)").run();
    db.prepare("insert into deployment_sets values ('t', 'o', 2, 'T', 't', null, null, null, 0, 0)").run();
    const insert = db.prepare("insert into deployment_set_deployments values ('o', ?, ?, ?, 5)");
    insert.run("s", "/p", "codex");
    insert.run("s", "/p", "cursor");
    insert.run("t", "/p", "codex");
    expect(() => insert.run("s", "/p", "codex")).toThrow(/UNIQUE/);
    expect(() => insert.run("missing", "/p", "codex")).toThrow(/FOREIGN KEY/);
    db.prepare("delete from deployment_sets where id = 's'").run();
    expect(db.prepare("select set_id, profile from deployment_set_deployments").all()).toEqual([{ set_id: "t", profile: "codex" }]);
    await kysely.destroy();
  });

  it("migrate a version-1 database holding data to the latest version, keeping the data, and back down", async () => {
    const file = await versionOneFile();
    const store = new SqliteStore({ filename: file.filename });
    await store.init();
    await expectVersionOneData(store);
    await store.recordDeployment(OWNER, { setId: "s1", projectPath: "/p", profile: "codex", deployedAt: new Date(5000) });
    expect(await store.listDeployments(OWNER, "s1")).toEqual([{ setId: "s1", projectPath: "/p", profile: "codex", deployedAt: new Date(5000) }]);
    await store.close();

    const { db, kysely } = open(file.filename);
    expect(applied(db)).toEqual(Object.keys(MIGRATIONS));
    await migrate(kysely, "latest", 1000); // idempotent on the latest version
    expect(applied(db)).toEqual(Object.keys(MIGRATIONS));
    await migrate(kysely, "0001_initial_schema", 1000);
    expect(applied(db)).toEqual(["0001_initial_schema"]);
    expect(tables(db)).not.toContain("deployment_set_deployments");
    await kysely.destroy();

    const again = new SqliteStore({ filename: file.filename });
    await expectVersionOneData(again);
    expect(await again.listDeployments(OWNER, "s1")).toEqual([]);
    await again.close();
  });

  it("serialise two stores of one process migrating one version-1 file holding data at once", async () => {
    const file = await versionOneFile();
    const stores = [new SqliteStore({ filename: file.filename }), new SqliteStore({ filename: file.filename })];
    await Promise.all(stores.map((store) => store.init()));
    for (const store of stores) await expectVersionOneData(store);
    await Promise.all(stores.map((store) => store.close()));
    const db = new Database(file.filename);
    expect(applied(db)).toEqual(Object.keys(MIGRATIONS));
    db.close();
  });

  it("never run backwards: a database migrated by a newer version fails init instead", async () => {
    const file = fresh();
    const { db, kysely } = open(file.filename);
    await migrate(kysely, "latest", 1000);
    db.prepare(`insert into ${MIGRATION_TABLE} (name, timestamp) values ('9999_from_the_future', '2030-01-01')`).run();
    await kysely.destroy();
    const store = new SqliteStore({ filename: file.filename });
    const error = await store.init().catch((e: unknown) => e);
    expect(hasErrorCode(error, "internal_error")).toBe(true);
    await store.close();
  });

  it("serialise two stores of one process migrating one fresh file at once", async () => {
    const file = fresh();
    const stores = [new SqliteStore({ filename: file.filename }), new SqliteStore({ filename: file.filename })];
    await Promise.all(stores.map((store) => store.init()));
    await Promise.all(stores.map((store) => store.close()));
    const db = new Database(file.filename);
    expect(applied(db)).toEqual(Object.keys(MIGRATIONS));
    db.close();
  });

  it("let several processes migrate one fresh file at the same time", async () => {
    for (let round = 0; round < 3; round++) {
      const file = fresh();
      expect(await migrateFromThreeProcesses(file.filename)).toEqual(["ok", "ok", "ok"]);
      const db = new Database(file.filename);
      expect(applied(db)).toEqual(Object.keys(MIGRATIONS));
      expect(tables(db)).toEqual(expect.arrayContaining(STORE_TABLES));
      db.close();
    }
  }, 60_000);

  it("let several processes migrate one version-1 file holding data at the same time", async () => {
    for (let round = 0; round < 2; round++) {
      const file = await versionOneFile();
      expect(await migrateFromThreeProcesses(file.filename)).toEqual(["ok", "ok", "ok"]);
      const db = new Database(file.filename);
      expect(applied(db)).toEqual(Object.keys(MIGRATIONS));
      expect(tables(db)).toEqual(expect.arrayContaining(STORE_TABLES));
      db.close();
      const store = new SqliteStore({ filename: file.filename });
      await expectVersionOneData(store);
      await store.close();
    }
  }, 60_000);
});
