import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, DeploymentSetsApiError, isDeploymentSetsApiError, type Client } from "@deployment-sets/client";
import { ADAPTERS, startLiveServer, type LiveServer, type LiveToken } from "@deployment-sets/test-server";

if (!process.env.PG_URL && process.env.DS_PG_NOTICE !== "shown") console.warn("[client tests] PG_URL is not set: the end-to-end suite runs on SQLite only");

/** The call's rejection, which must be a DeploymentSetsApiError. */
async function apiError(promise: Promise<unknown>): Promise<DeploymentSetsApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DeploymentSetsApiError);
  return error as DeploymentSetsApiError;
}

describe.each(ADAPTERS)("the SDK against the real server (%s)", (adapter) => {
  let server: LiveServer;
  let client: Client;

  beforeAll(async () => {
    server = await startLiveServer({ adapter });
    client = createClient({ baseUrl: server.baseUrl });
  });
  afterAll(() => server.close());

  it("answers health and readiness", async () => {
    expect(await client.health()).toEqual({ status: "ok" });
    expect(await client.ready()).toEqual({ status: "ready" });
  });

  it("lists the collection's artifacts and groups, by page and all at once", async () => {
    const page = await client.artifacts.list({ type: "skill", limit: 2 });
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 0 });
    expect(page.items.map((artifact) => artifact.name)).toEqual(["api-design", "changelog"]);
    const all = [];
    for await (const artifact of client.artifacts.all({ limit: 5 })) all.push(artifact.name);
    expect(all).toHaveLength((await client.artifacts.list()).total);
    expect(new Set(all).size).toBe(all.length);
    const groups = await client.groups.list();
    expect(groups.items.map((group) => group.name)).toEqual(["Backend essentials", "Docs toolkit", "Code review"]);
    const pages = [];
    for await (const groupPage of client.groups.pages({ limit: 2 })) pages.push(groupPage.items.length);
    expect(pages).toEqual([2, 1]);
  });

  it("creates, reads, lists, updates, clones and deletes sets", async () => {
    const created = await client.sets.create({ name: " Backend ", tags: ["api", "API"], color: "#3b82f6" });
    expect(created).toMatchObject({ name: "Backend", tags: ["api"], color: "#3b82f6", owner_id: "local-user", members: [], member_count: 0 });
    expect(await client.sets.get(created.id)).toEqual(created);

    const updated = await client.sets.update(created.id, { description: "API work", color: null });
    expect(updated).toMatchObject({ description: "API work", color: null, name: "Backend" });

    const clone = await client.sets.clone(created.id);
    expect(clone.name).toBe("Backend (copy)");
    expect((await client.sets.clone(created.id, { name: "Backend 2" })).name).toBe("Backend 2");

    const found = await client.sets.list({ name: "backend", limit: 10 });
    expect(found.items.map((set) => set.name)).toEqual(["Backend 2", "Backend (copy)", "Backend"]);
    expect(found).toMatchObject({ total: 3, limit: 10, offset: 0 });

    await client.sets.delete(clone.id);
    expect((await apiError(client.sets.get(clone.id))).code).toBe("set_not_found");
  });

  it("adds, lists, moves and removes members; resolves; plans and runs a deploy", async () => {
    const [review] = (await client.artifacts.list({ q: "code-reviewer" })).items;
    const [docs] = (await client.groups.list({ limit: 2 })).items.slice(1);
    const backend = await client.sets.create({ name: "Backend" });
    const fullStack = await client.sets.create({ name: "Full-stack" });

    const artifact = await client.sets.members.add(backend.id, { artifact_uuid: review!.uuid });
    expect(artifact).toMatchObject({ member_type: "artifact", artifact_uuid: review!.uuid, group_id: null, position: 0, name: "code-reviewer" });
    const group = await client.sets.members.add(fullStack.id, { group_id: docs!.id });
    const nested = await client.sets.members.add(fullStack.id, { nested_set_id: backend.id, position: 0 });
    expect(nested).toMatchObject({ member_type: "set", position: 0, name: "Backend" });
    expect((await client.sets.members.list(fullStack.id)).map((m) => m.id)).toEqual([nested.id, group.id]);

    const moved = await client.sets.members.move(fullStack.id, nested.id, { position: 99 });
    expect(moved.position).toBe(1);

    const resolution = await client.sets.resolve(fullStack.id);
    expect(resolution.set_name).toBe("Full-stack");
    expect(resolution.resolved_artifacts.at(-1)).toMatchObject({ artifact_name: "code-reviewer", source_path: ["Full-stack", "Backend"] });
    expect(resolution.total_count).toBe(resolution.resolved_artifacts.length);

    const plan = await client.sets.deploy(fullStack.id, { project_path: server.project, dry_run: true });
    expect(plan).toMatchObject({ dry_run: true, total: resolution.total_count, failed: 0 });
    expect(existsSync(join(server.project, ".claude"))).toBe(false);
    const report = await client.sets.deploy(fullStack.id, { project_path: server.project });
    expect(report.results.map((r) => r.action)).toEqual(plan.results.map((r) => r.action));
    expect(existsSync(join(server.project, ".claude", "agents", "code-reviewer.md"))).toBe(true);

    await client.sets.members.remove(fullStack.id, group.id);
    expect(await client.sets.members.list(fullStack.id)).toMatchObject([{ id: nested.id, position: 0 }]);
  });

  it("lists where a set is deployed and what the project holds, then plans and runs its undeploy", async () => {
    // A fresh project beside `server.project`, inside the server's allowed project root.
    const project = mkdtempSync(join(dirname(server.project), "lifecycle-"));
    const [review] = (await client.artifacts.list({ q: "code-reviewer" })).items;
    const [docs] = (await client.groups.list({ limit: 2 })).items.slice(1);
    const set = await client.sets.create({ name: "Lifecycle" });
    await client.sets.members.add(set.id, { artifact_uuid: review!.uuid });
    await client.sets.members.add(set.id, { group_id: docs!.id });
    expect(await client.sets.deployments(set.id)).toEqual([]);

    const deploy = await client.sets.deploy(set.id, { project_path: project });
    expect(deploy).toMatchObject({ dry_run: false, failed: 0 });
    const deployed = deploy.results.filter((r) => r.status === "success").map((r) => r.artifact_uuid);
    expect(deployed).toContain(review!.uuid);
    expect(existsSync(join(project, ".claude", "agents", "code-reviewer.md"))).toBe(true);

    const [where, ...others] = await client.sets.deployments(set.id);
    expect(others).toEqual([]);
    expect(where).toEqual({ project_path: project, profile: "claude_code", deployed_at: expect.any(String) });
    expect(Number.isNaN(Date.parse(where!.deployed_at))).toBe(false);

    const inventory = await client.deployments.inventory({ project_path: project, profile: "claude_code" });
    expect(inventory).toMatchObject({ project_path: project, profile: "claude_code" });
    expect(inventory.artifacts.map((a) => a.artifact_uuid).sort()).toEqual([...deployed].sort());
    for (const artifact of inventory.artifacts) expect(artifact).toMatchObject({ state: "in_sync", sets: [{ id: set.id, name: "Lifecycle" }] });

    const plan = await client.sets.undeploy(set.id, { project_path: project, dry_run: true });
    expect(plan).toMatchObject({ dry_run: true, failed: 0, set_name: "Lifecycle" });
    expect(plan.results.filter((r) => r.action === "removed").map((r) => r.artifact_uuid).sort()).toEqual([...deployed].sort());
    expect(existsSync(join(project, ".claude", "agents", "code-reviewer.md"))).toBe(true);
    expect(await client.sets.deployments(set.id)).toHaveLength(1);

    const undeploy = await client.sets.undeploy(set.id, { project_path: project });
    expect(undeploy).toMatchObject({ dry_run: false, failed: 0 });
    expect(undeploy.results.map((r) => r.action)).toEqual(plan.results.map((r) => r.action));
    expect(existsSync(join(project, ".claude", "agents", "code-reviewer.md"))).toBe(false);
    expect(await client.sets.deployments(set.id)).toEqual([]);
    expect((await client.deployments.inventory({ project_path: project })).artifacts).toEqual([]);
  });

  it("surfaces the deployment lifecycle's errors as DeploymentSetsApiError", async () => {
    const set = await client.sets.create({ name: "Unavailable" });
    // A project whose SkillMeat tracking file does not parse cannot be listed nor undeployed from.
    const broken = mkdtempSync(join(dirname(server.project), "broken-"));
    mkdirSync(join(broken, ".claude"));
    writeFileSync(join(broken, ".claude", ".skillmeat-deployed.toml"), "deployed = [[[ not toml");
    const unavailable = await apiError(client.deployments.inventory({ project_path: broken }));
    expect(unavailable).toMatchObject({ status: 409, code: "project_unavailable", problem: { project_path: broken } });
    expect(unavailable.problem.reason).toEqual(expect.any(String));
    expect(isDeploymentSetsApiError(unavailable, "project_unavailable")).toBe(true);
    expect(await apiError(client.sets.undeploy(set.id, { project_path: broken }))).toMatchObject({ status: 409, code: "project_unavailable" });

    const empty = await apiError(client.sets.undeploy(set.id, { project_path: "" }));
    expect(empty).toMatchObject({ status: 422, code: "validation_failed", problem: { errors: [{ path: "body.project_path" }] } });
    expect(await apiError(client.deployments.inventory({ project_path: "relative/app" }))).toMatchObject({ status: 422, code: "project_path_invalid" });
    expect(await apiError(client.sets.undeploy(set.id, { project_path: "/etc" }))).toMatchObject({ status: 403, code: "project_path_forbidden" });
    expect(await apiError(client.sets.deployments("0".repeat(32)))).toMatchObject({ status: 404, code: "set_not_found" });
    expect(await apiError(client.sets.undeploy("0".repeat(32), { project_path: broken }))).toMatchObject({ status: 404, code: "set_not_found" });
  });

  it("surfaces 404, 409 and 422 (a cycle with its path, a validation with its fields) as DeploymentSetsApiError", async () => {
    const a = await client.sets.create({ name: "A" });
    const b = await client.sets.create({ name: "B" });
    await client.sets.members.add(a.id, { nested_set_id: b.id });

    const missing = await apiError(client.sets.get("0".repeat(32)));
    expect(missing).toMatchObject({ status: 404, code: "set_not_found", problem: { set_id: "0".repeat(32) } });
    expect(missing.detail).toContain("was not found");
    expect((await apiError(client.sets.members.remove(a.id, "1".repeat(32)))).code).toBe("member_not_found");

    const duplicate = await apiError(client.sets.members.add(a.id, { nested_set_id: b.id }));
    expect(duplicate).toMatchObject({ status: 409, code: "duplicate_member" });

    const cycle = await apiError(client.sets.members.add(b.id, { nested_set_id: a.id }));
    expect(cycle).toMatchObject({ status: 422, code: "cycle_detected", problem: { path: [b.id, a.id, b.id], set_names: ["B", "A", "B"] } });
    expect(isDeploymentSetsApiError(cycle, "cycle_detected")).toBe(true);

    const invalid = await apiError(client.sets.create({ name: "   " }));
    expect(invalid).toMatchObject({ status: 422, code: "validation_failed", problem: { errors: [{ path: "body.name" }] } });
    expect((await apiError(client.sets.list({ limit: 500 }))).problem.errors).toEqual([{ path: "query.limit", message: "must be at most 200" }]);
  });

  it("iterates every page of 250 sets, newest first, each once", async () => {
    const tag = `bulk-${adapter}`;
    const created: string[] = [];
    for (let i = 0; i < 250; i++) created.push((await client.sets.create({ name: `Bulk ${i}`, tags: [tag] })).id);
    const seen: string[] = [];
    for await (const set of client.sets.all({ tag })) seen.push(set.id);
    expect(seen).toEqual([...created].reverse());
    const sizes: number[] = [];
    for await (const page of client.sets.pages({ tag, limit: 100 })) sizes.push(page.items.length);
    expect(sizes).toEqual([100, 100, 50]);
    const fromOffset = [];
    for await (const set of client.sets.all({ tag, offset: 240 })) fromOffset.push(set.id);
    expect(fromOffset).toEqual([...created].reverse().slice(240));
  }, 120_000);
});

