import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { hasErrorCode } from "@deployment-sets/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { artifact, makeTemp, removeTemp, request, writeSource } from "../../test/deployer-fixtures.js";
import { FilesystemDeployer } from "./filesystem-deployer.js";
import { acceptTarget } from "./target/project-target.js";

// The real acceptTarget, watched: each public call of the deployer must accept its target exactly once.
vi.mock("./target/project-target.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./target/project-target.js")>();
  return { ...actual, acceptTarget: vi.fn(actual.acceptTarget) };
});

let base: string;
let collection: string;
let project: string;
beforeEach(async () => {
  base = await makeTemp();
  collection = join(base, "collection");
  project = join(base, "allowed", "app");
  await mkdir(collection);
  await mkdir(project, { recursive: true });
  vi.mocked(acceptTarget).mockClear();
});
afterEach(async () => {
  await removeTemp(base);
});

function deployer(): FilesystemDeployer {
  return new FilesystemDeployer({ collectionRoot: collection, allowedRoots: [join(base, "allowed")] });
}

describe("each public call accepts its target once", () => {
  const undeployOf = (path: string) => ({ setId: "0123456789abcdef0123456789abcdef", projectPath: path, profile: "claude_code" as const, force: false });
  const calls: readonly [string, (d: FilesystemDeployer, path: string) => Promise<unknown>][] = [
    ["checkTarget", (d, path) => d.checkTarget(path)],
    ["deploy", (d, path) => d.deploy(request(path, [artifact("command", "review")]))],
    ["plan", (d, path) => d.plan(request(path, [artifact("command", "review")]))],
    ["undeploy", (d, path) => d.undeploy(undeployOf(path))],
    ["planUndeploy", (d, path) => d.planUndeploy(undeployOf(path))],
    ["inventory", (d, path) => d.inventory(path, "claude_code")],
  ];

  it.each(calls)("%s, on an accepted target", async (_name, call) => {
    await writeSource(collection, artifact("command", "review"), "1");
    await call(deployer(), project);
    expect(vi.mocked(acceptTarget)).toHaveBeenCalledTimes(1);
  });

  it.each(calls)("%s, on a refused target", async (_name, call) => {
    const outside = join(base, "outside");
    await mkdir(outside);
    await writeFile(join(outside, "keep.txt"), "outside\n");
    const error = await call(deployer(), outside).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(hasErrorCode(error, "project_path_forbidden")).toBe(true);
    expect(vi.mocked(acceptTarget)).toHaveBeenCalledTimes(1);
  });
});
