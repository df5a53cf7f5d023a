import { DeploymentSets, MemoryCatalog, SetNotFoundError, TooManyMembersError, hasErrorCode, newId } from "@deployment-sets/core";
import { acceptAt, newOwnerId } from "@deployment-sets/store-testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../src/index.js";
import { translateError } from "../src/errors.js";
import { withRetries } from "../src/transactions.js";
import { randomName, withClient } from "./support/databases.js";
import { noPg, pgUrl, schemaStore, type SchemaStore } from "./support/pg.js";

/** A driver-shaped error: pg sets `code` (SQLSTATE or a Node socket code) on a plain Error. */
function driverError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

describe("translateError", () => {
  const cases: [string, unknown, "storage_unavailable" | "internal_error"][] = [
    ["connection refused", driverError("connect ECONNREFUSED 127.0.0.1:1", "ECONNREFUSED"), "storage_unavailable"],
    ["refused on every address", new AggregateError([driverError("x", "ECONNREFUSED"), driverError("y", "ECONNREFUSED")]), "storage_unavailable"],
    ["unknown host", driverError("getaddrinfo ENOTFOUND db", "ENOTFOUND"), "storage_unavailable"],
    ["socket timeout", driverError("connect ETIMEDOUT", "ETIMEDOUT"), "storage_unavailable"],
    ["reset", driverError("read ECONNRESET", "ECONNRESET"), "storage_unavailable"],
    ["admin shutdown (57P01)", driverError("terminating connection due to administrator command", "57P01"), "storage_unavailable"],
    ["cannot connect now (57P03)", driverError("the database system is starting up", "57P03"), "storage_unavailable"],
    ["connection failure (08006)", driverError("connection failure", "08006"), "storage_unavailable"],
    ["too many connections (53300)", driverError("sorry, too many clients already", "53300"), "storage_unavailable"],
    ["statement timeout (57014)", driverError("canceling statement due to statement timeout", "57014"), "storage_unavailable"],
    ["lock timeout (55P03)", driverError("canceling statement due to lock timeout", "55P03"), "storage_unavailable"],
    ["missing database (3D000)", driverError('database "nope" does not exist', "3D000"), "storage_unavailable"],
    ["pool connect timeout", driverError("timeout exceeded when trying to connect"), "storage_unavailable"],
    ["connection lost", driverError("Connection terminated unexpectedly"), "storage_unavailable"],
    ["serialization failure after the retries (40001)", driverError("could not serialize access", "40001"), "storage_unavailable"],
    ["deadlock after the retries (40P01)", driverError("deadlock detected", "40P01"), "storage_unavailable"],
    ["unique violation outside addMember (23505)", driverError("duplicate key", "23505"), "internal_error"],
    ["undefined table (42P01)", driverError('relation "deployment_sets" does not exist', "42P01"), "internal_error"],
    ["syntax error (42601)", driverError("syntax error", "42601"), "internal_error"],
    ["a bug", new TypeError("cannot read properties of undefined"), "internal_error"],
    ["not even an Error", "boom", "internal_error"],
  ];
  it.each(cases)("%s -> %s", (_name, error, code) => {
    const translated = translateError(error, "getSet");
    expect(hasErrorCode(translated, code)).toBe(true);
    expect((translated as Error & { cause?: unknown }).cause).toBe(error);
  });

  it("passes core errors through unchanged", () => {
    const error = new SetNotFoundError("x");
    expect(translateError(error, "getSet")).toBe(error);
  });
});

describe("withRetries", () => {
  it("runs a transaction again after a serialization failure or a deadlock", async () => {
    let calls = 0;
    const result = await withRetries(async () => {
      calls++;
      if (calls === 1) throw driverError("could not serialize access", "40001");
      if (calls === 2) throw driverError("deadlock detected", "40P01");
      return "done";
    });
    expect([result, calls]).toEqual(["done", 3]);
  });

  it("gives up after four attempts and never retries other errors", async () => {
    let calls = 0;
    const failing = withRetries(async () => {
      calls++;
      throw driverError("could not serialize access", "40001");
    });
    await expect(failing).rejects.toMatchObject({ code: "40001" });
    expect(calls).toBe(4);
    calls = 0;
    await expect(withRetries(async () => (calls++, Promise.reject(new TooManyMembersError(1))))).rejects.toBeInstanceOf(TooManyMembersError);
    expect(calls).toBe(1);
  });
});

