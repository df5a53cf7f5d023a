import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { hasErrorCode } from "@deployment-sets/core";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { tempDatabase, type TempDatabase } from "../../test/temp-database.js";
import { SqliteStore } from "../sqlite-store.js";
import { migrate, MIGRATION_TABLE, MIGRATIONS, NO_MIGRATIONS } from "./index.js";

const STORE_TABLES = ["deployment_set_members", "deployment_set_tags", "deployment_sets"];

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
    .prepare("select name from sqlite_master where type = 'table' and name like 'deployment_set%' order by name")
    .pluck()
    .all() as string[];
}

function applied(db: Database.Database): string[] {
  return db.prepare(`select name from ${MIGRATION_TABLE} order by name`).pluck().all() as string[];
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
    for (const table of ["deployment_set_tags", "deployment_set_members"]) {
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
    const child = fileURLToPath(new URL("../../test/fixtures/migrate-child.ts", import.meta.url));
    for (let round = 0; round < 3; round++) {
      const file = fresh();
      const startAt = Date.now() + 1500; // after the children have loaded
      const exits = await Promise.all(
        [0, 1, 2].map(
          () =>
            new Promise<string>((resolve) => {
              const proc = spawn(process.execPath, ["--import", "tsx", child, file.filename, String(startAt)], {
                stdio: ["ignore", "ignore", "pipe"],
              });
              let stderr = "";
              proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
              proc.on("exit", (code) => resolve(code === 0 ? "ok" : `exit ${code}: ${stderr}`));
            }),
        ),
      );
      expect(exits).toEqual(["ok", "ok", "ok"]);
      const db = new Database(file.filename);
      expect(applied(db)).toEqual(Object.keys(MIGRATIONS));
      expect(tables(db)).toEqual(expect.arrayContaining(STORE_TABLES));
      db.close();
    }
  }, 60_000);
});
