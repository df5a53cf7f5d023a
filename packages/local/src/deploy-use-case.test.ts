import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DeploymentSets, isDeploymentSetsError, LIMITS, MemoryCatalog, MemoryStore, type Artifact, type DeployInput, type DeployProfile, type Group } from "@deployment-sets/core";
import type { ArtifactCatalog } from "@deployment-sets/core/ports";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { artifact, makeTemp, removeTemp, snapshotTree, writeSource } from "../test/deployer-fixtures.js";
import { CollectionCatalog } from "./catalog/index.js";
import { readFile } from "node:fs/promises";
import { parse as parseToml } from "smol-toml";
import { contentHash, FilesystemDeployer, PLACEMENTS, placementPath } from "./deployer/index.js";

const OWNER = "local-user";
const STARTER = fileURLToPath(new URL("../../../examples/starter-collection", import.meta.url));

/** A catalog whose contents a test can swap (an artifact removed from the collection later). */
class SwappableCatalog implements ArtifactCatalog {
  constructor(public inner: MemoryCatalog) {}
  getArtifacts(ids: Iterable<string>) {
    return this.inner.getArtifacts(ids);
  }
  getGroups(ids: Iterable<string>) {
    return this.inner.getGroups(ids);
  }
  listArtifacts(query: Parameters<ArtifactCatalog["listArtifacts"]>[0]) {
    return this.inner.listArtifacts(query);
  }
  listGroups(query: { readonly limit: number; readonly offset: number }) {
    return this.inner.listGroups(query);
  }
}

let base: string;
let collection: string;
let allowed: string;
let project: string;
beforeEach(async () => {
  base = await makeTemp();
  collection = join(base, "collection");
  allowed = join(base, "home");
  project = join(allowed, "app");
  await mkdir(collection);
  await mkdir(project, { recursive: true });
});
afterEach(async () => {
  await removeTemp(base);
});

const pdf = artifact("skill", "pdf");
const review = artifact("command", "review");
const reviewer = artifact("agent", "reviewer");
const guard = artifact("hook", "guard");
const github = artifact("mcp", "github");
const ARTIFACTS = [pdf, review, reviewer, guard, github];
const BACKEND: Group = { id: "9".repeat(32), name: "backend", description: null, artifactUuids: [review.uuid, reviewer.uuid] };

async function service(options: { roots?: string[]; artifacts?: Artifact[]; withDeployer?: boolean } = {}) {
  for (const item of ARTIFACTS) await writeSource(collection, item, "1");
  const catalog = new SwappableCatalog(new MemoryCatalog({ artifacts: options.artifacts ?? ARTIFACTS, groups: [BACKEND] }));
  const deployer = new FilesystemDeployer({ collectionRoot: collection, allowedRoots: options.roots ?? [allowed] });
  const sets = new DeploymentSets({ store: new MemoryStore(), catalog, ...(options.withDeployer === false ? {} : { deployer }) });
  return { sets, catalog };
}

