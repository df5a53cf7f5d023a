import { join } from "node:path";
import { isDeploymentSetsError, UnknownReferenceError, type ErrorCode } from "@deployment-sets/core";
import type { DeploymentSetStore, NewMember } from "@deployment-sets/core/ports";
import { SqliteStore } from "@deployment-sets/store-sqlite";
import { acceptAt, newSetInput } from "@deployment-sets/store-testkit";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { tempDatabase, type TempDatabase } from "./temp-database.js";

const OWNER = "erring";
const ID = (n: number) => n.toString(16).padStart(32, "0");

let file: TempDatabase | undefined;
afterEach(() => file?.remove());

/** The error `promise` rejects with, or a failure when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Error & { code?: ErrorCode; cause?: unknown; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

function member(n: number, ref: NewMember["ref"]): NewMember {
  return { id: ID(n), ref, addedAt: new Date(0) };
}

async function storeWithSet(options: { busyTimeoutMs?: number } = {}) {
  file = tempDatabase();
  const store = new SqliteStore({ filename: file.filename, ...options });
  const set = await store.createSet(OWNER, { ...newSetInput(), id: ID(1), createdAt: new Date(0) });
  return { store, set, filename: file.filename };
}

describe("errors leaving the SQLite store", () => {
  it("pass a core error thrown by decide through unchanged, and roll back", async () => {
    const { store, set } = await storeWithSet();
    const thrown = new UnknownReferenceError("artifact", "nope");
    const error = await rejection(
      store.addMember(OWNER, set.id, member(2, { type: "artifact", id: "nope" }), () => {
        throw thrown;
      }),
    );
    expect(error).toBe(thrown);
    expect(await store.listMembers(OWNER, set.id)).toEqual([]);
    await store.close();
  });

  it("turn a unique violation into duplicate_member carrying the existing member's id", async () => {
    const { store, set } = await storeWithSet();
    const first = await store.addMember(OWNER, set.id, member(2, { type: "group", id: "g" }), acceptAt());
    // acceptAt() ignores existingMemberId, so only the unique index stands in the way.
    const error = await rejection(store.addMember(OWNER, set.id, member(3, { type: "group", id: "g" }), acceptAt(0)));
    expect(error.code).toBe("duplicate_member");
    expect(error.data).toEqual({ memberId: first.id });
    expect((error.cause as { code?: string }).code).toBe("SQLITE_CONSTRAINT_UNIQUE");
    expect((await store.listMembers(OWNER, set.id)).map((m) => [m.id, m.position])).toEqual([[first.id, 0]]);
    await store.close();
  });

  it("turn a database locked by another process past the busy timeout into storage_unavailable", async () => {
    const { store, filename } = await storeWithSet({ busyTimeoutMs: 50 });
    const other = new Database(filename);
    other.prepare("begin immediate").run();
    try {
      const error = await rejection(store.createSet(OWNER, { ...newSetInput(), id: ID(9), createdAt: new Date(0) }));
      expect(error.code).toBe("storage_unavailable");
      expect((error.cause as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
    } finally {
      other.prepare("rollback").run();
      other.close();
    }
    expect(await store.getSet(OWNER, ID(9))).toBeUndefined();
    await store.close();
  });

  it("turn a file that cannot be opened into storage_unavailable", async () => {
    file = tempDatabase();
    const store = new SqliteStore({ filename: join(file.filename, "missing-dir", "x.db") });
    expect((await rejection(store.init())).code).toBe("storage_unavailable");
    await store.close();
  });

  it("turn a handle closed under the store into storage_unavailable", async () => {
    file = tempDatabase();
    const db = new Database(file.filename);
    const store = new SqliteStore({ database: db });
    await store.init();
    db.close();
    const error = await rejection(store.getSet(OWNER, ID(1)));
    expect(error.code).toBe("storage_unavailable");
    expect(error.cause).toBeInstanceOf(TypeError);
    await store.close();
  });

  it("wrap anything else as internal_error with the driver error as cause", async () => {
    file = tempDatabase();
    const db = new Database(file.filename);
    const store = new SqliteStore({ database: db });
    await store.init();
    db.exec("drop table deployment_set_tags");
    const error = await rejection(store.getSet(OWNER, ID(1)));
    expect(error.code).toBe("internal_error");
    expect((error.cause as Error).message).toMatch(/no such table/);
    await store.close();
    db.close();
  });

  it("refuse to clone a set whose positions were damaged outside the store, rather than drop members", async () => {
    file = tempDatabase();
    const db = new Database(file.filename);
    const store = new SqliteStore({ database: db });
    const set = await store.createSet(OWNER, { ...newSetInput(), id: ID(1), createdAt: new Date(0) });
    for (const n of [2, 3]) await store.addMember(OWNER, set.id, member(n, { type: "artifact", id: `a${n}` }), acceptAt());
    db.prepare("update deployment_set_members set position = 5 where id = ?").run(ID(3));
    const error = await rejection(
      store.cloneSet(OWNER, set.id, { id: ID(4), name: "c", createdAt: new Date(0), newMemberId: (() => { let n = 10; return () => ID(n++); })() }),
    );
    expect(error.code).toBe("internal_error");
    expect(await store.getSet(OWNER, ID(4))).toBeUndefined();
    await store.close();
    db.close();
  });

  it("never let a raw error out of any method of a closed store", async () => {
    const { store, set } = await storeWithSet();
    await store.close();
    await store.close(); // idempotent
    const calls: ((s: DeploymentSetStore) => Promise<unknown>)[] = [
      (s) => s.init(),
      (s) => s.createSet(OWNER, { ...newSetInput(), id: ID(5), createdAt: new Date(0) }),
      (s) => s.getSet(OWNER, set.id),
      (s) => s.listSets(OWNER, { limit: 10, offset: 0 }),
      (s) => s.updateSet(OWNER, set.id, { name: "x" }, new Date(0)),
      (s) => s.deleteSet(OWNER, set.id, new Date(0)),
      (s) => s.cloneSet(OWNER, set.id, { id: ID(6), name: "c", createdAt: new Date(0), newMemberId: () => ID(7) }),
      (s) => s.listMembers(OWNER, set.id),
      (s) => s.addMember(OWNER, set.id, member(8, { type: "artifact", id: "a" }), acceptAt()),
      (s) => s.removeMember(OWNER, set.id, ID(8), new Date(0)),
      (s) => s.moveMember(OWNER, set.id, ID(8), 0, new Date(0)),
      (s) => s.loadGraph(OWNER, [set.id]),
      (s) => s.recordDeployment(OWNER, { setId: set.id, projectPath: "/p", profile: "codex", deployedAt: new Date(0) }),
      (s) => s.forgetDeployment(OWNER, set.id, "/p", "codex"),
      (s) => s.listDeployments(OWNER, set.id),
    ];
    for (const call of calls) {
      const error = await rejection(call(store));
      expect(isDeploymentSetsError(error), String(error)).toBe(true);
      expect(error.code).toBe("storage_unavailable");
    }
  });
});
