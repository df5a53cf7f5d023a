import { createHash, randomUUID } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { SqliteStore } from "@deployment-sets/store-sqlite";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { bulkLoad } from "../test/support/bulk-load.js";
import { tempDatabase, type TempDatabase } from "../test/temp-database.js";

const OWNER = "wal";
const MEMBERS = 2_000;
/** A WAL frame: a 24-byte header and one page (the store's pages are SQLite's default 4 KiB). */
const FRAME_BYTES = 4096 + 24;
const HOUR_MS = 3_600_000;

let file: TempDatabase | undefined;
afterEach(() => file?.remove());

const walPath = () => `${file!.filename}-wal`;
/** Frames in the `-wal` file (its 32-byte header aside), 0 when there is none. */
const walFrames = () => (existsSync(walPath()) ? Math.max(0, statSync(walPath()).size - 32) / FRAME_BYTES : 0);
const mainFileHash = () => createHash("sha256").update(readFileSync(file!.filename)).digest("hex");

/** A migrated database file holding one set of {@link MEMBERS} members; returns the set's id. */
async function databaseWithBigSet(): Promise<string> {
  file = tempDatabase("store-sqlite-wal-");
  const setup = new SqliteStore({ filename: file.filename });
  await setup.init();
  await setup.close();
  const id = randomUUID().replaceAll("-", "");
  bulkLoad(file.filename, OWNER, [{ id, name: "Big", members: Array.from({ length: MEMBERS }, (_, i) => ({ ref: { type: "artifact" as const, id: `a${i}` } })) }]);
  return id;
}

/** One clone of the big set: one commit of a few hundred pages. */
const cloneOf = (store: SqliteStore, sourceId: string) =>
  store.cloneSet(OWNER, sourceId, { id: randomUUID().replaceAll("-", ""), name: "Copy", createdAt: new Date(0), newMemberId: () => randomUUID().replaceAll("-", "") });

describe("the WAL checkpointer", () => {
  it("never checkpoints inside a commit: the WAL grows past SQLite's 1,000-page threshold with the database file untouched", async () => {
    const sourceId = await databaseWithBigSet();
    const store = new SqliteStore({ filename: file!.filename, checkpointIntervalMs: HOUR_MS });
    await store.init();
    const before = mainFileHash();
    let clones = 0;
    while (walFrames() <= 1_200 && clones < 100) {
      await cloneOf(store, sourceId);
      clones++;
    }
    // Only a checkpoint writes to the database file of a WAL database: every commit went to the WAL alone.
    expect(walFrames()).toBeGreaterThan(1_200);
    expect(mainFileHash()).toBe(before);

    await store.close();
    // Closing checkpoints and truncates: the data is in the database file, the WAL is empty or gone.
    expect(walFrames()).toBe(0);
    expect(mainFileHash()).not.toBe(before);
    const reader = new Database(file!.filename, { readonly: true });
    try {
      expect(reader.prepare("select count(*) as n from deployment_sets").get()).toEqual({ n: clones + 1 });
    } finally {
      reader.close();
    }
  });

  it("keeps the WAL as small as what one interval writes, however much goes through it", async () => {
    file = tempDatabase("store-sqlite-wal-");
    const store = new SqliteStore({ filename: file.filename, checkpointIntervalMs: 5 });
    await store.init();
    // A round of small commits: awaiting the store yields no macrotask, so no timer runs inside a round.
    let n = 0;
    const round = async () => {
      for (let i = 0; i < 40; i++) {
        const id = (++n).toString(16).padStart(32, "0");
        await store.createSet(OWNER, { id, name: `Set ${n}`, description: "x".repeat(200), icon: null, color: null, tags: ["a", "b"], createdAt: new Date(n) });
      }
    };
    await sleep(40);
    await round();
    const oneRound = walFrames();
    let largest = 0;
    for (let i = 0; i < 30; i++) {
      await sleep(40); // the timer's checkpoint runs in here, between operations
      await round();
      largest = Math.max(largest, walFrames());
    }
    // 31 rounds wrote about 31 × oneRound frames; the WAL kept being reused from its start. (A round whose
    // checkpoint was late on a slow machine doubles it, hence the slack.)
    expect(oneRound).toBeGreaterThan(40);
    expect(largest).toBeLessThanOrEqual(3 * oneRound);
    await store.close();
  });

  it("truncates a WAL grown past the limit once a reader that pinned it lets go, without waiting for that reader", async () => {
    const sourceId = await databaseWithBigSet();
    const limit = 256 * 1024;
    const store = new SqliteStore({ filename: file!.filename, checkpointIntervalMs: 5, walSizeLimitBytes: limit });
    await store.init();
    const reader = new Database(file!.filename);
    try {
      // An open read transaction of another connection: no checkpoint may copy past its snapshot.
      reader.prepare("begin").run();
      reader.prepare("select count(*) from deployment_sets").get();
      for (let i = 0; i < 4; i++) await cloneOf(store, sourceId);
      await sleep(100);
      expect(walFrames() * FRAME_BYTES).toBeGreaterThan(limit);
      reader.prepare("commit").run();
      const deadline = performance.now() + 15_000;
      while (walFrames() > 0 && performance.now() < deadline) await sleep(20);
      expect(walFrames()).toBe(0);
    } finally {
      if (reader.inTransaction) reader.prepare("rollback").run();
      reader.close();
      await store.close();
    }
  });

  it("hands a caller's handle back with SQLite's automatic checkpoint on", async () => {
    file = tempDatabase("store-sqlite-wal-");
    const handle = new Database(file.filename);
    try {
      const store = new SqliteStore({ database: handle });
      await store.init();
      expect(handle.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
      await store.close();
      expect(handle.open).toBe(true);
      expect(handle.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    } finally {
      handle.close();
    }
  });
});