/** "Full stack": pdf, the backend group, and a nested "Tools" set (guard, github, and pdf again). */
async function fullStack(sets: DeploymentSets) {
  const tools = await sets.createSet(OWNER, { name: "Tools" });
  await sets.addMember(OWNER, tools.id, { ref: { type: "artifact", id: guard.uuid } });
  await sets.addMember(OWNER, tools.id, { ref: { type: "artifact", id: github.uuid } });
  await sets.addMember(OWNER, tools.id, { ref: { type: "artifact", id: pdf.uuid } });
  const set = await sets.createSet(OWNER, { name: "Full stack" });
  await sets.addMember(OWNER, set.id, { ref: { type: "artifact", id: pdf.uuid } });
  await sets.addMember(OWNER, set.id, { ref: { type: "group", id: BACKEND.id } });
  await sets.addMember(OWNER, set.id, { ref: { type: "set", id: tools.id } });
  return set;
}

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isDeploymentSetsError(error)) return error.code;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("DeploymentSets.deploy with the filesystem deployer", () => {
  it("plans, then deploys, a nested set and reports every artifact", async () => {
    const { sets } = await service();
    const set = await fullStack(sets);
    const before = await snapshotTree(base);

    const plan = await sets.deploy(OWNER, set.id, { projectPath: project, dryRun: true });
    expect(await snapshotTree(base)).toEqual(before);
    const report = await sets.deploy(OWNER, set.id, { projectPath: project });

    const order = [pdf, review, reviewer, guard, github];
    expect(report).toEqual({
      setId: set.id,
      setName: "Full stack",
      projectPath: project,
      profile: "claude_code",
      dryRun: false,
      total: 5,
      succeeded: 5,
      skipped: 0,
      failed: 0,
      durationMs: expect.any(Number),
      results: order.map((item) => ({
        artifactUuid: item.uuid,
        artifactName: item.name,
        artifactType: item.type,
        status: "success",
        action: "created",
        path: placementPath("claude_code", item.type, item.name),
        error: null,
      })),
      missing: [],
    });
    expect({ ...plan, dryRun: false, durationMs: 0 }).toEqual({ ...report, durationMs: 0 });
    for (const item of [pdf, review, reviewer]) {
      expect(await contentHash(join(project, placementPath("claude_code", item.type, item.name)!))).toBe(await contentHash(join(collection, item.path)));
    }
    const settings = JSON.parse(await readFile(join(project, ".claude/settings.json"), "utf8"));
    expect(settings.hooks.PreToolUse[0].hooks[0].command).toBe('sh "${CLAUDE_PROJECT_DIR}/.claude/hooks/guard/part-1.md" 1');
    expect(JSON.parse(await readFile(join(project, ".mcp.json"), "utf8"))).toEqual({ mcpServers: { github: { command: "npx", args: ["github-server@1"] } } });
    const again = await sets.deploy(OWNER, set.id, { projectPath: project });
    expect(again).toMatchObject({ total: 5, succeeded: 0, skipped: 5, failed: 0 });
    expect(new Set(again.results.map((r) => r.action))).toEqual(new Set(["unchanged"]));
  });

  it.each<DeployProfile>(["codex", "gemini", "cursor"])("counts unsupported types as skipped (%s)", async (profile) => {
    const { sets } = await service();
    const set = await fullStack(sets);
    const report = await sets.deploy(OWNER, set.id, { projectPath: project, profile });
    const supported = ARTIFACTS.filter((item) => PLACEMENTS[profile][item.type].kind !== "unsupported").length;
    expect(supported).toBeLessThan(5);
    expect(report).toMatchObject({ profile, total: 5, succeeded: supported, skipped: 5 - supported, failed: 0 });
    expect(report.results.filter((r) => r.action === "unsupported").every((r) => r.path === null && r.status === "skipped")).toBe(true);
  });

  it("reports progress as each artifact is written, never on a plan, and counts only what it writes", async () => {
    const { sets } = await service();
    const set = await fullStack(sets);
    const calls: [number, number][] = [];
    const onProgress = (done: number, total: number) => calls.push([done, total]);

    await sets.deploy(OWNER, set.id, { projectPath: project, dryRun: true }, { onProgress });
    expect(calls).toEqual([]);
    await sets.deploy(OWNER, set.id, { projectPath: project }, { onProgress });
    expect(calls).toEqual([1, 2, 3, 4, 5].map((done) => [done, 5]));

    calls.length = 0;
    await sets.deploy(OWNER, set.id, { projectPath: project }, { onProgress });
    expect(calls).toEqual([]); // every artifact unchanged: nothing to write
  });

  it("reports local changes, conflicts (and force), failures and missing references", async () => {
    const { sets, catalog } = await service();
    const set = await fullStack(sets);
    await sets.deploy(OWNER, set.id, { projectPath: project });
    await writeSource(collection, review, "2");
    await rm(join(project, ".claude", "agents", "reviewer.md"));
    await mkdir(join(project, ".claude", "agents", "reviewer.md"));
    await rm(join(collection, github.path), { recursive: true });
    catalog.inner = new MemoryCatalog({ artifacts: ARTIFACTS.filter((a) => a !== guard), groups: [BACKEND] });

    const report = await sets.deploy(OWNER, set.id, { projectPath: project });
    expect(report.results.map((r) => [r.artifactName, r.action])).toEqual([
      ["pdf", "unchanged"],
      ["review", "updated"],
      ["reviewer", "kept_local_changes"],
      ["github", "error"],
      // Deployed earlier by this set, no longer in it: reported, left in place (deploy with prune removes it).
      ["guard", "stale"],
    ]);
    expect(report).toMatchObject({ total: 5, succeeded: 1, skipped: 3, failed: 1 });
    expect(report.missing).toEqual([{ kind: "artifact", id: guard.uuid, path: ["Full stack", "Tools"] }]);

    const forced = await sets.deploy(OWNER, set.id, { projectPath: project, force: true });
    expect(forced.results.map((r) => r.action)).toEqual(["unchanged", "unchanged", "overwritten", "error", "stale"]);
  });

  describe("error precedence", () => {
    const outside = () => join(base, "elsewhere");

    it("set_not_found before deploy_disabled", async () => {
      const { sets } = await service({ roots: [] });
      expect(await errorCodeOf(sets.deploy(OWNER, "f".repeat(32), { projectPath: "relative" }))).toBe("set_not_found");
      const { sets: noDeployer } = await service({ withDeployer: false });
      expect(await errorCodeOf(noDeployer.deploy(OWNER, "f".repeat(32), { projectPath: project }))).toBe("set_not_found");
    });

    it("validation_failed before everything", async () => {
      const { sets } = await service({ roots: [] });
      expect(await errorCodeOf(sets.deploy(OWNER, "f".repeat(32), { projectPath: project, extra: 1 } as DeployInput))).toBe("validation_failed");
    });

    it("deploy_disabled before project_path_invalid", async () => {
      const { sets } = await service({ roots: [] });
      const set = await fullStack(sets);
      expect(await errorCodeOf(sets.deploy(OWNER, set.id, { projectPath: "relative" }))).toBe("deploy_disabled");
      const { sets: noDeployer } = await service({ withDeployer: false });
      const other = await fullStack(noDeployer);
      expect(await errorCodeOf(noDeployer.deploy(OWNER, other.id, { projectPath: "relative" }))).toBe("deploy_disabled");
    });

    it("project_path_invalid for a relative path, project_path_forbidden outside the roots whether or not it exists", async () => {
      const { sets } = await service();
      const set = await fullStack(sets);
      expect(await errorCodeOf(sets.deploy(OWNER, set.id, { projectPath: join(outside(), "missing") }))).toBe("project_path_forbidden");
      expect(await errorCodeOf(sets.deploy(OWNER, set.id, { projectPath: "app" }))).toBe("project_path_invalid");
    });

    it("project_path_forbidden before depth_limit_exceeded, then depth_limit_exceeded; nothing written", async () => {
      const { sets } = await service();
      let inner = await sets.createSet(OWNER, { name: "level 0" });
      await sets.addMember(OWNER, inner.id, { ref: { type: "artifact", id: pdf.uuid } });
      for (let level = 1; level <= LIMITS.maxDepth; level++) {
        const outer = await sets.createSet(OWNER, { name: `level ${level}` });
        await sets.addMember(OWNER, outer.id, { ref: { type: "set", id: inner.id } });
        inner = outer;
      }
      await mkdir(outside());
      const before = await snapshotTree(base);
      expect(await errorCodeOf(sets.deploy(OWNER, inner.id, { projectPath: outside() }))).toBe("project_path_forbidden");
      expect(await errorCodeOf(sets.deploy(OWNER, inner.id, { projectPath: project }))).toBe("depth_limit_exceeded");
      expect(await snapshotTree(base)).toEqual(before);
    });

    it("an allowed root itself is a valid target", async () => {
      const { sets } = await service({ roots: [project] });
      const set = await fullStack(sets);
      expect((await sets.deploy(OWNER, set.id, { projectPath: project })).succeeded).toBe(5);
    });
  });
});

