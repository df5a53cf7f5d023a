import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DeploymentSets,
  isDeploymentSetsError,
  LIMITS,
  MemoryCatalog,
  MemoryStore,
  type Artifact,
  type ArtifactCatalog,
  type DeployInput,
  type DeployProfile,
  type Group,
} from "@deployment-sets/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { artifact, makeTemp, removeTemp, snapshotTree, writeSource } from "../test/deployer-fixtures.js";
import { CollectionCatalog } from "./catalog/index.js";
import { contentHash, destinationPath, FilesystemDeployer, PROFILES } from "./deployer/index.js";

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
        path: `.claude/${destinationPath("claude_code", item.type, item.name)}`,
        error: null,
      })),
      missing: [],
    });
    expect({ ...plan, dryRun: false, durationMs: 0 }).toEqual({ ...report, durationMs: 0 });
    for (const item of order) {
      expect(await contentHash(join(project, ".claude", destinationPath("claude_code", item.type, item.name)!))).toBe(
        await contentHash(join(collection, item.path)),
      );
    }
    const again = await sets.deploy(OWNER, set.id, { projectPath: project });
    expect(again).toMatchObject({ total: 5, succeeded: 0, skipped: 5, failed: 0 });
    expect(new Set(again.results.map((r) => r.action))).toEqual(new Set(["unchanged"]));
  });

  it.each<[DeployProfile, number]>([
    ["codex", 3],
    ["gemini", 2],
    ["cursor", 3],
  ])("counts unsupported types as skipped (%s)", async (profile, supported) => {
    const { sets } = await service();
    const set = await fullStack(sets);
    const report = await sets.deploy(OWNER, set.id, { projectPath: project, profile });
    expect(report).toMatchObject({ profile, total: 5, succeeded: supported, skipped: 5 - supported, failed: 0 });
    expect(report.results.filter((r) => r.action === "unsupported").every((r) => r.path === null && r.status === "skipped")).toBe(true);
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
    ]);
    expect(report).toMatchObject({ total: 4, succeeded: 1, skipped: 2, failed: 1 });
    expect(report.missing).toEqual([{ kind: "artifact", id: guard.uuid, path: ["Full stack", "Tools"] }]);

    const forced = await sets.deploy(OWNER, set.id, { projectPath: project, force: true });
    expect(forced.results.map((r) => r.action)).toEqual(["unchanged", "unchanged", "overwritten", "error"]);
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

    it("project_path_invalid before project_path_forbidden", async () => {
      const { sets } = await service();
      const set = await fullStack(sets);
      expect(await errorCodeOf(sets.deploy(OWNER, set.id, { projectPath: join(outside(), "missing") }))).toBe("project_path_invalid");
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

describe("the starter collection, through the collection catalog", () => {
  it.each(Object.keys(PROFILES) as DeployProfile[])("deploys every artifact with the %s profile", async (profile) => {
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
      const supported = artifacts.filter((item) => PROFILES[profile].destinations[item.type]);
      expect(report).toMatchObject({ total: artifacts.length, succeeded: supported.length, failed: 0 });
      for (const item of supported) {
        const destination = join(project, PROFILES[profile].root, destinationPath(profile, item.type, item.name)!);
        expect(await contentHash(destination)).toBe(await contentHash(join(catalog.root, item.path)));
      }
      expect(await snapshotTree(catalog.root)).toEqual(collectionBefore);
    } finally {
      catalog.close();
    }
  });
});
