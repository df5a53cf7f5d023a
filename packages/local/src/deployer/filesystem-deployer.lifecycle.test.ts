import { appendFile, lstat, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEPLOY_PROFILES, type Artifact, type DeployProfile, type DeployResult } from "@deployment-sets/core";
import type { DeployedArtifact } from "@deployment-sets/core/ports";
import { afterEach, describe, expect, it } from "vitest";
import { StarterCase, type ExtraSource } from "../../test/deploy-case.js";
import { snapshotTree, type SnapshotEntry } from "../../test/deployer-fixtures.js";
import { PLACEMENTS, placementPath } from "./placement/placements.js";

// A set's life in a project: deployed beside another set, redeployed with fewer artifacts (stale, prune), taken
// out again (undeploy) with what the user changed, and what the inventory says along the way. Sources are the
// shipped starter collection plus one remote MCP server.

const SET_A = "a".repeat(32);
const SET_B = "b".repeat(32);

const LINEAR: ExtraSource = {
  type: "mcp",
  name: "linear",
  files: { "mcp.json": `${JSON.stringify({ mcpServers: { linear: { url: "https://mcp.linear.app/mcp", headers: { Authorization: "Bearer ${LINEAR_API_KEY}" } } } }, null, 2)}\n` },
};

let current: StarterCase | undefined;
afterEach(async () => {
  await current?.dispose();
  current = undefined;
});

async function starter(): Promise<StarterCase> {
  current = await StarterCase.create([LINEAR]);
  return current;
}

// --- helpers ---------------------------------------------------------------------------------------------------

/** Paths, kinds, modes and contents of a folder's tree (no timestamps). */
async function tree(root: string): Promise<Omit<SnapshotEntry, "mtimeNs">[]> {
  return (await snapshotTree(root)).map(({ mtimeNs: _mtime, ...entry }) => entry);
}

/** What is at `path`: a file's mode and bytes, a folder's {@link tree}; `null` when nothing is there. */
async function contentAt(path: string): Promise<unknown> {
  const stats = await lstat(path).catch((error: { code?: string }) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (stats === null) return null;
  return stats.isDirectory() ? tree(path) : { mode: stats.mode & 0o7777, content: (await readFile(path)).toString("base64") };
}

/** Files with everything (mtimes included), folders by path, kind and mode: what "nothing was written" compares. */
async function untouchedView(root: string): Promise<unknown[]> {
  return (await snapshotTree(root)).map(({ mtimeNs, ...entry }) => (entry.kind === "folder" ? entry : { ...entry, mtimeNs }));
}

/** The results by artifact name: `name → action`. */
function actions(results: readonly DeployResult[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [r.artifactName, r.action]));
}

/** A plan's results as the run reports them (a plan writes no backup, so it names none). */
function withoutBackup(results: readonly DeployResult[]): DeployResult[] {
  return results.map(({ backupPath: _backup, ...result }) => result);
}

/** True when the profile takes the artifact's type (it is deployed and tracked). */
function supported(profile: DeployProfile, item: Artifact): boolean {
  return PLACEMENTS[profile][item.type].kind !== "unsupported";
}

/** The inventory by artifact name: `name → { state, setIds }`. */
function states(inventory: readonly DeployedArtifact[]): Record<string, { state: string; setIds: readonly string[] }> {
  return Object.fromEntries(inventory.map((a) => [a.artifactName, { state: a.state, setIds: a.setIds }]));
}

// --- two sets ----------------------------------------------------------------------------------------------------

const SHARED = ["api-design", "code-reviewer", "guard-secrets", "github"];
const ONLY_A = ["sql-migrations", "review"];
const ONLY_B = ["db-architect", "linear"];

