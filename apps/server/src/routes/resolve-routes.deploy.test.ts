import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PLACEMENTS, PROFILE_ROOTS, placementPath } from "@deployment-sets/local";
import { EXAMPLE_COLLECTION } from "../config.js";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, art, expectProblem, expectValidation, UNKNOWN_ID, type SetRef } from "../../test/fixtures.js";
import { deployUrl, startServerForBlock } from "./route-test-helpers.js";

const REPORT_KEYS = ["set_id", "set_name", "project_path", "profile", "dry_run", "total", "succeeded", "skipped", "failed", "duration_ms", "results", "missing"];
const RESULT_KEYS = ["artifact_uuid", "artifact_name", "artifact_type", "status", "action", "path", "error"];

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
  // Merged: the hook into .claude/settings.json (its script copied to .claude/hooks/guard-secrets/), the MCP server
  // into .mcp.json.
  "guard-secrets": ".claude/settings.json",
  postgres: ".mcp.json",
};

describe.each(ADAPTERS)("resolve and deploy over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  let outside: string;
  let project: () => string;
  startServerForBlock(adapter, (started) => ({ server, a, outside, project } = started));
  const setWith = (name: string, artifacts: readonly string[]) => a.setWith(name, artifacts);
  const deploy = (setId: string, body: unknown) => server.request("POST", deployUrl(setId), body);

  describe("deploy", () => {
    let set: SetRef;
    beforeAll(async () => {
      set = await setWith("Deployable", DEPLOYED);
      writeFileSync(join(server.dir, "a-file.txt"), "not a folder");
      symlinkSync(outside, join(server.dir, "link-out"));
    });

    const expectReport = (body: Record<string, unknown>, want: Record<string, unknown>) => {
      expect(Object.keys(body).sort()).toEqual([...REPORT_KEYS].sort());
      for (const result of body.results as Record<string, unknown>[]) {
        // `hint` and `backup_path` appear only where they apply.
        const optional = ["hint", "backup_path"].filter((key) => key in result);
        expect(Object.keys(result).sort()).toEqual([...RESULT_KEYS, ...optional].sort());
      }
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
      for (const name of DEPLOYED.filter((n) => !["guard-secrets", "postgres"].includes(n))) {
        const source = join(EXAMPLE_COLLECTION, art(name).path);
        const target = join(dir, CLAUDE_PATHS[name]!);
        if (statSync(source).isDirectory()) expect(files(target), name).toEqual(files(source));
        else expect(readFileSync(target, "utf8"), name).toBe(readFileSync(source, "utf8"));
      }
      // The hook's group is merged into settings.json, pointing at its script, copied beside the other hooks.
      const settings = JSON.parse(readFileSync(join(dir, ".claude/settings.json"), "utf8"));
      expect(settings.hooks.PreToolUse[0].hooks[0].command).toBe('sh "${CLAUDE_PROJECT_DIR}/.claude/hooks/guard-secrets/guard-secrets.sh"');
      expect(files(join(dir, ".claude/hooks/guard-secrets"))).toEqual(files(join(EXAMPLE_COLLECTION, "hooks/guard-secrets")));
      expect(JSON.parse(readFileSync(join(dir, ".mcp.json"), "utf8")).mcpServers.postgres.command).toBe("npx");
      // Modes are kept: the migration checker and the hook's script stay executable.
      expect(statSync(join(dir, ".claude/skills/sql-migrations/scripts/check-migration.sh")).mode & 0o111).not.toBe(0);
      expect(statSync(join(dir, ".claude/hooks/guard-secrets/guard-secrets.sh")).mode & 0o111).not.toBe(0);
      // SkillMeat's tracking file records every plain copy; the deployer's own file the merges.
      const tracking = readFileSync(join(dir, ".claude/.skillmeat-deployed.toml"), "utf8");
      for (const name of DEPLOYED) expect(tracking.includes(`artifact_name = "${name}"`), name).toBe(!["guard-secrets", "postgres"].includes(name));
      expect(tracking).toContain(`deployment_set_id = "${set.id}"`);
      const own = readFileSync(join(dir, ".claude/.deployment-sets/deployed.toml"), "utf8");
      for (const name of ["guard-secrets", "postgres"]) expect(own).toContain(`artifact_name = "${name}"`);

      // The content is left alone (the tracking file may be rewritten with fresher records).
      const content = () =>
        snapshot(dir).filter(
          (line) => !line.startsWith(".claude dir ") && !line.startsWith(".claude/.skillmeat-deployed.toml ") && !line.startsWith(".claude/.deployment-sets/deployed.toml "),
        );
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

    it.each(["codex", "gemini", "cursor"] as const)("profile %s: each artifact lands where the assistant reads it, or is unsupported with a hint", async (profile) => {
      const dir = project();
      const response = await deploy(set.id, { project_path: dir, profile });
      expect(response.statusCode, response.body).toBe(200);
      const want = DEPLOYED.map((name) => {
        const { type } = art(name);
        const placement = PLACEMENTS[profile][type];
        // Codex expands no variables in its config, and the postgres server needs one in its arguments.
        const failing = profile === "codex" && name === "postgres";
        return {
          artifact_uuid: art(name).uuid,
          artifact_name: name,
          artifact_type: type,
          status: failing ? "failed" : placement.kind === "unsupported" ? "skipped" : "success",
          action: failing ? "error" : placement.kind === "unsupported" ? "unsupported" : "created",
          path: placementPath(profile, type, name),
          error: failing ? expect.stringContaining("POSTGRES_URL") : null,
          ...(placement.kind === "unsupported" ? { hint: placement.reason } : {}),
        };
      });
      const succeeded = want.filter((r) => r.status === "success").length;
      const failed = want.filter((r) => r.status === "failed").length;
      expectReport(response.json(), { profile, total: 6, succeeded, skipped: 6 - succeeded - failed, failed, results: want });
      for (const result of want) {
        if (result.status === "success") expect(statSync(join(dir, result.path!)).isFile() || statSync(join(dir, result.path!)).isDirectory()).toBe(true);
      }
      // Nothing anywhere else: only the folders and files of the placements, and the profile root's tracking data.
      const written = new Set(want.filter((r) => r.status === "success").map((r) => r.path!.split("/")[0]!));
      expect(readdirSync(dir).sort()).toEqual([...new Set([...written, PROFILE_ROOTS[profile]])].sort());
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
      // Outside the roots is refused on the path as written, whether or not it exists: nothing outside can be probed.
      ["a missing folder outside the roots", 403, "project_path_forbidden", () => "/no-such-folder-ds-test/app"],
      ["a missing folder reached by .. out of the root", 403, "project_path_forbidden", () => `${server.dir}/../no-such-folder-ds-test`],
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
});
