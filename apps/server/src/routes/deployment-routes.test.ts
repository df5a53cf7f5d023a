import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, art, expectProblem, expectValidation, UNKNOWN_ID } from "../../test/fixtures.js";
import { deployUrl, setsUrl, startServerForBlock } from "./route-test-helpers.js";

const undeployUrl = (setId: string) => `${setsUrl}/${setId}/undeploy`;
const deploymentsUrl = (setId: string) => `${setsUrl}/${setId}/deployments`;
const inventoryUrl = (projectPath: string, profile?: string) =>
  `/api/v1/deployments?project_path=${encodeURIComponent(projectPath)}${profile ? `&profile=${profile}` : ""}`;

/** Every path under `dir`, relative, sorted (folders included). */
function tree(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : [];
}

describe.each(ADAPTERS)("the deployment lifecycle over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  let outside: string;
  let project: () => string;
  startServerForBlock(adapter, (started) => ({ server, a, outside, project } = started));

  it("deploy, list where, inventory, plan the undeploy, undeploy: the project is as before", async () => {
    const set = await a.setWith("Lifecycle", ["api-design", "review", "guard-secrets", "github"]);
    const dir = project();
    writeFileSync(join(dir, ".mcp.json"), '{\n  // mine\n  "mcpServers": { "mine": { "command": "mine" } }\n}\n');
    const before = tree(dir);
    const mcpBefore = readFileSync(join(dir, ".mcp.json"), "utf8");

    expect((await server.request("POST", deployUrl(set.id), { project_path: dir })).json()).toMatchObject({ succeeded: 4, failed: 0 });
    const where = await server.request("GET", deploymentsUrl(set.id));
    expect(where.statusCode, where.body).toBe(200);
    expect(where.json()).toEqual([{ project_path: dir, profile: "claude_code", deployed_at: expect.stringMatching(/Z$/) }]);

    const inventory = await server.request("GET", inventoryUrl(dir));
    expect(inventory.statusCode, inventory.body).toBe(200);
    const body = inventory.json();
    expect(body).toMatchObject({ project_path: dir, profile: "claude_code" });
    expect(body.artifacts.map((x: { artifact_name: string }) => x.artifact_name).sort()).toEqual(["api-design", "github", "guard-secrets", "review"]);
    for (const artifact of body.artifacts) {
      expect(artifact).toMatchObject({ state: "in_sync", sets: [{ id: set.id, name: "Lifecycle" }], artifact_uuid: art(artifact.artifact_name).uuid });
    }

    const planned = await server.request("POST", undeployUrl(set.id), { project_path: dir, dry_run: true });
    expect(planned.statusCode, planned.body).toBe(200);
    expect(planned.json()).toMatchObject({ dry_run: true, total: 4, succeeded: 4 });
    expect(new Set(planned.json().results.map((r: { action: string }) => r.action))).toEqual(new Set(["removed"]));
    expect(tree(dir).length).toBeGreaterThan(before.length);

    const undone = await server.request("POST", undeployUrl(set.id), { project_path: dir });
    expect(undone.statusCode, undone.body).toBe(200);
    expect({ ...undone.json(), duration_ms: 0 }).toEqual({ ...planned.json(), dry_run: false, duration_ms: 0 });
    expect(tree(dir)).toEqual(before);
    expect(readFileSync(join(dir, ".mcp.json"), "utf8")).toBe(mcpBefore);
    expect((await server.request("GET", deploymentsUrl(set.id))).json()).toEqual([]);
    expect((await server.request("GET", inventoryUrl(dir))).json()).toMatchObject({ artifacts: [] });
  });

  it("two sets sharing an artifact: undeploying one keeps it (kept_shared, with a hint)", async () => {
    const first = await a.setWith("First", ["changelog", "postgres"]);
    const second = await a.setWith("Second", ["changelog"]);
    const dir = project();
    for (const set of [first, second]) await server.request("POST", deployUrl(set.id), { project_path: dir });
    const undone = (await server.request("POST", undeployUrl(first.id), { project_path: dir })).json();
    expect(undone.results.map((r: { artifact_name: string; action: string }) => [r.artifact_name, r.action])).toEqual([
      ["changelog", "kept_shared"],
      ["postgres", "removed"],
    ]);
    expect(undone.results[0].hint).toMatch(/1 other set/);
    expect(existsSync(join(dir, ".claude/skills/changelog/SKILL.md"))).toBe(true);
    const inventory = (await server.request("GET", inventoryUrl(dir))).json();
    expect(inventory.artifacts).toEqual([expect.objectContaining({ artifact_name: "changelog", sets: [{ id: second.id, name: "Second" }] })]);
  });

  it("stale members are reported, and pruned with prune: true; force keeps a backup it names", async () => {
    const set = await a.setWith("Pruned", ["docs-style", "write-tests"]);
    const dir = project();
    await server.request("POST", deployUrl(set.id), { project_path: dir });
    const members = await a.members(set.id);
    expect((await server.request("DELETE", `${setsUrl}/${set.id}/members/${members[1]!.id}`)).statusCode).toBe(204);
    writeFileSync(join(dir, ".claude/skills/docs-style/SKILL.md"), "my own version\n");

    const stale = (await server.request("POST", deployUrl(set.id), { project_path: dir })).json();
    expect(stale.results.map((r: { action: string }) => r.action)).toEqual(["kept_local_changes", "stale"]);
    expect(stale.results[0].hint).toMatch(/force/);
    expect(stale.results[1]).toMatchObject({ status: "skipped", hint: expect.stringMatching(/prune/) });

    const pruned = (await server.request("POST", deployUrl(set.id), { project_path: dir, prune: true, force: true })).json();
    expect(pruned.results.map((r: { action: string }) => r.action)).toEqual(["overwritten", "removed"]);
    expect(pruned.results[0].backup_path).toMatch(/^\.claude\/\.deployment-sets\/backups\/[^/]+\/\.claude\/skills\/docs-style$/);
    expect(readFileSync(join(dir, pruned.results[0].backup_path, "SKILL.md"), "utf8")).toBe("my own version\n");
    expect(existsSync(join(dir, ".claude/commands/write-tests.md"))).toBe(false);
  });

  it("a tracking file that does not parse makes undeploy and inventory 409 project_unavailable, changing nothing", async () => {
    const set = await a.setWith("Broken", ["changelog"]);
    const dir = project();
    await server.request("POST", deployUrl(set.id), { project_path: dir });
    writeFileSync(join(dir, ".claude/.skillmeat-deployed.toml"), "[[deployed]\nbroken");
    const before = tree(dir);
    for (const dry_run of [false, true]) {
      const problem = expectProblem(await server.request("POST", undeployUrl(set.id), { project_path: dir, dry_run }), 409, "project_unavailable", { project_path: dir });
      expect(problem.reason).toMatch(/does not parse/);
    }
    expectProblem(await server.request("GET", inventoryUrl(dir)), 409, "project_unavailable", { project_path: dir });
    expect(tree(dir)).toEqual(before);
  });

  it("rejects bad input before touching anything, with the deploy's error precedence", async () => {
    const set = await a.setWith("Guarded", ["changelog"]);
    const before = readdirSync(outside);
    expectValidation(await server.request("POST", undeployUrl(set.id), {}), ["body.project_path"]);
    expectValidation(await server.request("POST", undeployUrl(set.id), { project_path: "/tmp", prune: true }), ["body.prune"]);
    expectValidation(await server.request("GET", "/api/v1/deployments"), ["query.project_path"]);
    expectValidation(await server.request("GET", inventoryUrl("/tmp", "vim")), ["query.profile"]);
    expectProblem(await server.request("POST", undeployUrl(UNKNOWN_ID), { project_path: outside }), 404, "set_not_found");
    expectProblem(await server.request("GET", deploymentsUrl(UNKNOWN_ID)), 404, "set_not_found");
    const forbidden = expectProblem(await server.request("POST", undeployUrl(set.id), { project_path: outside }), 403, "project_path_forbidden");
    expect(forbidden.detail).toContain("DS_PROJECT_ROOTS");
    expectProblem(await server.request("GET", inventoryUrl(outside)), 403, "project_path_forbidden");
    expectProblem(await server.request("GET", inventoryUrl("relative/app")), 422, "project_path_invalid");
    expect(readdirSync(outside)).toEqual(before);
  });
});