describe("two sets sharing artifacts", () => {
  it.each(DEPLOY_PROFILES)(
    "%s: undeploying A keeps the shared ones and removes A's own; undeploying B leaves the empty project empty",
    async (profile) => {
      const c = await starter();
      const deployer = c.deployer();
      const a = c.pick(...ONLY_A, ...SHARED);
      const b = c.pick(...SHARED, ...ONLY_B);
      expect(await snapshotTree(c.project)).toEqual([]);
      for (const [setId, items] of [[SET_A, a], [SET_B, b]] as const) {
        const results = await deployer.deploy(c.request(profile, setId, items));
        expect(results.filter((r) => !["created", "unchanged", "unsupported"].includes(r.action))).toEqual([]);
      }
      const tracked = (names: readonly string[]) => c.pick(...names).filter((item) => supported(profile, item));

      const plannedA = await deployer.planUndeploy(c.undeployRequest(profile, SET_A));
      const undeployA = await deployer.undeploy(c.undeployRequest(profile, SET_A));
      expect(undeployA).toEqual(plannedA);
      expect(actions(undeployA)).toEqual({
        ...Object.fromEntries(tracked(ONLY_A).map((item) => [item.name, "removed"])),
        ...Object.fromEntries(tracked(SHARED).map((item) => [item.name, "kept_shared"])),
      });
      for (const result of undeployA.filter((r) => r.action === "kept_shared")) expect(result.hint).toBe("still deployed there by 1 other set");
      for (const item of tracked(ONLY_A)) expect(await exists(c, placementPath(profile, item.type, item.name)!), item.name).toBe(false);
      expect(states(await deployer.inventory(c.project, profile))).toEqual(
        Object.fromEntries(tracked([...SHARED, ...ONLY_B]).map((item) => [item.name, { state: "in_sync", setIds: [SET_B] }])),
      );

      const undeployB = await deployer.undeploy(c.undeployRequest(profile, SET_B));
      expect(actions(undeployB)).toEqual(Object.fromEntries(tracked([...SHARED, ...ONLY_B]).map((item) => [item.name, "removed"])));
      // No artifact, config file, tracking file, lock, backup folder, empty folder or profile root is left.
      expect(await snapshotTree(c.project)).toEqual([]);
    },
  );

  it("claude_code: a project with its own .claude/ files gets exactly them back; files never written keep their mtimes", async () => {
    const c = await starter();
    const user: Record<string, string> = {
      "CLAUDE.md": "# App\n\nRun `npm test` before committing.\n",
      ".claude/settings.json": `{\n    "permissions": {\n        "allow": ["Bash(npm test)"]\n    },\n    "hooks": {\n        "Stop": [\n            { "hooks": [{ "type": "command", "command": "say done" }] }\n        ]\n    }\n}\n`,
      ".claude/settings.local.json": `{ "permissions": { "allow": ["Bash(make deploy)"] } }\n`,
      ".claude/commands/release.md": "---\ndescription: Cut a release\n---\n\nTag and push the release.\n",
      ".claude/skills/house-style/SKILL.md": "---\nname: house-style\ndescription: Our naming rules.\n---\n\nUse kebab-case file names.\n",
      ".mcp.json": `{\n  "mcpServers": {\n    "playwright": { "command": "npx", "args": ["@playwright/mcp@latest"] }\n  }\n}\n`,
    };
    for (const [path, text] of Object.entries(user)) await c.write(path, text);
    const before = await snapshotTree(c.project);
    const deployer = c.deployer();
    await deployer.deploy(c.request("claude_code", SET_A, c.pick(...ONLY_A, ...SHARED)));
    await deployer.deploy(c.request("claude_code", SET_B, c.pick(...SHARED, ...ONLY_B)));
    expect(await c.read(".claude/commands/review.md")).toBe(await readFile(join(c.collection, "commands/review.md"), "utf8"));

    await deployer.undeploy(c.undeployRequest("claude_code", SET_A));
    await deployer.undeploy(c.undeployRequest("claude_code", SET_B));
    expect(await tree(c.project)).toEqual(before.map(({ mtimeNs: _mtime, ...entry }) => entry));
    // The config files were rewritten (same bytes); every other file of the user's was never written.
    const merged = new Set([".claude/settings.json", ".mcp.json"]);
    const files = (entries: SnapshotEntry[]) => entries.filter((e) => e.kind === "file" && !merged.has(e.path));
    expect(files(await snapshotTree(c.project))).toEqual(files(before));
  });
});

async function exists(c: StarterCase, relative: string): Promise<boolean> {
  return (await contentAt(join(c.project, relative))) !== null;
}

// --- stale and prune ---------------------------------------------------------------------------------------------

/** A set of three per profile (a copy in the profile root, a file of its own type, a merged server). */
const TRIO: Partial<Record<DeployProfile, readonly string[]>> = {
  claude_code: ["api-design", "review", "github"],
  // A skill copied outside the profile root (.agents/skills), an agent converted to TOML.
  codex: ["api-design", "code-reviewer", "github"],
  // A command converted to TOML.
  gemini: ["api-design", "review", "github"],
};

