import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "smol-toml";
import { mulberry32 } from "@deployment-sets/bench-fixtures";
import type { Artifact } from "@deployment-sets/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnDeploy } from "../../test/child-process.js";
import { DeployCase } from "../../test/deploy-case.js";
import { artifact } from "../../test/deployer-fixtures.js";

const KILL_RUNS = 6;
const SET_ID = "c".repeat(32);

/** Every path under `dir`, recursively. */
async function allPaths(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(path);
    if (entry.isDirectory()) out.push(...(await allPaths(path)));
  }
  return out;
}

let c: DeployCase;
beforeAll(async () => {
  c = await DeployCase.create();
});
afterAll(async () => {
  await c.dispose();
});

describe("a deploy killed with SIGKILL at random points", () => {
  it("leaves every artifact whole, and the next deploy converges without false local changes", { timeout: 90_000 }, async () => {
    const seed = Number(process.env["DS_CRASH_SEED"] ?? Date.now() % 1_000_000);
    const rand = mulberry32(seed); // seeded, so a failing run can be replayed
    const items: Artifact[] = [
      ...Array.from({ length: 80 }, (_, i) => artifact("skill", `skill-${i}`)),
      ...Array.from({ length: 60 }, (_, i) => artifact("command", `command-${i}`)),
      ...Array.from({ length: 40 }, (_, i) => artifact("agent", `agent-${i}`)),
      ...Array.from({ length: 20 }, (_, i) => artifact("hook", `hook-${i}`)),
    ];
    const sourceHash = new Map<string, string>();
    const hookVersion = new Map<string, number>();
    const writeVersion = async (item: Artifact, version: number) => {
      hookVersion.set(item.name, version);
      sourceHash.set(item.name, await c.source(item, String(version), { files: 4, size: 2_000 + ((version * 7919 + item.name.length * 131) % 30_000) }));
    };
    for (const item of items) await writeVersion(item, 0);
    const started = performance.now();
    expect(new Set((await c.run(items, { setId: SET_ID })).map((r) => r.action))).toEqual(new Set(["created"]));
    // Odd runs kill at any time after the child starts (reading, announcing, writing, recording); even runs wait
    // for the child's first tracking-file write (the announcement) and kill among the content writes. Both
    // windows are learnt as the runs go: a kill after the child finished shortens them, a kill before anything
    // was written lengthens them.
    let anytimeMs = performance.now() - started;
    let writingMs = anytimeMs / 2;
    const trackingIno = async () => (await stat(join(c.root, ".skillmeat-deployed.toml")).catch(() => null))?.ino;

    let interrupted = 0;
    for (let run = 1; run <= KILL_RUNS; run++) {
      for (const item of items) if (rand() < 0.7) await writeVersion(item, run);
      const before = new Map<string, string | null>();
      for (const item of items) before.set(item.name, await c.destinationHash(item));

      const announcedBefore = await trackingIno();
      const child = await spawnDeploy(c.base, { collection: c.collection, project: c.project, setId: SET_ID, artifacts: items });
      await child.started;
      const whileWriting = run % 2 === 0;
      if (whileWriting) {
        let exited = false;
        void child.done.then(() => (exited = true));
        while (!exited && (await trackingIno()) === announcedBefore) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const delay = rand() * (whileWriting ? writingMs : anytimeMs);
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.process.kill("SIGKILL");
      const outcome = await child.done;

      let old = 0;
      let fresh = 0;
      for (const item of items) {
        const now = await c.destinationHash(item);
        const context = `seed ${seed}, run ${run}, ${item.name}`;
        // Whole: the old content, the new content, or (between the two renames of a folder) nothing.
        expect([before.get(item.name), sourceHash.get(item.name), null], context).toContain(now);
        if (now !== before.get(item.name)) fresh++;
        else if (now !== sourceHash.get(item.name)) old++;
      }
      if (outcome.signal === "SIGKILL" && fresh > 0 && old > 0) interrupted++;
      const adapt = (ms: number) => (outcome.signal === null ? Math.max(2, delay * 0.9) : fresh === 0 ? ms * 1.5 : ms);
      if (whileWriting) writingMs = adapt(writingMs);
      else anytimeMs = adapt(anytimeMs);
      // The tracking files and the config file hooks merge into are always whole.
      parse(await readFile(join(c.root, ".skillmeat-deployed.toml"), "utf8"));
      await c.tracking("own");
      await c.hookGroups(items[0]!);

      if (run % 2 === 0) {
        const results = await c.run(items, { setId: SET_ID });
        const actions = results.map((r) => r.action);
        expect(actions.filter((a) => !["created", "updated", "unchanged"].includes(a)), `seed ${seed}, run ${run}`).toEqual([]);
        for (const item of items) expect(await c.destinationHash(item), item.name).toBe(sourceHash.get(item.name));
        // Each hook's group is in settings.json once, as its current version defines it.
        for (const item of items.filter((i) => i.type === "hook")) {
          const groups = await c.hookGroups(item);
          expect(groups, item.name).toHaveLength(1);
          expect(JSON.stringify(groups[0]), item.name).toContain(`part-1.md\\" ${hookVersion.get(item.name)}"`);
        }
        expect((await allPaths(c.root)).filter((path) => path.includes(".ds-tmp-") || path.endsWith(".lock"))).toEqual([]);
        // No pending entries are left in either tracking file.
        expect(Object.keys((await c.tracking())!)).toEqual(["deployed"]);
        expect(Object.keys((await c.tracking("own"))!).filter((key) => key !== "files")).toEqual(["deployed"]);
        const records = await c.records();
        expect(records).toHaveLength(items.length);
        for (const item of items.filter((i) => i.type !== "hook")) {
          expect(records.find((r) => r["artifact_name"] === item.name)?.["content_hash"]).toBe(sourceHash.get(item.name));
        }
        expect(new Set((await c.run(items, { setId: SET_ID })).map((r) => r.action))).toEqual(new Set(["unchanged"]));
      }
    }
    // At least one kill landed in the middle of the writes (some artifacts new, some still old).
    expect(interrupted, `seed ${seed}`).toBeGreaterThan(0);
  });
});
