import { chmod, mkdir, readdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { parse } from "smol-toml";
import { afterEach, describe, expect, it } from "vitest";
import { DeployCase } from "../../test/deploy-case.js";
import { artifact, snapshotTree } from "../../test/deployer-fixtures.js";
import { contentHash } from "./fs/content-hash.js";

let current: DeployCase | undefined;
afterEach(async () => {
  await current?.dispose();
  current = undefined;
});

const SET_A = "a".repeat(32);
const SET_B = "b".repeat(32);

/** A tracking file as SkillMeat's `tomli_w` writes it. */
function skillmeatFile(reviewHash: string): string {
  return `[[deployed]]
artifact_name = "canvas-design"
artifact_type = "skill"
from_collection = "default"
deployed_at = "2025-12-01T10:00:00.123456"
artifact_path = "skills/canvas-design"
content_hash = "${"c".repeat(64)}"
local_modifications = false
version_lineage = [
    "${"c".repeat(64)}",
]
deployment_profile_id = "claude_code"
platform = "claude_code"
profile_root_dir = ".claude"
artifact_uuid = "d41d8cd98f00b204e9800998ecf8427e"
collection_sha = "${"c".repeat(64)}"

[[deployed]]
artifact_name = "review"
artifact_type = "command"
from_collection = "default"
deployed_at = "2025-12-01T10:00:01.000001"
artifact_path = "commands/review.md"
content_hash = "${reviewHash}"
local_modifications = false
collection_sha = "${reviewHash}"

[[deployed]]
artifact_name = "old-agent"
artifact_type = "agent"
from_collection = "work"
deployed_at = 2024-05-01T08:00:00Z
artifact_path = "agents/old-agent.md"
collection_sha = "${"e".repeat(64)}"
merge_base_snapshot = "${"e".repeat(64)}"
local_modifications = true
`;
}

describe("tracking file", () => {
  it("keeps foreign records with the same keys and values, and treats SkillMeat's records as recorded", async () => {
    const c = (current = await DeployCase.create());
    const review = artifact("command", "review");
    const pdf = artifact("skill", "pdf");
    const v1 = await c.source(review, "1");
    await c.run([review]);
    await writeFile(join(c.root, ".skillmeat-deployed.toml"), skillmeatFile(v1));
    const before = parse(skillmeatFile(v1))["deployed"] as Record<string, unknown>[];
    const v2 = await c.source(review, "2");
    await c.source(pdf, "1");

    const results = await c.run([review, pdf], { setId: SET_A });
    expect(results.map((r) => r.action)).toEqual(["updated", "created"]);
    const records = await c.records();
    expect(records.map((r) => r["artifact_name"])).toEqual(["canvas-design", "review", "old-agent", "pdf"]);
    expect(records[0]).toEqual(before[0]);
    expect(records[2]).toEqual(before[2]);
    expect(records[1]).toMatchObject({ content_hash: v2, collection_sha: v2, deployment_set_id: SET_A });
  });

  it("writes every documented tracking-record field", async () => {
    const c = (current = await DeployCase.create("cursor"));
    const pdf = artifact("skill", "pdf");
    const hash = await c.source(pdf, "1");
    expect((await c.runUntilFingerprinted([pdf], { setId: SET_A }))[0]!.action).toBe("unchanged");
    const record = await c.record(pdf);
    expect(record).toEqual({
      artifact_name: "pdf",
      artifact_type: "skill",
      from_collection: "collection",
      // SkillMeat reads a naive local time (Python's datetime.isoformat()).
      deployed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
      artifact_path: "skills/pdf",
      content_hash: hash,
      local_modifications: false,
      collection_sha: hash,
      deployment_profile_id: "cursor",
      platform: "cursor",
      profile_root_dir: ".cursor",
      artifact_uuid: pdf.uuid,
      deployment_set_id: SET_A,
      deployment_set_ids: [SET_A],
      ds_stat: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // No pending entries remain after a deploy that finished.
    expect(Object.keys((await c.tracking())!)).toEqual(["deployed"]);
  });

  it("completes a SkillMeat record of unchanged content, keeping its own values", async () => {
    const c = (current = await DeployCase.create());
    const review = artifact("command", "review");
    const hash = await c.source(review, "1");
    await c.run([review]);
    const old = `[[deployed]]\nartifact_name = "review"\nartifact_type = "command"\nfrom_collection = "default"\ndeployed_at = "2025-01-01T00:00:00"\nartifact_path = "commands/review.md"\ncollection_sha = "${hash}"\nlocal_modifications = true\nversion_lineage = ["${hash}"]\n`;
    await writeFile(join(c.root, ".skillmeat-deployed.toml"), old);
    expect((await c.run([review], { setId: SET_A }))[0]!.action).toBe("unchanged");
    expect(await c.record(review)).toMatchObject({
      from_collection: "default",
      deployed_at: "2025-01-01T00:00:00",
      content_hash: hash,
      collection_sha: hash,
      local_modifications: false,
      version_lineage: [hash],
      deployment_profile_id: "claude_code",
      platform: "claude_code",
      profile_root_dir: ".claude",
      artifact_uuid: review.uuid,
      deployment_set_id: SET_A,
    });
  });

  it("records the set that deployed an artifact last, even when it was unchanged", async () => {
    const c = (current = await DeployCase.create());
    const pdf = artifact("skill", "pdf");
    await c.source(pdf, "1");
    await c.run([pdf], { setId: SET_A });
    expect((await c.run([pdf], { setId: SET_B }))[0]!.action).toBe("unchanged");
    expect((await c.record(pdf))?.["deployment_set_id"]).toBe(SET_B);
  });

  it("fails every artifact and leaves the file alone when it does not parse", async () => {
    const c = (current = await DeployCase.create());
    const pdf = artifact("skill", "pdf");
    await c.source(pdf, "1");
    await mkdir(c.root);
    await writeFile(join(c.root, ".skillmeat-deployed.toml"), "[[deployed]\nbroken");
    const results = await c.run([pdf, artifact("hook", "x")], { dryRun: false });
    expect(results.map((r) => [r.action, r.status])).toEqual([
      ["error", "failed"],
      ["error", "failed"],
    ]);
    expect(results[0]!.error).toMatch(/^\.claude\/\.skillmeat-deployed\.toml does not parse/);
    expect(await readFile(join(c.root, ".skillmeat-deployed.toml"), "utf8")).toBe("[[deployed]\nbroken");
    expect(await c.destinationHash(pdf)).toBeNull();
  });

  it("names this deployer's own tracking file when that is the one that does not parse", async () => {
    const c = (current = await DeployCase.create());
    const github = artifact("mcp", "github");
    await c.source(github, "1");
    await mkdir(join(c.root, ".deployment-sets"), { recursive: true });
    await writeFile(join(c.root, ".deployment-sets", "deployed.toml"), "[[deployed]\nbroken");
    const [result] = await c.run([github]);
    expect(result).toMatchObject({ action: "error", error: expect.stringMatching(/^\.deployment-sets\/deployed\.toml does not parse/) });
    expect(await readFile(join(c.root, ".deployment-sets", "deployed.toml"), "utf8")).toBe("[[deployed]\nbroken");
  });

  it("keeps records of another profile's deploys into the same root", async () => {
    const c = (current = await DeployCase.create());
    const pdf = artifact("skill", "pdf");
    await c.source(pdf, "1");
    await mkdir(c.root);
    const other = `[[deployed]]\nartifact_name = "pdf"\nartifact_type = "skill"\nfrom_collection = "x"\ndeployed_at = "2025-01-01T00:00:00"\nartifact_path = "skills/pdf"\ncontent_hash = "${"1".repeat(64)}"\ndeployment_profile_id = "custom"\n`;
    await writeFile(join(c.root, ".skillmeat-deployed.toml"), other);
    expect((await c.run([pdf]))[0]!.action).toBe("created");
    expect((await c.records()).map((r) => r["deployment_profile_id"])).toEqual(["custom", "claude_code"]);
  });
});

describe("file contents", () => {
  it("keeps file modes (an executable hook stays executable), whatever the umask", async () => {
    const c = (current = await DeployCase.create());
    const hook = artifact("hook", "pre-commit");
    const skill = artifact("skill", "tools");
    await c.source(hook, "1");
    await c.source(skill, "1");
    await chmod(join(c.collection, hook.path, "part-1.md"), 0o755);
    await mkdir(join(c.collection, skill.path, "scripts"));
    await writeFile(join(c.collection, skill.path, "scripts", "run.sh"), "#!/bin/sh\n", { mode: 0o755 });
    await writeFile(join(c.collection, skill.path, "private.md"), "secret\n", { mode: 0o600 });
    await chmod(join(c.collection, skill.path, "private.md"), 0o600);
    await chmod(join(c.collection, skill.path, "scripts", "run.sh"), 0o775);
    const previous = process.umask(0o077);
    try {
      await c.run([hook, skill]);
    } finally {
      process.umask(previous);
    }
    const mode = async (path: string) => (await stat(path)).mode & 0o777;
    expect(await mode(join(c.project, ".claude/hooks/pre-commit/part-1.md"))).toBe(0o755);
    expect(await mode(join(c.destination(skill), "scripts", "run.sh"))).toBe(0o775);
    expect(await mode(join(c.destination(skill), "private.md"))).toBe(0o600);
    expect(await mode(join(c.destination(skill), "SKILL.md"))).toBe(0o644);
  });

  it("never copies junk", async () => {
    const c = (current = await DeployCase.create());
    const skill = artifact("skill", "pdf");
    const hash = await c.source(skill, "1");
    const source = join(c.collection, skill.path);
    for (const rel of [".git/HEAD", "node_modules/m/index.js", "__pycache__/a.cpython-312.pyc", "b.pyc", ".DS_Store", "docs/Thumbs.db"]) {
      await mkdir(join(source, rel, ".."), { recursive: true });
      await writeFile(join(source, rel), "junk");
    }
    expect(await contentHash(source)).toBe(hash);
    await c.run([skill]);
    const paths = (await snapshotTree(c.destination(skill))).map((entry) => entry.path);
    expect(paths).toEqual(["SKILL.md", "docs", "docs/part-2.md", "part-1.md"]);
    expect(await c.destinationHash(skill)).toBe(hash);
  });
});

describe("warm redeploys", () => {
  it("trust size and mtime (ns) instead of re-reading, and notice a same-size edit with a new mtime", async () => {
    const c = (current = await DeployCase.create());
    const command = artifact("command", "review");
    await c.source(command, "1");
    await c.run([command]);
    const destination = c.destination(command);
    // Give the copy a mtime utimes can restore exactly, and let a deploy refresh the fingerprint.
    await utimes(destination, 1_600_000_000, 1_600_000_000);
    expect((await c.run([command]))[0]!.action).toBe("unchanged");

    // Same size, same inode, mtime restored: taken as unchanged without reading (as git would).
    const text = await readFile(destination, "utf8");
    await writeFile(destination, text.toUpperCase());
    await utimes(destination, 1_600_000_000, 1_600_000_000);
    expect((await c.run([command]))[0]!.action).toBe("unchanged");

    // A new mtime: the edit is seen.
    await writeFile(destination, text.toUpperCase());
    expect((await c.run([command]))[0]!.action).toBe("kept_local_changes");
  });

  it("write nothing when nothing changed", async () => {
    const c = (current = await DeployCase.create());
    const items = [artifact("skill", "pdf"), artifact("command", "review")];
    for (const item of items) await c.source(item, "1");
    await c.runUntilFingerprinted(items);
    const files = async () => (await snapshotTree(c.project)).filter((entry) => entry.kind === "file");
    const before = await files();
    expect((await c.run(items)).map((r) => r.action)).toEqual(["unchanged", "unchanged"]);
    expect(await files()).toEqual(before);
  });
});

describe("leftovers and locks", () => {
  it("removes leftovers of interrupted deploys", async () => {
    const c = (current = await DeployCase.create());
    const command = artifact("command", "review");
    await c.source(command, "1");
    await mkdir(join(c.root, "skills", ".ds-tmp-1-new", "docs"), { recursive: true });
    await mkdir(join(c.root, "hooks", ".ds-tmp-2-old"), { recursive: true });
    await writeFile(join(c.project, ".ds-tmp-5"), "{}");
    await writeFile(join(c.root, "skills", ".ds-tmp-1-new", "docs", "x.md"), "half");
    await mkdir(join(c.root, "commands"), { recursive: true });
    await writeFile(join(c.root, "commands", ".ds-tmp-3"), "half");
    await writeFile(join(c.root, ".ds-tmp-4"), "[[deployed]]");
    await c.run([command]);
    const names = (await snapshotTree(c.root)).map((entry) => entry.path);
    expect(names.filter((path) => path.includes(".ds-tmp-"))).toEqual([]);
    expect(await readdir(c.project)).not.toContain(".ds-tmp-5");
    expect(names).toContain("commands/review.md");
  });

  it.each([
    ["its process is gone", { pid: 2 ** 22 + 12_345, host: hostname(), time: new Date().toISOString() }],
    ["it is older than 10 minutes", { pid: process.pid, host: "elsewhere", time: new Date(Date.now() - 11 * 60_000).toISOString() }],
  ])("breaks a stale lock (%s)", async (_name, lock) => {
    const c = (current = await DeployCase.create());
    const command = artifact("command", "review");
    await c.source(command, "1");
    await mkdir(c.root);
    const lockPath = join(c.root, ".skillmeat-deployed.lock");
    await writeFile(lockPath, JSON.stringify(lock));
    const old = new Date(Date.parse(lock.time));
    await utimes(lockPath, old, old);
    expect((await c.run([command]))[0]!.action).toBe("created");
    expect(await readdir(c.root)).not.toContain(".skillmeat-deployed.lock");
  });

  it("waits for a live lock, then fails every artifact without touching anything", async () => {
    const c = (current = await DeployCase.create());
    const { FilesystemDeployer } = await import("./filesystem-deployer.js");
    const deployer = new FilesystemDeployer({ collectionRoot: c.collection, allowedRoots: [c.project], lockTimeoutMs: 150 });
    const command = artifact("command", "review");
    await c.source(command, "1");
    await mkdir(c.root);
    const lock = JSON.stringify({ pid: process.ppid, host: hostname(), time: new Date().toISOString() });
    await writeFile(join(c.root, ".skillmeat-deployed.lock"), lock);
    const started = Date.now();
    const results = await deployer.deploy({ setId: SET_A, projectPath: c.project, profile: "claude_code", force: false, prune: false, artifacts: [command] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(results[0]).toMatchObject({ action: "error", status: "failed" });
    expect(results[0]!.error).toMatch(/holds the lock/);
    expect(await readFile(join(c.root, ".skillmeat-deployed.lock"), "utf8")).toBe(lock);
    expect(await c.destinationHash(command)).toBeNull();
    // A dry run does not wait for the lock.
    expect((await deployer.plan({ setId: SET_A, projectPath: c.project, profile: "claude_code", force: false, prune: false, artifacts: [command] }))[0]!.action).toBe("created");
  });
});
