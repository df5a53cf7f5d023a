import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EXAMPLE_COLLECTION } from "../config.js";
import { ADAPTERS, startTestServer, type TestServer } from "../../test/harness.js";
import {
  api,
  art,
  copyExampleCollection,
  expectProblem,
  expectValidation,
  grp,
  UNKNOWN_ID,
  withoutArtifact,
  withoutGroup,
  type SetRef,
} from "../../test/fixtures.js";

const setsUrl = "/api/v1/deployment-sets";
const resolveUrl = (setId: string) => `${setsUrl}/${setId}/resolve`;
const deployUrl = (setId: string) => `${setsUrl}/${setId}/deploy`;

const RESOLUTION_KEYS = ["set_id", "set_name", "total_count", "duplicates_dropped", "resolved_artifacts", "missing"];
const REPORT_KEYS = ["set_id", "set_name", "project_path", "profile", "dry_run", "total", "succeeded", "skipped", "failed", "duration_ms", "results", "missing"];
const RESULT_KEYS = ["artifact_uuid", "artifact_name", "artifact_type", "status", "action", "path", "error"];

/** A resolved artifact as the Resolution DTO carries it. */
const resolved = (name: string, sourcePath: string[]) => ({
  artifact_uuid: art(name).uuid,
  artifact_name: name,
  artifact_type: art(name).type,
  source_path: sourcePath,
});

/** Every file under `dir` (relative POSIX path -> bytes as text), folders left out. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out[full.slice(dir.length + 1).split("\\").join("/")] = readFileSync(full, "utf8");
  }
  return out;
}

/** Everything under `dir`: each entry's relative path, kind, size and modification time. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => {
      const full = join(entry.parentPath, entry.name);
      const stat = lstatSync(full, { bigint: true });
      return `${full.slice(dir.length + 1)} ${entry.isDirectory() ? "dir" : "file"} ${stat.size} ${stat.mtimeNs}`;
    })
    .sort();
}

/** The artifacts the deploy tests use: one of every type, two skills. */
const DEPLOYED = ["api-design", "sql-migrations", "review", "code-reviewer", "guard-secrets", "postgres"];
/** Where each lands in the claude_code profile, relative to the project. */
const CLAUDE_PATHS: Record<string, string> = {
  "api-design": ".claude/skills/api-design",
  "sql-migrations": ".claude/skills/sql-migrations",
  review: ".claude/commands/review.md",
  "code-reviewer": ".claude/agents/code-reviewer.md",
  "guard-secrets": ".claude/hooks/guard-secrets.md",
  postgres: ".claude/mcp/postgres",
};