describe("stale and prune", () => {
  it.each([
    ["claude_code", "api-design"],
    ["claude_code", "review"],
    ["claude_code", "github"],
    ["codex", "api-design"],
    ["gemini", "review"],
  ] as const)("%s: %s left out of the set is stale and stays; prune removes it; each plan predicts its run exactly", async (profile, dropped) => {
    const c = await starter();
    const deployer = c.deployer();
    const all = c.pick(...TRIO[profile]!);
    const kept = all.filter((item) => item.name !== dropped);
    const [gone] = c.pick(dropped);
    const path = placementPath(profile, gone!.type, gone!.name)!;
    expect(Object.values(actions(await deployer.deploy(c.request(profile, SET_A, all))))).toEqual(["created", "created", "created"]);
    const deployed = await contentAt(join(c.project, path));

    /** Plans, checks that the plan wrote nothing, runs, and checks the run did what the plan said. */
    const planThenRun = async <T extends readonly DeployResult[]>(plan: () => Promise<T>, run: () => Promise<T>): Promise<T> => {
      const before = await snapshotTree(c.base);
      const planned = await plan();
      expect(await snapshotTree(c.base)).toEqual(before);
      const results = await run();
      expect(withoutBackup(results)).toEqual(planned);
      return results;
    };

    const stale = await planThenRun(
      () => deployer.plan(c.request(profile, SET_A, kept)),
      () => deployer.deploy(c.request(profile, SET_A, kept)),
    );
    expect(stale.map((r) => r.action)).toEqual(["unchanged", "unchanged", "stale"]);
    expect(stale[2]).toEqual({
      artifactUuid: gone!.uuid,
      artifactName: dropped,
      artifactType: gone!.type,
      status: "skipped",
      action: "stale",
      path,
      error: null,
      hint: "no longer in this set; deploy with prune to remove it",
    });
    expect(await contentAt(join(c.project, path))).toEqual(deployed);

    const pruned = await planThenRun(
      () => deployer.plan(c.request(profile, SET_A, kept, { prune: true })),
      () => deployer.deploy(c.request(profile, SET_A, kept, { prune: true })),
    );
    expect(pruned.map((r) => r.action)).toEqual(["unchanged", "unchanged", "removed"]);
    expect(pruned[2]).toMatchObject({ artifactName: dropped, status: "success", path });
    expect(await exists(c, path)).toBe(false);
    expect((await deployer.inventory(c.project, profile)).map((a) => a.artifactName).sort()).toEqual(kept.map((item) => item.name).sort());
    // Pruned once, gone from the set's records: nothing more to report.
    expect((await deployer.deploy(c.request(profile, SET_A, kept, { prune: true }))).map((r) => r.action)).toEqual(["unchanged", "unchanged"]);

    const undeployed = await planThenRun(
      () => deployer.planUndeploy(c.undeployRequest(profile, SET_A)),
      () => deployer.undeploy(c.undeployRequest(profile, SET_A)),
    );
    expect(undeployed.map((r) => r.action)).toEqual(["removed", "removed"]);
    expect(await snapshotTree(c.project)).toEqual([]);
  });
});

// --- local changes on undeploy -------------------------------------------------------------------------------------

interface Edited {
  readonly profile: DeployProfile;
  readonly artifact: string;
  /** The path the user edits (relative to the project). */
  readonly edits: string;
  /** Edits it. */
  readonly edit: (c: StarterCase) => Promise<void>;
  /** Where a backup of the edit is expected, relative to the backup folder (the result's `path` by default). */
  readonly backupOf?: string;
}

