import { newSetInput } from "@deployment-sets/store-testkit";
import { SqliteStore } from "@deployment-sets/store-sqlite";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { tempDatabase, type TempDatabase } from "./temp-database.js";

const OWNER = "waiting";
const ID = (n: number) => n.toString(16).padStart(32, "0");
// Far above the 20 ms SQLite may block per attempt, far below the waits below.
const MAX_EVENT_LOOP_GAP_MS = 150;

let file: TempDatabase | undefined;
afterEach(() => file?.remove());

/** Runs `work` while measuring the longest gap between 5 ms timer ticks: how long the event loop was blocked. */
async function longestGap<T>(work: () => Promise<T>): Promise<{ value: T | Error; gapMs: number; ms: number }> {
  let last = performance.now();
  let gapMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    const value = await work().catch((error: Error) => error);
    return { value, gapMs: Math.max(gapMs, performance.now() - last), ms: performance.now() - started };
  } finally {
    clearInterval(ticker);
  }
}

/** A store with one set, and a second connection to its file. */
async function storeAndIntruder(busyTimeoutMs?: number) {
  file = tempDatabase();
  const store = new SqliteStore({ filename: file.filename, ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }) });
  await store.createSet(OWNER, { ...newSetInput(), id: ID(1), createdAt: new Date(0) });
  return { store, other: new Database(file.filename) };
}

describe("a write lock held by another connection", () => {
  it("is waited for without blocking the event loop, and the write lands once it is released", async () => {
    const { store, other } = await storeAndIntruder();
    other.prepare("begin immediate").run();
    // Released by a timer: it can only fire if the store's wait leaves the event loop free.
    const release = setTimeout(() => other.prepare("rollback").run(), 300);
    try {
      const { value, gapMs, ms } = await longestGap(() => store.createSet(OWNER, { ...newSetInput(), id: ID(2), createdAt: new Date(0) }));
      expect(value).not.toBeInstanceOf(Error);
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(gapMs).toBeLessThan(MAX_EVENT_LOOP_GAP_MS);
      expect(await store.getSet(OWNER, ID(2))).toBeDefined();
    } finally {
      clearTimeout(release);
      if (other.inTransaction) other.prepare("rollback").run();
      other.close();
      await store.close();
    }
  });

  it("fails with storage_unavailable once busyTimeoutMs has passed, still without blocking the event loop", async () => {
    const { store, other } = await storeAndIntruder(400);
    other.prepare("begin immediate").run();
    try {
      const { value, gapMs, ms } = await longestGap(() => store.createSet(OWNER, { ...newSetInput(), id: ID(3), createdAt: new Date(0) }));
      expect(value).toMatchObject({ code: "storage_unavailable" });
      expect(ms).toBeGreaterThanOrEqual(400);
      expect(ms).toBeLessThan(3000);
      expect(gapMs).toBeLessThan(MAX_EVENT_LOOP_GAP_MS);
    } finally {
      other.prepare("rollback").run();
      other.close();
    }
    expect(await store.getSet(OWNER, ID(3))).toBeUndefined();
    await store.close();
  });
});