describe("DeploymentSets.undeploy, listDeployments and inventory with the filesystem deployer", () => {
  it("remember where a set is deployed until nothing of it is left there", async () => {
    const { sets } = await service();
    const set = await fullStack(sets);
    const before = await snapshotTree(project);
    await sets.deploy(OWNER, set.id, { projectPath: project, dryRun: true });
    expect(await sets.listDeployments(OWNER, set.id)).toEqual([]);
    await sets.deploy(OWNER, set.id, { projectPath: project });
    expect(await sets.listDeployments(OWNER, set.id)).toEqual([{ setId: set.id, projectPath: project, profile: "claude_code", deployedAt: expect.any(Date) }]);

    const inventory = await sets.inventory(OWNER, { projectPath: project });
    expect(inventory.artifacts.map((a) => [a.artifactName, a.state])).toEqual(ARTIFACTS.map((a) => [a.name, "in_sync"]).sort(byPlacement(inventory)));
    for (const artifact of inventory.artifacts) expect(artifact.sets).toEqual([{ id: set.id, name: "Full stack" }]);

    // A local change is kept by an undeploy, and the set is still deployed there; force takes it out for good.
    await writeSource(project, { ...review, path: ".claude/commands/review.md" }, "mine");
    const kept = await sets.undeploy(OWNER, set.id, { projectPath: project });
    expect(kept.results.filter((r) => r.action !== "removed").map((r) => [r.artifactName, r.action])).toEqual([["review", "kept_local_changes"]]);
    expect(await sets.listDeployments(OWNER, set.id)).toHaveLength(1);
    const forced = await sets.undeploy(OWNER, set.id, { projectPath: project, force: true });
    expect(forced.results).toEqual([expect.objectContaining({ artifactName: "review", action: "removed", backupPath: expect.stringMatching(/^\.claude\/\.deployment-sets\/backups\//) })]);
    expect(await sets.listDeployments(OWNER, set.id)).toEqual([]);
    expect((await snapshotTree(project)).filter((entry) => !entry.path.startsWith(".claude"))).toEqual(before);
  });
});

describe("DeploymentSets.deploy with prune", () => {
  it("removes what left the set, but nothing while a reference cannot be resolved (an unreadable collection looks so)", async () => {
    const { sets, catalog } = await service();
    const set = await sets.createSet(OWNER, { name: "Pruned" });
    for (const item of [pdf, review, github]) await sets.addMember(OWNER, set.id, { ref: { type: "artifact", id: item.uuid } });
    await sets.deploy(OWNER, set.id, { projectPath: project });
    const reviewMember = (await sets.listMembers(OWNER, set.id)).find((m) => m.ref.id === review.uuid)!;
    await sets.removeMember(OWNER, set.id, reviewMember.id);

    // github is missing from the collection now: review is only reported stale, even with prune.
    catalog.inner = new MemoryCatalog({ artifacts: ARTIFACTS.filter((a) => a !== github), groups: [BACKEND] });
    const held = await sets.deploy(OWNER, set.id, { projectPath: project, prune: true });
    expect(held.missing).toEqual([{ kind: "artifact", id: github.uuid, path: ["Pruned"] }]);
    expect(held.results.map((r) => [r.artifactName, r.action])).toEqual([["pdf", "unchanged"], ["review", "stale"], ["github", "stale"]]);

    catalog.inner = new MemoryCatalog({ artifacts: ARTIFACTS, groups: [BACKEND] });
    const pruned = await sets.deploy(OWNER, set.id, { projectPath: project, prune: true });
    expect(pruned.results.map((r) => [r.artifactName, r.action])).toEqual([["pdf", "unchanged"], ["github", "unchanged"], ["review", "removed"]]);
  });
});

/** Orders `[name, state]` pairs as the inventory lists its artifacts. */
function byPlacement(inventory: { artifacts: readonly { artifactName: string }[] }) {
  const order = inventory.artifacts.map((a) => a.artifactName);
  return (a: string[], b: string[]) => order.indexOf(a[0]!) - order.indexOf(b[0]!);
}

describe("the starter collection, through the collection catalog", () => {
  it.each(Object.keys(PLACEMENTS) as DeployProfile[])("deploys every artifact where the %s profile reads it", async (profile) => {
    const catalog = await CollectionCatalog.open({ root: STARTER });
    try {
      const { items: artifacts } = await catalog.listArtifacts({ limit: 200, offset: 0 });
      expect(artifacts.length).toBeGreaterThan(0);
      const deployer = new FilesystemDeployer({ collectionRoot: catalog.root, allowedRoots: [allowed] });
      const sets = new DeploymentSets({ store: new MemoryStore(), catalog, deployer });
      const set = await sets.createSet(OWNER, { name: "Everything" });
      for (const item of artifacts) await sets.addMember(OWNER, set.id, { ref: { type: "artifact", id: item.uuid } });
      const collectionBefore = await snapshotTree(catalog.root);

      const report = await sets.deploy(OWNER, set.id, { projectPath: project, profile });
      // Codex expands no variables in its config: a server that needs one in its arguments cannot be written.
      const failing = profile === "codex" ? ["postgres"] : [];
      for (const result of report.results) {
        const item = artifacts.find((a) => a.uuid === result.artifactUuid)!;
        const placement = PLACEMENTS[profile][item.type];
        const where = placementPath(profile, item.type, item.name);
        if (failing.includes(item.name)) {
          expect(result).toMatchObject({ status: "failed", action: "error", path: where, error: expect.stringMatching(/POSTGRES_URL/) });
          continue;
        }
        if (placement.kind === "unsupported") {
          expect(result).toMatchObject({ status: "skipped", action: "unsupported", path: null, hint: placement.reason });
          continue;
        }
        expect(result).toMatchObject({ status: "success", action: "created", path: where });
        const destination = join(project, where!);
        if (placement.kind === "copy") expect(await contentHash(destination)).toBe(await contentHash(join(catalog.root, item.path)));
        if (placement.kind === "convert" && placement.suffix === ".toml") expect(parseToml(await readFile(destination, "utf8"))).toBeTypeOf("object");
        if (placement.kind === "convert" && placement.suffix === ".md") expect(await readFile(destination, "utf8")).toMatch(/^---\nname: /);
        if (placement.kind === "merge") {
          const text = await readFile(destination, "utf8");
          const document = (placement.target === "toml-mcp-servers" ? parseToml(text) : JSON.parse(text)) as Record<string, Record<string, unknown>>;
          if (placement.target === "claude-hooks") expect(Object.keys(document["hooks"]!)).toContain("PreToolUse");
          else expect(Object.keys(document[placement.target === "toml-mcp-servers" ? "mcp_servers" : "mcpServers"]!)).toContain(item.name);
        }
      }
      expect(report).toMatchObject({ total: artifacts.length, failed: failing.length });
      expect(await snapshotTree(catalog.root)).toEqual(collectionBefore);
    } finally {
      catalog.close();
    }
  });
});