const EDITED: readonly (readonly [string, Edited])[] = [
  [
    "copied command",
    {
      profile: "claude_code",
      artifact: "review",
      edits: ".claude/commands/review.md",
      edit: (c) => appendFile(join(c.project, ".claude/commands/review.md"), "\nAlso check CHANGELOG.md.\n"),
    },
  ],
  [
    "copied skill folder",
    {
      profile: "cursor",
      artifact: "sql-migrations",
      edits: ".cursor/skills/sql-migrations",
      edit: (c) => writeFile(join(c.project, ".cursor/skills/sql-migrations/NOTES.md"), "We run migrations with `make migrate`.\n"),
    },
  ],
  [
    "converted agent",
    {
      profile: "codex",
      artifact: "code-reviewer",
      edits: ".codex/agents/code-reviewer.toml",
      edit: (c) => appendFile(join(c.project, ".codex/agents/code-reviewer.toml"), 'model = "o3"\n'),
    },
  ],
  [
    "merged MCP server",
    {
      profile: "claude_code",
      artifact: "github",
      edits: ".mcp.json",
      edit: async (c) => c.write(".mcp.json", (await c.read(".mcp.json")).replace('"--rm",', '"--rm",\n        "--network=host",')),
    },
  ],
  [
    "merged hook, its group edited in settings.json",
    {
      profile: "claude_code",
      artifact: "guard-secrets",
      edits: ".claude/settings.json",
      edit: async (c) => c.write(".claude/settings.json", (await c.read(".claude/settings.json")).replace('"timeout": 10', '"timeout": 30')),
    },
  ],
  [
    "merged hook, its script edited",
    {
      profile: "claude_code",
      artifact: "guard-secrets",
      edits: ".claude/hooks/guard-secrets/guard-secrets.sh",
      edit: (c) => appendFile(join(c.project, ".claude/hooks/guard-secrets/guard-secrets.sh"), "# let test fixtures through\n"),
      backupOf: ".claude/hooks/guard-secrets/guard-secrets.sh",
    },
  ],
];