describe("the SDK with bearer tokens", () => {
  const ALICE: LiveToken = { token: "alice-rw-3f9c1e7a5b", owner: "alice", scopes: ["read", "write"] };
  const READER: LiveToken = { token: "alice-ro-51be09d7c3", owner: "alice", scopes: ["read"] };
  let server: LiveServer;

  beforeAll(async () => {
    server = await startLiveServer({ tokens: [ALICE, READER] });
  });
  afterAll(() => server.close());

  it("answers 401 without a token or with an unknown one, and 403 for a write with a read-only token", async () => {
    const anonymous = createClient({ baseUrl: server.baseUrl });
    expect(await apiError(anonymous.sets.list())).toMatchObject({ status: 401, code: "unauthenticated" });
    const stranger = createClient({ baseUrl: server.baseUrl, token: "nope" });
    expect(await apiError(stranger.sets.list())).toMatchObject({ status: 401, code: "unauthenticated" });

    const alice = createClient({ baseUrl: server.baseUrl, token: ALICE.token });
    const set = await alice.sets.create({ name: "Mine" });
    expect(set.owner_id).toBe("alice");

    const reader = createClient({ baseUrl: server.baseUrl, token: READER.token });
    expect((await reader.sets.get(set.id)).name).toBe("Mine");
    expect(await apiError(reader.sets.update(set.id, { name: "Theirs" }))).toMatchObject({ status: 403, code: "forbidden" });
    expect((await alice.sets.get(set.id)).name).toBe("Mine");
  });
});
