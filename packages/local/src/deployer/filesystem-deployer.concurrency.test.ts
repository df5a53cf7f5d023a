import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Artifact, DeployResult } from "@deployment-sets/core";
import { afterEach, describe, expect, it } from "vitest";
import { spawnDeploy } from "../../test/child-process.js";
import { DeployCase } from "../../test/deploy-case.js";
import { artifact } from "../../test/deployer-fixtures.js";
import { FilesystemDeployer } from "./filesystem-deployer.js";

const SET_A = "a".repeat(32);
const SET_B = "b".repeat(32);

let current: DeployCase | undefined;
afterEach(async () => {
  await current?.dispose();
  current = undefined;
});

/** Two sets of 40 artifacts each, sharing 8, with their sources written; hooks and MCP servers merge into shared files. */
async function twoSets(c: DeployCase) {
  const shared = Array.from({ length: 8 }, (_, i) => artifact(i % 2 ? "skill" : "command", `shared-${i}`));
  const only = (prefix: string) =>
    Array.from({ length: 32 }, (_, i) => artifact((["skill", "command", "agent", "hook", "mcp"] as const)[i % 5]!, `${prefix}-${i}`));
  const a: Artifact[] = [...only("a"), ...shared];
  const b: Artifact[] = [...shared, ...only("b")];
  const hashes = new Map<string, string>();
  for (const item of new Set([...a, ...b])) hashes.set(item.name, await c.source(item, "1", { files: 3, size: 3_000 }));
  return { a, b, hashes, all: [...new Set([...a, ...b])] };
}

async function expectAllIntact(c: DeployCase, all: readonly Artifact[], hashes: ReadonlyMap<string, string>, results: DeployResult[][]) {
  for (const list of results) {
    expect(list.filter((r) => r.action !== "created" && r.action !== "unchanged")).toEqual([]);
  }
  // Each artifact was created by exactly one of the deploys.
  expect(results.flat().filter((r) => r.action === "created")).toHaveLength(all.length);
  const records = await c.records();
  expect(records).toHaveLength(all.length);
  for (const item of all) {
    // Hooks and MCP servers of both sets were merged into the one settings.json and .mcp.json: each is there, once.
    if (item.type === "mcp") expect(await c.mcpServer(item), item.name).toEqual({ command: "npx", args: [`${item.name}-server@1`] });
    else expect(await c.destinationHash(item)).toBe(hashes.get(item.name));
    if (item.type === "hook") expect(await c.hookGroups(item), item.name).toHaveLength(1);
// A merged artifact's record holds the hash of its entries, not of its source.
    if (item.type === "hook" || item.type === "mcp") expect(records.filter((r) => r["artifact_name"] === item.name)).toHaveLength(1);
    else expect(records.filter((r) => r["artifact_name"] === item.name).map((r) => r["content_hash"])).toEqual([hashes.get(item.name)]);
  }
}

describe("concurrent deploys into one project", () => {
  it("in one process (one deployer and two), serialise and keep every record", async () => {
    const c = (current = await DeployCase.create());
    const { a, b, hashes, all } = await twoSets(c);
    const other = new FilesystemDeployer({ collectionRoot: c.collection, allowedRoots: [c.project] });
    const run = (deployer: FilesystemDeployer, items: Artifact[], setId: string) =>
      deployer.deploy({ setId, projectPath: c.project, profile: "claude_code", force: false, prune: false, artifacts: items });
    const results = await Promise.all([run(c.deployer, a, SET_A), run(c.deployer, b, SET_B), run(other, a, SET_A)]);
    await expectAllIntact(c, all, hashes, results.map((list) => [...list]));
  });

  it("from two processes, serialise through the lock file and keep every record", { timeout: 30_000 }, async () => {
    const c = (current = await DeployCase.create());
    const { a, b, hashes, all } = await twoSets(c);
    const go = join(c.base, "go");
    const children = await Promise.all([
      spawnDeploy(c.base, { collection: c.collection, project: c.project, setId: SET_A, artifacts: a, go }),
      spawnDeploy(c.base, { collection: c.collection, project: c.project, setId: SET_B, artifacts: b, go }),
    ]);
    await Promise.all(children.map((child) => child.ready));
    await writeFile(go, "");
    const outcomes = await Promise.all(children.map((child) => child.done));
    await rm(go);
    await expectAllIntact(c, all, hashes, outcomes.map((outcome) => outcome.results!));
  });
});