describe("local changes on undeploy", () => {
  /** Deploys the artifact, edits it, and returns the edited path's tree (files by content). */
  async function deployAndEdit(c: StarterCase, row: Edited) {
    await c.deployer().deploy(c.request(row.profile, SET_A, c.pick(row.artifact)));
    await row.edit(c);
    return contentAt(join(c.project, row.edits));
  }

  /** Checks that `result` removed the artifact and kept a backup of the user's edited version. */
  async function expectRemovedWithBackup(c: StarterCase, row: Edited, result: DeployResult | undefined, edited: unknown) {
    const label = placementPath(row.profile, c.pick(row.artifact)[0]!.type, row.artifact)!;
    expect(result).toMatchObject({ artifactName: row.artifact, action: "removed", status: "success", path: label });
    expect(result!.backupPath).toMatch(/^\.[a-z]+\/\.deployment-sets\/backups\/[^/]+\//);
    expect(await exists(c, row.edits)).toBe(false);
    const folder = result!.backupPath!.slice(0, result!.backupPath!.length - label.length);
    expect(`${folder}${label}`).toBe(result!.backupPath);
    expect(await contentAt(join(c.project, folder, row.backupOf ?? row.edits)), "the backup holds the user's version").toEqual(edited);
  }

  it.each(EDITED)("%s: kept with a hint; undeploying with force then removes it, keeping a backup of the edited version", async (_name, row) => {
    const c = await starter();
    const edited = await deployAndEdit(c, row);
    const planned = await c.deployer().planUndeploy(c.undeployRequest(row.profile, SET_A));
    const [kept] = await c.deployer().undeploy(c.undeployRequest(row.profile, SET_A));
    expect([kept]).toEqual(planned);
    expect(kept).toMatchObject({ artifactName: row.artifact, action: "kept_local_changes", status: "skipped" });
    expect(kept!.hint).toMatch(/changed in the project since it was deployed; it is kept\. Undeploy with force to remove it/);
    expect(await contentAt(join(c.project, row.edits))).toEqual(edited);

    // As the hint says: undeploy with force.
    const forced = await c.deployer().undeploy(c.undeployRequest(row.profile, SET_A, { force: true }));
    expect(forced).toHaveLength(1);
    await expectRemovedWithBackup(c, row, forced[0], edited);
  });

  it.each(EDITED)("%s: undeploying with force right away removes it, keeping a backup of the edited version", async (_name, row) => {
    const c = await starter();
    const edited = await deployAndEdit(c, row);
    const planned = await c.deployer().planUndeploy(c.undeployRequest(row.profile, SET_A, { force: true }));
    const forced = await c.deployer().undeploy(c.undeployRequest(row.profile, SET_A, { force: true }));
    expect(withoutBackup(forced)).toEqual(planned);
    await expectRemovedWithBackup(c, row, forced[0], edited);
  });
});

// --- inventory -----------------------------------------------------------------------------------------------------

describe("inventory", () => {
  it("reports in_sync, locally_modified, missing_on_disk and outdated, for copies and merged entries, with the sets", async () => {
    const c = await starter();
    const deployer = c.deployer({ catalog: c.catalog });
    const setA = c.pick("api-design", "sql-migrations", "review", "code-reviewer", "guard-secrets", "github", "postgres", "linear");
    await deployer.deploy(c.request("claude_code", SET_A, setA));
    await deployer.deploy(c.request("claude_code", SET_B, c.pick("api-design", "github")));

    // In the project: a command edited, an agent deleted, a server's entry edited, a hook's entry and scripts deleted.
    await appendFile(join(c.project, ".claude/commands/review.md"), "\nAlso check CHANGELOG.md.\n");
    await rm(join(c.project, ".claude/agents/code-reviewer.md"));
    await c.write(".mcp.json", (await c.read(".mcp.json")).replace('"--rm",', '"--rm",\n        "--network=host",'));
    await rm(join(c.project, ".claude/settings.json"));
    await rm(join(c.project, ".claude/hooks/guard-secrets"), { recursive: true });
    // In the collection: a new version of a skill and of a server.
    await appendFile(join(c.collection, "skills/sql-migrations/SKILL.md"), "\nNever rename a column in one step.\n");
    const postgres = join(c.collection, "mcp/postgres/mcp.json");
    await writeFile(postgres, (await readFile(postgres, "utf8")).replace('"-y",', '"-y", "--read-only",'));

    const inventory = await deployer.inventory(c.project, "claude_code");
    expect(states(inventory)).toEqual({
      "api-design": { state: "in_sync", setIds: [SET_A, SET_B] },
      "sql-migrations": { state: "outdated", setIds: [SET_A] },
      review: { state: "locally_modified", setIds: [SET_A] },
      "code-reviewer": { state: "missing_on_disk", setIds: [SET_A] },
      "guard-secrets": { state: "missing_on_disk", setIds: [SET_A] },
      github: { state: "locally_modified", setIds: [SET_A, SET_B] },
      postgres: { state: "outdated", setIds: [SET_A] },
      linear: { state: "in_sync", setIds: [SET_A] },
    });
    for (const item of setA) {
      expect(inventory.find((a) => a.artifactName === item.name)).toEqual({
        artifactUuid: item.uuid,
        artifactName: item.name,
        artifactType: item.type,
        path: placementPath("claude_code", item.type, item.name),
        state: expect.any(String),
        setIds: expect.any(Array),
        deployedAt: expect.any(Date),
      });
    }

    // Without the catalog a deployer cannot know the collection moved on: outdated ones read as in_sync.
    const blind = states(await c.deployer().inventory(c.project, "claude_code"));
    expect([blind["sql-migrations"]!.state, blind["postgres"]!.state]).toEqual(["in_sync", "in_sync"]);
  });
});

// --- a set never deployed ------------------------------------------------------------------------------------------

describe("undeploying a set that was never deployed", () => {
  it("in an empty project: an empty result, nothing written", async () => {
    const c = await starter();
    const before = await untouchedView(c.base);
    expect(await c.deployer().planUndeploy(c.undeployRequest("claude_code", SET_A))).toEqual([]);
    expect(await c.deployer().undeploy(c.undeployRequest("claude_code", SET_A, { force: true }))).toEqual([]);
    expect(await untouchedView(c.base)).toEqual(before);
  });

  it("beside another set: an empty result, the other set's files and records untouched", async () => {
    const c = await starter();
    const deployer = c.deployer();
    await deployer.deploy(c.request("claude_code", SET_A, c.pick("api-design", "github", "guard-secrets")));
    const before = await untouchedView(c.base);
    expect(await deployer.planUndeploy(c.undeployRequest("claude_code", SET_B))).toEqual([]);
    expect(await deployer.undeploy(c.undeployRequest("claude_code", SET_B, { force: true }))).toEqual([]);
    expect(await untouchedView(c.base)).toEqual(before);
    expect(Object.values(states(await deployer.inventory(c.project, "claude_code")))).toEqual([
      { state: "in_sync", setIds: [SET_A] },
      { state: "in_sync", setIds: [SET_A] },
      { state: "in_sync", setIds: [SET_A] },
    ]);
  });
});
