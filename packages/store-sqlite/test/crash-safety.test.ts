import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { SqliteStore } from "@deployment-sets/store-sqlite";
import { checkStoreInvariants } from "@deployment-sets/store-testkit";
import { afterEach, describe, expect, it } from "vitest";
import { bulkLoad } from "./support/bulk-load.js";
import { tempDatabase, type TempDatabase } from "./temp-database.js";

const MEMBERS = 5_000;
const OWNER = "crasher";

/**
 * Where each run kills the cloning child: while the members' insert starts, while the commit starts (the
 * child stalls there), or a few milliseconds after it announces its second clone (wherever that lands).
 */
const KILLS = [
  { stallAt: "insert", killOn: "insert" },
  { stallAt: "commit", killOn: "commit" },
  { killOn: "clone", clones: 2, delayMs: 0 },
  { killOn: "clone", clones: 2, delayMs: 3 },
  { killOn: "clone", clones: 2, delayMs: 8 },
] as const;

let file: TempDatabase | undefined;
afterEach(() => file?.remove());

/** Runs the cloning child until the kill point of `kill`, then SIGKILLs it; resolves with the signal. */
function cloneUntilKilled(filename: string, sourceId: string, kill: (typeof KILLS)[number]): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const args = [filename, OWNER, sourceId, ...("stallAt" in kill ? [kill.stallAt] : [])];
    const child = fork(new URL("./fixtures/clone-child.ts", import.meta.url), args, {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    let clones = 0;
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("message", ({ event }: { event: string }) => {
      if (event === "clone") clones++;
      if (event !== kill.killOn || ("clones" in kill && clones < kill.clones)) return;
      if ("delayMs" in kill && kill.delayMs > 0) setTimeout(() => child.kill("SIGKILL"), kill.delayMs);
      else child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => (signal ? resolve(signal) : reject(new Error(`child exited with ${code}: ${stderr}`))));
  });
}

describe("a process killed in the middle of a clone", () => {
  it(`leaves no clone or a complete clone of a ${MEMBERS}-member set, never a partial one`, async () => {
    file = tempDatabase();
    const setup = new SqliteStore({ filename: file.filename });
    await setup.init();
    await setup.close();
    const sourceId = randomUUID().replaceAll("-", "");
    const members = Array.from({ length: MEMBERS }, (_, i) => ({
      ref: i % 10 === 0 ? { type: "group" as const, id: `g${i}` } : { type: "artifact" as const, id: `a${i}` },
    }));
    bulkLoad(file.filename, OWNER, [{ id: sourceId, name: "Big", members }]);

    let clonesBefore = 0;
    for (const kill of KILLS) {
      expect(await cloneUntilKilled(file.filename, sourceId, kill)).toBe("SIGKILL");

      const store = new SqliteStore({ filename: file.filename });
      const clones = (await store.listSets(OWNER, { limit: 200, offset: 0 })).items.filter((set) => set.id !== sourceId);
      const source = (await store.listMembers(OWNER, sourceId)).map((m) => m.ref);
      for (const clone of clones) {
        expect(clone.name).toBe("Big (copy)");
        const refs = (await store.listMembers(OWNER, clone.id)).map((m) => m.ref);
        expect(refs.length, `members of clone ${clone.id} after a kill at ${JSON.stringify(kill)}`).toBe(MEMBERS);
        expect(refs).toEqual(source);
      }
      // A kill inside the transaction (stalled at the insert or the commit) loses that clone.
      if ("stallAt" in kill) expect(clones.length).toBe(clonesBefore);
      clonesBefore = clones.length;
      await checkStoreInvariants(store, OWNER);
      await store.close();
    }
  }, 120_000);
});
