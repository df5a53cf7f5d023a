import { readdir, readFile, rename, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DeployCase } from "../../test/deploy-case.js";
import { artifact } from "../../test/deployer-fixtures.js";
import { FilesystemDeployer } from "./filesystem-deployer.js";

let current: DeployCase | undefined;
afterEach(async () => {
  await current?.dispose();
  current = undefined;
});

/** Sets every mtime under `dir` an hour back (files first, then their folders), so caches may trust them. */
async function age(dir: string): Promise<void> {
  const past = new Date(Date.now() - 3_600_000);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await age(path);
    else await utimes(path, past, past);
  }
  await utimes(dir, past, past);
}

type Change = (folder: string) => Promise<void>;
const CHANGES: [string, Change][] = [
  [
    "a file's content (same size)",
    async (folder) => {
      const file = join(folder, "part-1.md");
      await writeFile(file, (await readFile(file, "utf8")).toUpperCase());
    },
  ],
  ["a file added in a subfolder", (folder) => writeFile(join(folder, "docs", "added.md"), "new\n")],
  ["a file removed", (folder) => rm(join(folder, "part-1.md"))],
  ["a file renamed", (folder) => rename(join(folder, "part-1.md"), join(folder, "part-one.md"))],
];

describe("warm caches never hide a change", () => {
  it.each(CHANGES)("in a cached source: %s -> updated", async (_name, change) => {
    const c = (current = await DeployCase.create());
    const skill = artifact("skill", "pdf");
    await c.source(skill, "1");
    await age(c.collection);
    expect((await c.run([skill]))[0]!.action).toBe("created");
    expect((await c.run([skill]))[0]!.action).toBe("unchanged");
    await change(join(c.collection, skill.path));
    expect((await c.run([skill]))[0]!.action).toBe("updated");
    const { contentHash } = await import("./fs/content-hash.js");
    expect(await c.destinationHash(skill)).toBe(await contentHash(join(c.collection, skill.path)));
  });

  it.each(CHANGES)("in a fingerprinted destination: %s -> kept_local_changes", async (_name, change) => {
    const c = (current = await DeployCase.create());
    const skill = artifact("skill", "pdf");
    await c.source(skill, "1");
    await c.runUntilFingerprinted([skill]);
    expect((await c.record(skill))?.["ds_stat"]).toEqual(expect.any(String));
    await change(c.destination(skill));
    expect((await c.run([skill]))[0]!.action).toBe("kept_local_changes");
  });

  it("a cached source whose file became a link leading outside the collection is refused", async () => {
    const c = (current = await DeployCase.create());
    const skill = artifact("skill", "pdf");
    await c.source(skill, "1");
    await age(c.collection);
    await c.run([skill]);
    await writeFile(join(c.base, "secret.txt"), "secret\n");
    await rm(join(c.collection, skill.path, "part-1.md"));
    await symlink(join(c.base, "secret.txt"), join(c.collection, skill.path, "part-1.md"));
    const [result] = await c.run([skill]);
    expect(result).toMatchObject({ action: "error" });
    expect(result!.error).toMatch(/outside the collection/);
  });

  it("a new deployer (a restarted server) reads the fingerprints from the tracking file", async () => {
    const c = (current = await DeployCase.create());
    const items = [artifact("skill", "pdf"), artifact("command", "review")];
    for (const item of items) await c.source(item, "1");
    await c.runUntilFingerprinted(items);
    const fresh = new FilesystemDeployer({ collectionRoot: c.collection, allowedRoots: [c.project] });
    const request = { setId: "0123456789abcdef0123456789abcdef", projectPath: c.project, profile: "claude_code" as const, force: false, prune: false, artifacts: items };
    const before = (await stat(join(c.root, ".skillmeat-deployed.toml"))).mtimeMs;
    expect((await fresh.deploy(request)).map((r) => r.action)).toEqual(["unchanged", "unchanged"]);
    expect((await stat(join(c.root, ".skillmeat-deployed.toml"))).mtimeMs).toBe(before);
  });
});

describe("the event loop", () => {
  it("keeps turning during a long deploy (work is sliced)", async () => {
    const c = (current = await DeployCase.create());
    const items = Array.from({ length: 120 }, (_, i) => artifact("skill", `s${i}`));
    for (const item of items) await c.source(item, "1", { files: 4, size: 4_000 });
    const deployer = new FilesystemDeployer({ collectionRoot: c.collection, allowedRoots: [c.project], timeSliceMs: 1 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await deployer.deploy({ setId: "0".repeat(32), projectPath: c.project, profile: "claude_code", force: false, prune: false, artifacts: items });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(2);
  });
});