describe.each(ADAPTERS)("resolve and deploy over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  let outside: string;
  let projects = 0;
  beforeAll(async () => {
    server = await startTestServer({ adapter });
    a = api(server);
    outside = realpathSync(mkdtempSync(join(tmpdir(), "ds-outside-")));
  });
  afterAll(async () => {
    await server.close();
    rmSync(outside, { recursive: true, force: true });
  });

  /** A fresh, empty project folder inside the server's allowed root. */
  const project = () => {
    const dir = join(server.dir, `project-${++projects}`);
    mkdirSync(dir);
    return dir;
  };
  const setWith = (name: string, artifacts: readonly string[]) => a.setWith(name, artifacts);
  const deploy = (setId: string, body: unknown) => server.request("POST", deployUrl(setId), body);

  describe("resolve", () => {
    // C {code-reviewer, group "Code review"}, B {api-design by derived id, C}, A {review, B}
    let levelA: SetRef;
    let levelB: SetRef;
    let levelC: SetRef;
    beforeAll(async () => {
      levelC = await a.createSet("Level C");
      await a.addMember(levelC.id, { artifact_uuid: art("code-reviewer").uuid });
      await a.addMember(levelC.id, { group_id: grp("Code review").id });
      levelB = await a.createSet("Level B");
      await a.addMember(levelB.id, { artifact_uuid: art("api-design").derivedId });
      await a.addMember(levelB.id, { nested_set_id: levelC.id });
      levelA = await a.createSet("Level A");
      await a.addMember(levelA.id, { artifact_uuid: art("review").uuid });
      await a.addMember(levelA.id, { nested_set_id: levelB.id });
    });

    const LEVELS: [string, () => SetRef, { total_count: number; duplicates_dropped: number; resolved_artifacts: object[] }][] = [
      [
        "A (three levels)",
        () => levelA,
        {
          total_count: 5,
          // review and code-reviewer again through the group
          duplicates_dropped: 2,
          resolved_artifacts: [
            resolved("review", ["Level A"]),
            resolved("api-design", ["Level A", "Level B"]),
            resolved("code-reviewer", ["Level A", "Level B", "Level C"]),
            resolved("guard-secrets", ["Level A", "Level B", "Level C", "Code review"]),
            resolved("github", ["Level A", "Level B", "Level C", "Code review"]),
          ],
        },
      ],
      [
        "B (two levels)",
        () => levelB,
        {
          total_count: 5,
          duplicates_dropped: 1,
          resolved_artifacts: [
            resolved("api-design", ["Level B"]),
            resolved("code-reviewer", ["Level B", "Level C"]),
            resolved("review", ["Level B", "Level C", "Code review"]),
            resolved("guard-secrets", ["Level B", "Level C", "Code review"]),
            resolved("github", ["Level B", "Level C", "Code review"]),
          ],
        },
      ],
      [
        "C (one level, through a group)",
        () => levelC,
        {
          total_count: 4,
          duplicates_dropped: 1,
          resolved_artifacts: [
            resolved("code-reviewer", ["Level C"]),
            resolved("review", ["Level C", "Code review"]),
            resolved("guard-secrets", ["Level C", "Code review"]),
            resolved("github", ["Level C", "Code review"]),
          ],
        },
      ],
    ];

    it.each(LEVELS)("resolves %s into the exact Resolution", async (_label, set, want) => {
      const response = await server.request("GET", resolveUrl(set().id));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
      const body = response.json();
      expect(Object.keys(body).sort()).toEqual([...RESOLUTION_KEYS].sort());
      expect(body).toEqual({ set_id: set().id, set_name: set().name, ...want, missing: [] });
    });

    it("reports resolved_count on the set and in the list", async () => {
      const counts = { [levelA.id]: 5, [levelB.id]: 5, [levelC.id]: 4 };
      for (const [id, count] of Object.entries(counts)) {
        expect((await server.request("GET", `${setsUrl}/${id}`)).json()).toMatchObject({ resolved_count: count });
      }
      const page = (await server.request("GET", `${setsUrl}?name=Level`)).json();
      expect(Object.fromEntries(page.items.map((s: { id: string; resolved_count: number }) => [s.id, s.resolved_count]))).toEqual(counts);
    });

    it("walks a shared sub-set once: a revisit adds no duplicates", async () => {
      const shared = await a.createSet("Shared");
      await a.addMember(shared.id, { group_id: grp("Backend essentials").id });
      const left = await a.createSet("Left");
      await a.addMember(left.id, { nested_set_id: shared.id });
      const right = await a.createSet("Right");
      await a.addMember(right.id, { artifact_uuid: art("api-design").uuid });
      await a.addMember(right.id, { nested_set_id: shared.id });
      const top = await a.createSet("Top");
      await a.addMember(top.id, { nested_set_id: left.id });
      await a.addMember(top.id, { nested_set_id: right.id });
      const via = ["Top", "Left", "Shared", "Backend essentials"];
      expect((await server.request("GET", resolveUrl(top.id))).json()).toEqual({
        set_id: top.id,
        set_name: "Top",
        total_count: 5,
        duplicates_dropped: 1,
        resolved_artifacts: grp("Backend essentials").members.map((name) => resolved(name, via)),
        missing: [],
      });
    });

    it("an artifact added by derived id and reached again through a group by uuid resolves once", async () => {
      const both = await a.createSet("Both ids");
      await a.addMember(both.id, { artifact_uuid: art("review").derivedId });
      await a.addMember(both.id, { group_id: grp("Code review").id });
      expect((await server.request("GET", resolveUrl(both.id))).json()).toMatchObject({
        total_count: 4,
        duplicates_dropped: 1,
        resolved_artifacts: [
          resolved("review", ["Both ids"]),
          resolved("code-reviewer", ["Both ids", "Code review"]),
          resolved("guard-secrets", ["Both ids", "Code review"]),
          resolved("github", ["Both ids", "Code review"]),
        ],
      });
    });

    it("resolves an empty set to nothing", async () => {
      const empty = await a.createSet("Empty");
      expect((await server.request("GET", resolveUrl(empty.id))).json()).toEqual({
        set_id: empty.id,
        set_name: "Empty",
        total_count: 0,
        duplicates_dropped: 0,
        resolved_artifacts: [],
        missing: [],
      });
    });

    it.each([
      ["unknown", UNKNOWN_ID],
      ["malformed", "not-a-set"],
    ])("an %s set is 404 set_not_found", async (_label, id) => {
      expectProblem(await server.request("GET", resolveUrl(id)), 404, "set_not_found", { set_id: id });
    });
  });

  describe("depth limit", () => {
    let chain: SetRef[];
    beforeAll(async () => {
      chain = await a.chain("Deep", 21);
      await a.addMember(chain[20]!.id, { artifact_uuid: art("review").uuid });
      // A shortcut to the bottom first in position order: the reported path must still be the longest chain.
      await a.addMember(chain[0]!.id, { nested_set_id: chain[20]!.id, position: 0 });
    });

    it("a 21-deep chain is 422 depth_limit_exceeded with limit 20 and the 21 ids, root first", async () => {
      const body = expectProblem(await server.request("GET", resolveUrl(chain[0]!.id)), 422, "depth_limit_exceeded", {
        limit: 20,
        path: chain.map((s) => s.id),
      });
      expect(body.path).toHaveLength(21);
    });

    it("20 deep resolves", async () => {
      const response = await server.request("GET", resolveUrl(chain[1]!.id));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        total_count: 1,
        resolved_artifacts: [resolved("review", chain.slice(1).map((s) => s.name))],
      });
    });

    it("resolved_count is null on that set in GET and in the list, a number on the others", async () => {
      expect((await server.request("GET", `${setsUrl}/${chain[0]!.id}`)).json()).toMatchObject({ resolved_count: null, member_count: 2 });
      expect((await server.request("GET", `${setsUrl}/${chain[1]!.id}`)).json()).toMatchObject({ resolved_count: 1 });
      const page = (await server.request("GET", `${setsUrl}?name=Deep&limit=200`)).json();
      expect(page.total).toBe(21);
      const counts = new Map(page.items.map((s: { id: string; resolved_count: number | null }) => [s.id, s.resolved_count]));
      expect(counts.get(chain[0]!.id)).toBeNull();
      for (const set of chain.slice(1)) expect(counts.get(set.id), set.name).toBe(1);
      // Also on a page holding the root alone (newest first: the root is the oldest).
      expect((await server.request("GET", `${setsUrl}?name=Deep&limit=1&offset=20`)).json().items).toMatchObject([{ id: chain[0]!.id, resolved_count: null }]);
      expect((await server.request("GET", `${setsUrl}?name=Deep&limit=1&offset=19`)).json().items).toMatchObject([{ id: chain[1]!.id, resolved_count: 1 }]);
    });

    it("deploying it is 422 depth_limit_exceeded and writes nothing", async () => {
      const dir = project();
      expectProblem(await deploy(chain[0]!.id, { project_path: dir }), 422, "depth_limit_exceeded", { limit: 20, path: chain.map((s) => s.id) });
      expect(readdirSync(dir)).toEqual([]);
    });

    it("403 project_path_forbidden and 422 project_path_invalid come before depth_limit_exceeded", async () => {
      expectProblem(await deploy(chain[0]!.id, { project_path: outside }), 403, "project_path_forbidden", { project_path: outside });
      expectProblem(await deploy(chain[0]!.id, { project_path: "relative/app" }), 422, "project_path_invalid", { project_path: "relative/app" });
    });
  });

  describe("deploy", () => {
    let set: SetRef;
    beforeAll(async () => {
      set = await setWith("Deployable", DEPLOYED);
      writeFileSync(join(server.dir, "a-file.txt"), "not a folder");
      symlinkSync(outside, join(server.dir, "link-out"));
    });

    const expectReport = (body: Record<string, unknown>, want: Record<string, unknown>) => {
      expect(Object.keys(body).sort()).toEqual([...REPORT_KEYS].sort());
      for (const result of body.results as object[]) expect(Object.keys(result).sort()).toEqual([...RESULT_KEYS].sort());
      expect(body.duration_ms).toEqual(expect.any(Number));
      expect(body.duration_ms as number).toBeGreaterThanOrEqual(0);
      expect(body).toMatchObject(want);
      expect(body.total).toBe((body.succeeded as number) + (body.skipped as number) + (body.failed as number));
    };
    const claudeResults = (action: string, status: string) =>
      DEPLOYED.map((name) => ({
        artifact_uuid: art(name).uuid,
        artifact_name: name,
        artifact_type: art(name).type,
        status,
        action,
        path: CLAUDE_PATHS[name],
        error: null,
      }));

    it("deploys with the default profile (claude_code): created, files on disk; again: unchanged", async () => {
      const dir = project();
      const first = await deploy(set.id, { project_path: dir });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.headers["content-type"]).toMatch(/^application\/json/);
      expectReport(first.json(), {
        set_id: set.id,
        set_name: "Deployable",
        project_path: dir,
        profile: "claude_code",
        dry_run: false,
        total: 6,
        succeeded: 6,
        skipped: 0,
        failed: 0,
        results: claudeResults("created", "success"),
        missing: [],
      });
      for (const name of DEPLOYED) {
        const source = join(EXAMPLE_COLLECTION, art(name).path);
        const target = join(dir, CLAUDE_PATHS[name]!);
        if (statSync(source).isDirectory()) expect(files(target), name).toEqual(files(source));
        else expect(readFileSync(target, "utf8"), name).toBe(readFileSync(source, "utf8"));
      }
      // Modes are kept: the migration checker stays executable.
      expect(statSync(join(dir, ".claude/skills/sql-migrations/scripts/check-migration.sh")).mode & 0o111).not.toBe(0);
      // SkillMeat's tracking file records every artifact.
      const tracking = readFileSync(join(dir, ".claude/.skillmeat-deployed.toml"), "utf8");
      for (const name of DEPLOYED) expect(tracking).toContain(`artifact_name = "${name}"`);
      expect(tracking).toContain(`deployment_set_id = "${set.id}"`);

      // The content is left alone (the tracking file may be rewritten with fresher records).
      const content = () => snapshot(dir).filter((line) => !line.startsWith(".claude dir ") && !line.startsWith(".claude/.skillmeat-deployed.toml "));
      const before = content();
      const second = await deploy(set.id, { project_path: dir, profile: "claude_code" });
      expect(second.statusCode, second.body).toBe(200);
      expectReport(second.json(), { total: 6, succeeded: 0, skipped: 6, failed: 0, results: claudeResults("unchanged", "skipped") });
      expect(content()).toEqual(before);
    });

    it("dry_run reports the actions without writing anything; the deploy then does what it predicted", async () => {
      const dir = project();
      const planned = await deploy(set.id, { project_path: dir, dry_run: true });
      expect(planned.statusCode, planned.body).toBe(200);
      expectReport(planned.json(), { dry_run: true, total: 6, succeeded: 6, results: claudeResults("created", "success") });
      expect(readdirSync(dir)).toEqual([]);

      const done = (await deploy(set.id, { project_path: dir, dry_run: false })).json();
      expect(done).toMatchObject({ dry_run: false, results: planned.json().results });
      expect(Object.keys(files(join(dir, ".claude"))).length).toBeGreaterThan(6);

      const before = snapshot(dir);
      const again = (await deploy(set.id, { project_path: dir, dry_run: true })).json();
      expect(again).toMatchObject({ dry_run: true, results: claudeResults("unchanged", "skipped") });
      expect(snapshot(dir)).toEqual(before);
    });

    it("reports conflict, kept_local_changes and, with force, overwritten; dry_run with force writes nothing", async () => {
      const small = await setWith("Actions", ["review", "api-design"]);
      const dir = project();
      const review = join(dir, ".claude/commands/review.md");
      const skill = join(dir, ".claude/skills/api-design/SKILL.md");
      mkdirSync(join(dir, ".claude/commands"), { recursive: true });
      writeFileSync(review, "my own review command\n");
      const actions = async (body: object) => {
        const response = await deploy(small.id, { project_path: dir, ...body });
        expect(response.statusCode, response.body).toBe(200);
        return response.json().results.map((r: { action: string; status: string }) => `${r.action}/${r.status}`);
      };

      expect(await actions({})).toEqual(["conflict/skipped", "created/success"]);
      expect(readFileSync(review, "utf8")).toBe("my own review command\n");
      writeFileSync(skill, "edited in the project\n");
      expect(await actions({})).toEqual(["conflict/skipped", "kept_local_changes/skipped"]);
      expect(readFileSync(skill, "utf8")).toBe("edited in the project\n");

      const before = snapshot(dir);
      expect(await actions({ dry_run: true, force: true })).toEqual(["overwritten/success", "overwritten/success"]);
      expect(snapshot(dir)).toEqual(before);

      expect(await actions({ force: true })).toEqual(["overwritten/success", "overwritten/success"]);
      expect(readFileSync(review, "utf8")).toBe(readFileSync(join(EXAMPLE_COLLECTION, "commands/review.md"), "utf8"));
      expect(readFileSync(skill, "utf8")).toBe(readFileSync(join(EXAMPLE_COLLECTION, "skills/api-design/SKILL.md"), "utf8"));
      expect(await actions({})).toEqual(["unchanged/skipped", "unchanged/skipped"]);
    });

    it("an artifact whose destination leads outside through a symlink fails alone: 200 with failed 1, nothing written outside", async () => {
      const small = await setWith("Symlinked", ["review", "changelog"]);
      const dir = project();
      mkdirSync(join(dir, ".claude"));
      symlinkSync(outside, join(dir, ".claude/commands"));
      const before = readdirSync(outside);
      for (const dry_run of [true, false]) {
        const response = await deploy(small.id, { project_path: dir, dry_run });
        expect(response.statusCode, response.body).toBe(200);
        const report = response.json();
        expect(report).toMatchObject({ total: 2, succeeded: 1, skipped: 0, failed: 1 });
        expect(report.results[0]).toMatchObject({ artifact_name: "review", status: "failed", action: "error", error: expect.any(String) });
        expect(report.results[0].error.length).toBeGreaterThan(0);
        expect(report.results[1]).toMatchObject({ artifact_name: "changelog", status: "success", action: "created", error: null });
      }
      expect(readdirSync(outside)).toEqual(before);
      expect(files(join(dir, ".claude/skills/changelog"))).toEqual(files(join(EXAMPLE_COLLECTION, "skills/changelog")));
    });

    const PROFILES: [string, string, string[]][] = [
      ["codex", ".codex", ["skill", "command", "agent"]],
      ["gemini", ".gemini", ["skill", "command"]],
      ["cursor", ".cursor", ["skill", "command", "agent"]],
    ];
    const FOLDERS: Record<string, string> = { skill: "skills", command: "commands", agent: "agents", hook: "hooks", mcp: "mcp" };

    it.each(PROFILES)("profile %s: supported types land under %s, the rest are unsupported with path null", async (profile, root, supported) => {
      const dir = project();
      const response = await deploy(set.id, { project_path: dir, profile });
      expect(response.statusCode, response.body).toBe(200);
      const want = DEPLOYED.map((name) => {
        const { type } = art(name);
        const ok = supported.includes(type);
        const leaf = type === "skill" || type === "mcp" ? name : `${name}.md`;
        return {
          artifact_uuid: art(name).uuid,
          artifact_name: name,
          artifact_type: type,
          status: ok ? "success" : "skipped",
          action: ok ? "created" : "unsupported",
          path: ok ? `${root}/${FOLDERS[type]}/${leaf}` : null,
          error: null,
        };
      });
      const succeeded = want.filter((r) => r.status === "success").length;
      expectReport(response.json(), { profile, total: 6, succeeded, skipped: 6 - succeeded, failed: 0, results: want });
      for (const result of want) {
        if (result.path) expect(statSync(join(dir, result.path)).isFile() || statSync(join(dir, result.path)).isDirectory()).toBe(true);
      }
      // Nothing in a fallback folder.
      const folders = readdirSync(join(dir, root)).filter((entry) => !entry.startsWith("."));
      expect(folders.sort()).toEqual(supported.map((type) => FOLDERS[type]).sort());
      expect(readdirSync(dir)).toEqual([root]);
    });

    it("an allowed root itself counts as inside", async () => {
      const response = await deploy(set.id, { project_path: server.dir, dry_run: true });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ project_path: server.dir, total: 6 });
    });

    const BAD_PATHS: [string, number, string, () => string][] = [
      ["a relative path", 422, "project_path_invalid", () => "relative/app"],
      ["a dot-relative path", 422, "project_path_invalid", () => "./app"],
      ["a missing folder", 422, "project_path_invalid", () => join(server.dir, "no-such-project")],
      ["a file", 422, "project_path_invalid", () => join(server.dir, "a-file.txt")],
      ["a path through a file", 422, "project_path_invalid", () => join(server.dir, "a-file.txt", "sub")],
      ["a missing folder outside the roots", 422, "project_path_invalid", () => "/no-such-folder-ds-test/app"],
      ["a folder outside the roots", 403, "project_path_forbidden", () => outside],
      ["a .. escape from the root", 403, "project_path_forbidden", () => `${server.dir}/..`],
      ["a symlink inside the root to a folder outside", 403, "project_path_forbidden", () => join(server.dir, "link-out")],
    ];

    it.each(BAD_PATHS)("%s is %i %s, nothing written", async (_label, status, code, path) => {
      const before = readdirSync(outside);
      for (const dry_run of [false, true]) {
        expectProblem(await deploy(set.id, { project_path: path(), dry_run }), status, code, { project_path: path() });
      }
      expect(readdirSync(outside)).toEqual(before);
    });

    const BAD_BODIES: [string, unknown, string[]][] = [
      ["no body fields", {}, ["body.project_path"]],
      ["an empty project_path", { project_path: "" }, ["body.project_path"]],
      ["a number as project_path", { project_path: 42 }, ["body.project_path"]],
      ["an unknown profile", { project_path: "/tmp", profile: "vscode" }, ["body.profile"]],
      ["a string dry_run", { project_path: "/tmp", dry_run: "yes" }, ["body.dry_run"]],
      ["a number force", { project_path: "/tmp", force: 1 }, ["body.force"]],
      ["an unknown field", { project_path: "/tmp", set_id: "x" }, ["body.set_id"]],
      ["an array body", [], ["body"]],
    ];

    it.each(BAD_BODIES)("rejects %s with 422 validation_failed", async (_label, body, paths) => {
      expectValidation(await deploy(set.id, body), paths);
    });

    it("precedence: 422 validation before 404 set, 404 set before path errors", async () => {
      expectValidation(await deploy(UNKNOWN_ID, { project_path: "relative", profile: "vscode" }), ["body.profile"]);
      expectValidation(await deploy("not-a-set", {}), ["body.project_path"]);
      for (const project_path of ["relative", join(server.dir, "no-such-project"), outside, project()]) {
        expectProblem(await deploy(UNKNOWN_ID, { project_path }), 404, "set_not_found", { set_id: UNKNOWN_ID });
        expectProblem(await deploy("not-a-set", { project_path, dry_run: true }), 404, "set_not_found", { set_id: "not-a-set" });
      }
    });
  });

  describe("with deploying disabled (no project roots)", () => {
    let disabled: TestServer;
    let set: SetRef;
    beforeAll(async () => {
      disabled = await startTestServer({ adapter, projectRoots: [] });
      set = await api(disabled).createSet("Nowhere to go");
      await api(disabled).addMember(set.id, { artifact_uuid: art("review").uuid });
    });
    afterAll(() => disabled.close());

    it("is 403 deploy_disabled, before any path error, dry run included", async () => {
      for (const project_path of [disabled.dir, "relative", join(disabled.dir, "missing")]) {
        for (const dry_run of [false, true]) {
          expectProblem(await disabled.request("POST", deployUrl(set.id), { project_path, dry_run }), 403, "deploy_disabled");
        }
      }
      expect(readdirSync(disabled.dir).filter((entry) => entry.startsWith("."))).toEqual([]);
    });

    it("404 set and 422 validation still come first; resolve still works", async () => {
      expectProblem(await disabled.request("POST", deployUrl(UNKNOWN_ID), { project_path: disabled.dir }), 404, "set_not_found", { set_id: UNKNOWN_ID });
      expectValidation(await disabled.request("POST", deployUrl(set.id), { project_path: disabled.dir, profile: "x" }), ["body.profile"]);
      expect((await disabled.request("GET", resolveUrl(set.id))).json()).toMatchObject({ total_count: 1 });
    });
  });

  describe("missing references (the collection changes)", () => {
    let collection: ReturnType<typeof copyExampleCollection>;
    let local: TestServer;
    let holder: SetRef;
    let inner: SetRef;
    beforeAll(async () => {
      collection = copyExampleCollection();
      local = await startTestServer({ adapter, collection: collection.dir });
      const b = api(local);
      inner = await b.createSet("Inner");
      await b.addMember(inner.id, { artifact_uuid: art("guard-secrets").uuid });
      await b.addMember(inner.id, { artifact_uuid: art("postgres").uuid });
      holder = await b.createSet("Holder");
      await b.addMember(holder.id, { artifact_uuid: art("review").uuid });
      await b.addMember(holder.id, { artifact_uuid: art("guard-secrets").uuid });
      await b.addMember(holder.id, { group_id: grp("Docs toolkit").id });
      await b.addMember(holder.id, { nested_set_id: inner.id });
      collection.rewrite((toml) => withoutGroup(withoutArtifact(toml, "hook", "guard-secrets"), "Docs toolkit"));
      await vi.waitFor(
        async () => expect((await local.request("GET", "/api/v1/artifacts")).json().total).toBe(12),
        { timeout: 5_000, interval: 100 },
      );
    });
    afterAll(async () => {
      await local.close();
      collection.remove();
    });

    const MISSING = () => [
      { kind: "artifact", id: art("guard-secrets").uuid, path: ["Holder"] },
      { kind: "group", id: grp("Docs toolkit").id, path: ["Holder"] },
    ];

    it("lists each unknown reference once in missing, counted in no total", async () => {
      const response = await local.request("GET", resolveUrl(holder.id));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        set_id: holder.id,
        set_name: "Holder",
        total_count: 2,
        duplicates_dropped: 0,
        resolved_artifacts: [resolved("review", ["Holder"]), resolved("postgres", ["Holder", "Inner"])],
        missing: MISSING(),
      });
      expect((await local.request("GET", resolveUrl(inner.id))).json()).toMatchObject({
        total_count: 1,
        missing: [{ kind: "artifact", id: art("guard-secrets").uuid, path: ["Inner"] }],
      });
      expect((await local.request("GET", `${setsUrl}/${holder.id}`)).json()).toMatchObject({ resolved_count: 2, member_count: 4 });
    });

    it("a source changed in the collection is updated on the next deploy", async () => {
      const set = await api(local).createSet("Updates");
      await api(local).addMember(set.id, { artifact_uuid: art("write-tests").uuid });
      const dir = join(local.dir, "updates");
      mkdirSync(dir);
      const run = async () => (await local.request("POST", deployUrl(set.id), { project_path: dir })).json();
      expect(await run()).toMatchObject({ succeeded: 1, results: [{ action: "created", path: ".claude/commands/write-tests.md" }] });
      writeFileSync(join(collection.dir, "commands/write-tests.md"), "# write-tests\n\nA newer version.\n");
      expect(await run()).toMatchObject({ succeeded: 1, results: [{ action: "updated", status: "success" }] });
      expect(readFileSync(join(dir, ".claude/commands/write-tests.md"), "utf8")).toBe("# write-tests\n\nA newer version.\n");
      expect(await run()).toMatchObject({ skipped: 1, results: [{ action: "unchanged" }] });
    });

    it("an artifact whose source disappeared fails alone: 200 with an error message", async () => {
      const set = await api(local).createSet("Lost source");
      await api(local).addMember(set.id, { artifact_uuid: art("update-docs").uuid });
      await api(local).addMember(set.id, { artifact_uuid: art("db-architect").uuid });
      rmSync(join(collection.dir, "commands/update-docs.md"));
      const dir = join(local.dir, "lost-source");
      mkdirSync(dir);
      for (const dry_run of [true, false]) {
        const response = await local.request("POST", deployUrl(set.id), { project_path: dir, dry_run });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toMatchObject({
          total: 2,
          succeeded: 1,
          failed: 1,
          results: [
            { artifact_name: "update-docs", status: "failed", action: "error", path: ".claude/commands/update-docs.md", error: expect.any(String) },
            { artifact_name: "db-architect", status: "success", action: "created", path: ".claude/agents/db-architect.md", error: null },
          ],
        });
      }
      expect(readdirSync(join(dir, ".claude/agents"))).toEqual(["db-architect.md"]);
      expect(readdirSync(join(dir, ".claude")).includes("commands") ? readdirSync(join(dir, ".claude/commands")) : []).toEqual([]);
    });

    it("a deploy reports them beside the results", async () => {
      const dir = join(local.dir, "app");
      mkdirSync(dir);
      const response = await local.request("POST", deployUrl(holder.id), { project_path: dir });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        total: 2,
        succeeded: 2,
        results: [
          { artifact_name: "review", action: "created", path: ".claude/commands/review.md" },
          { artifact_name: "postgres", action: "created", path: ".claude/mcp/postgres" },
        ],
        missing: MISSING(),
      });
      expect(readdirSync(join(dir, ".claude")).sort()).toEqual([".skillmeat-deployed.toml", "commands", "mcp"]);
      const planned = await local.request("POST", deployUrl(holder.id), { project_path: dir, dry_run: true });
      expect(planned.json()).toMatchObject({ dry_run: true, total: 2, skipped: 2, missing: MISSING() });
    });
  });
});
