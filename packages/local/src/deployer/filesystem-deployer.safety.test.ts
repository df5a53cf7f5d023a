import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { hasErrorCode } from "@deployment-sets/core";
import type { DeployRequest } from "@deployment-sets/core/ports";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { artifact, makeTemp, removeTemp, request, snapshotTree, writeSource } from "../../test/deployer-fixtures.js";
import { FilesystemDeployer } from "./filesystem-deployer.js";

let base: string;
let collection: string;
let allowed: string;
let outside: string;
beforeEach(async () => {
  base = await makeTemp();
  collection = join(base, "collection");
  allowed = join(base, "allowed");
  outside = join(base, "outside");
  for (const dir of [collection, allowed, outside]) await mkdir(dir);
  await writeFile(join(outside, "keep.txt"), "outside\n");
});
afterEach(async () => {
  await removeTemp(base);
});

function deployer(roots: readonly string[] = [allowed]) {
  return new FilesystemDeployer({ collectionRoot: collection, allowedRoots: roots });
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    for (const code of ["deploy_disabled", "project_path_invalid", "project_path_forbidden"] as const) {
      if (hasErrorCode(error, code)) return code;
    }
    throw error;
  }
}

describe("checkTarget", () => {
  it.each<[string, () => string, string | null]>([
    ["a relative path", () => "project", "project_path_invalid"],
    ["an empty path", () => "", "project_path_invalid"],
    ["a missing folder", () => join(allowed, "nope"), "project_path_invalid"],
    ["a file", () => join(allowed, "file.txt"), "project_path_invalid"],
    ["a folder outside every root", () => outside, "project_path_forbidden"],
    ["the root's parent", () => base, "project_path_forbidden"],
    ["a sibling sharing the root's prefix", () => `${allowed}-other`, "project_path_forbidden"],
    ["an allowed root itself", () => allowed, null],
    ["a folder inside a root", () => join(allowed, "app"), null],
    ["a path with .. that stays inside", () => join(allowed, "app", "..", "app"), null],
    ["a link inside a root leading outside", () => join(allowed, "escape"), "project_path_forbidden"],
    // Whether something exists beyond a link leading out must not show: missing or not, a folder or a file, 403.
    ["a missing folder beyond a link leading outside", () => join(allowed, "escape", "missing"), "project_path_forbidden"],
    ["a missing folder deep beyond a link leading outside", () => join(allowed, "escape", "missing", "deeper"), "project_path_forbidden"],
    ["a file beyond a link leading outside", () => join(allowed, "escape", "outside-file.txt"), "project_path_forbidden"],
    ["a path through a file", () => join(allowed, "file.txt", "sub"), "project_path_invalid"],
    // Outside the roots is decided on the path as written first: a link outside is refused wherever it leads.
    ["a link outside leading inside a root", () => join(outside, "into"), "project_path_forbidden"],
  ])("%s", async (_name, path, want) => {
    await writeFile(join(allowed, "file.txt"), "x");
    await mkdir(join(allowed, "app"));
    await mkdir(`${allowed}-other`);
    await symlink(outside, join(allowed, "escape"));
    await writeFile(join(outside, "outside-file.txt"), "x");
    await symlink(join(allowed, "app"), join(outside, "into"));
    expect(await codeOf(deployer().checkTarget(path()))).toBe(want);
    // deploy and plan refuse the same way on their own
    const req: DeployRequest = request(path(), []);
    expect(await codeOf(deployer().deploy(req))).toBe(want);
    expect(await codeOf(deployer().plan(req))).toBe(want);
  });

  it("says deploy_disabled first when no roots are configured, even for a bad path", async () => {
    expect(await codeOf(deployer([]).checkTarget("relative"))).toBe("deploy_disabled");
    expect(await codeOf(deployer([]).checkTarget(allowed))).toBe("deploy_disabled");
  });

  it("says project_path_forbidden outside the roots whether or not the path exists, so nothing there can be probed", async () => {
    expect(await codeOf(deployer().checkTarget(join(outside, "missing")))).toBe("project_path_forbidden");
    expect(await codeOf(deployer().checkTarget(outside))).toBe("project_path_forbidden");
    expect(await codeOf(deployer().checkTarget(join(allowed, "..", "elsewhere")))).toBe("project_path_forbidden");
    expect(await codeOf(deployer().checkTarget(join(allowed, "missing")))).toBe("project_path_invalid");
    expect(await codeOf(deployer().checkTarget(join(allowed, "missing", "..", "..", "elsewhere")))).toBe("project_path_forbidden");
  });

  it("compares roots by real path (a root given through a link)", async () => {
    await symlink(allowed, join(base, "allowed-link"));
    await mkdir(join(allowed, "app"));
    expect(await codeOf(deployer([join(base, "allowed-link")]).checkTarget(join(allowed, "app")))).toBeNull();
    expect(await codeOf(deployer([join(base, "missing-root"), allowed]).checkTarget(allowed))).toBeNull();
  });
});