describe.skipIf(noPg)("errors from a real server", () => {
  let db: SchemaStore;
  beforeAll(async () => {
    db = await schemaStore();
  });
  afterAll(() => db?.dispose());

  const newSet = (name = "Set") => ({ id: newId(), name, description: null, icon: null, color: null, tags: [], createdAt: new Date() });

  it("an unreachable server is storage_unavailable, from init and from every call", async () => {
    const store = new PostgresStore({ connectionString: "postgres://postgres@127.0.0.1:1/postgres" });
    try {
      for (const call of [() => store.init(), () => store.getSet("a", newId()), () => store.loadGraph("a", [newId()])]) {
        const error = await call().catch((e: unknown) => e);
        expect(hasErrorCode(error, "storage_unavailable")).toBe(true);
        expect((error as { cause?: { code?: string } }).cause).toBeDefined();
      }
    } finally {
      await store.close();
    }
  });

  it("a database that does not exist is storage_unavailable", async () => {
    const url = new URL(pgUrl);
    url.pathname = `/${randomName("missing")}`;
    const store = new PostgresStore({ connectionString: url.toString() });
    await expect(store.init()).rejects.toMatchObject({ code: "storage_unavailable" });
    await store.close();
  });

  it("a schema never migrated is internal_error with the driver error as cause", async () => {
    const store = new PostgresStore({ connectionString: pgUrl, schema: randomName("empty") });
    const error = await store.getSet("a", newId()).catch((e: unknown) => e);
    await store.close();
    expect(hasErrorCode(error, "internal_error")).toBe(true);
    expect((error as { cause: { code: string } }).cause.code).toBe("42P01");
  });

  it("a duplicate that decide lets through is duplicate_member with the existing member's id", async () => {
    const owner = newOwnerId();
    const set = await db.store.createSet(owner, newSet());
    const first = await db.store.addMember(owner, set.id, { id: newId(), ref: { type: "group", id: "g1" }, addedAt: new Date() }, acceptAt());
    const error = await db.store
      .addMember(owner, set.id, { id: newId(), ref: { type: "group", id: "g1" }, addedAt: new Date() }, () => ({ position: 0 }))
      .catch((e: unknown) => e);
    expect(hasErrorCode(error, "duplicate_member")).toBe(true);
    expect((error as { data: { memberId: string } }).data.memberId).toBe(first.id);
    expect(await db.store.listMembers(owner, set.id)).toEqual([first]);
  });

  it("an error thrown by decide leaves unchanged, and nothing is written", async () => {
    const owner = newOwnerId();
    const set = await db.store.createSet(owner, newSet());
    const thrown = new TooManyMembersError(10_000);
    const error = await db.store
      .addMember(owner, set.id, { id: newId(), ref: { type: "artifact", id: "a1" }, addedAt: new Date(Date.now() + 5_000) }, () => {
        throw thrown;
      })
      .catch((e: unknown) => e);
    expect(error).toBe(thrown);
    expect(await db.store.listMembers(owner, set.id)).toEqual([]);
    expect(await db.store.getSet(owner, set.id)).toEqual(set);
  });

  it("a backend killed while a write waits on the owner's lock is storage_unavailable; the next call works", async () => {
    const owner = newOwnerId();
    const appName = `ds_kill_${newId().slice(0, 8)}`;
    const url = new URL(pgUrl);
    url.searchParams.set("application_name", appName);
    const store = new PostgresStore({ connectionString: url.toString(), schema: db.schema, poolSize: 1 });
    const sets = new DeploymentSets({ store, catalog: new MemoryCatalog() });
    try {
      const set = await sets.createSet(owner, { name: "Locked" });
      await withClient(pgUrl, async (admin) => {
        await admin.query("begin");
        await admin.query("select pg_advisory_xact_lock(hashtext($1))", [owner]);
        const add = sets.addMember(owner, set.id, { ref: { type: "group", id: "g" } }).catch((e: unknown) => e);
        for (let i = 0; ; i++) {
          const { rows } = await admin.query(
            "select pid from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'",
            [appName],
          );
          if (rows.length > 0) {
            await admin.query("select pg_terminate_backend($1)", [rows[0].pid]);
            break;
          }
          if (i > 500) throw new Error("the add never waited on the lock");
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const error = await add;
        expect(hasErrorCode(error, "storage_unavailable")).toBe(true);
        await admin.query("rollback");
      });
      expect(await store.listMembers(owner, set.id)).toEqual([]);
      await store.addMember(owner, set.id, { id: newId(), ref: { type: "group", id: "g" }, addedAt: new Date() }, acceptAt());
      expect(await store.listMembers(owner, set.id)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it("an idle connection killed by the server does not crash the process; the pool reconnects", async () => {
    const appName = `ds_idle_${newId().slice(0, 8)}`;
    const url = new URL(pgUrl);
    url.searchParams.set("application_name", appName);
    const store = new PostgresStore({ connectionString: url.toString(), schema: db.schema, poolSize: 2 });
    try {
      const set = await store.createSet("idle-owner", newSet("Idle"));
      await withClient(pgUrl, (admin) =>
        admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1", [appName]),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await store.getSet("idle-owner", set.id)).toEqual(set);
    } finally {
      await store.close();
    }
  });

  it("a closed store fails with internal_error, and closing twice is fine", async () => {
    const store = db.another();
    await store.close();
    await store.close();
    await expect(store.getSet("a", newId())).rejects.toMatchObject({ code: "internal_error" });
    const deployed = { setId: newId(), projectPath: "/p", profile: "codex" as const, deployedAt: new Date() };
    await expect(store.recordDeployment("a", deployed)).rejects.toMatchObject({ code: "internal_error" });
    await expect(store.forgetDeployment("a", deployed.setId, "/p", "codex")).rejects.toMatchObject({ code: "internal_error" });
    await expect(store.listDeployments("a", deployed.setId)).rejects.toMatchObject({ code: "internal_error" });
  });
});