describe("destinations and sources stay where they belong", () => {
  let project: string;
  beforeEach(async () => {
    project = join(allowed, "app");
    await mkdir(project);
  });

  async function deployBoth(items: Parameters<typeof request>[1]) {
    const outsideBefore = await snapshotTree(outside);
    const collectionBefore = await snapshotTree(collection);
    const planned = await deployer().plan(request(project, items));
    const results = await deployer().deploy(request(project, items));
    expect(planned).toEqual(results);
    expect(await snapshotTree(outside)).toEqual(outsideBefore);
    expect(await snapshotTree(collection)).toEqual(collectionBefore);
    return results;
  }

  it("fails artifacts under a .claude/skills link leading outside the project, and deploys the rest", async () => {
    const skill = artifact("skill", "pdf");
    const command = artifact("command", "review");
    await writeSource(collection, skill, "1");
    await writeSource(collection, command, "1");
    await mkdir(join(project, ".claude"));
    await symlink(outside, join(project, ".claude", "skills"));
    const results = await deployBoth([skill, command]);
    expect(results[0]).toMatchObject({ action: "error", status: "failed", path: ".claude/skills/pdf" });
    expect(results[0]!.error).toMatch(/outside the profile root/);
    expect(results[1]).toMatchObject({ action: "created" });
  });

  it("fails everything when .claude itself leads outside the project", async () => {
    const skill = artifact("skill", "pdf");
    await writeSource(collection, skill, "1");
    await symlink(outside, join(project, ".claude"));
    const results = await deployBoth([skill]);
    expect(results[0]).toMatchObject({ action: "error", status: "failed" });
    expect(results[0]!.error).toMatch(/outside the project/);
  });

  it("fails a destination that is itself a link leading outside, and never writes through it", async () => {
    const command = artifact("command", "review");
    await writeSource(collection, command, "1");
    await mkdir(join(project, ".claude", "commands"), { recursive: true });
    await symlink(join(outside, "keep.txt"), join(project, ".claude", "commands", "review.md"));
    const results = await deployBoth([command]);
    expect(results[0]).toMatchObject({ action: "error" });
    const forced = await deployer().deploy(request(project, [command], { force: true }));
    expect(forced[0]).toMatchObject({ action: "error" });
    expect(await snapshotTree(outside)).toEqual([expect.objectContaining({ path: "keep.txt", content: Buffer.from("outside\n").toString("base64") })]);
  });

  it("accepts links that stay inside the profile root", async () => {
    const skill = artifact("skill", "pdf");
    await writeSource(collection, skill, "1");
    await mkdir(join(project, ".claude", "shared-skills"), { recursive: true });
    await symlink(join(project, ".claude", "shared-skills"), join(project, ".claude", "skills"));
    const results = await deployBoth([skill]);
    expect(results[0]).toMatchObject({ action: "created" });
  });

  it.each([
    ["a path climbing out of the collection", "../outside"],
    ["an absolute path", "/etc"],
    ["the collection itself", "."],
  ])("fails a source given by %s", async (_name, path) => {
    const results = await deployBoth([artifact("skill", "escape", path)]);
    expect(results[0]).toMatchObject({ action: "error", status: "failed" });
    expect(results[0]!.error).toMatch(/leaves the collection/);
  });

  it("fails a source that is a link leading outside the collection", async () => {
    await mkdir(join(collection, "skills"));
    await symlink(outside, join(collection, "skills", "linked"));
    const results = await deployBoth([artifact("skill", "linked")]);
    expect(results[0]!.error).toMatch(/outside the collection/);
  });

  it("fails a source folder holding a link to a file outside the collection", async () => {
    const skill = artifact("skill", "leaky");
    await writeSource(collection, skill, "1");
    await symlink(join(outside, "keep.txt"), join(collection, "skills", "leaky", "secret.txt"));
    const results = await deployBoth([skill]);
    expect(results[0]!.error).toMatch(/outside the collection/);
    // The profile root exists (the lock lives there); nothing else was written.
    expect((await snapshotTree(project)).map((entry) => entry.path)).toEqual([".claude"]);
  });

  it("fails a source of the wrong kind and an unsafe name", async () => {
    await mkdir(join(collection, "commands", "folder.md"), { recursive: true });
    const results = await deployBoth([artifact("command", "folder"), artifact("command", "../evil", "commands/x.md")]);
    expect(results[0]!.error).toMatch(/is a folder without folder\.md or a single markdown file/);
    expect(results[1]).toMatchObject({ action: "error", path: null });
  });
});
