import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ADAPTERS, startTestServer, type TestServer } from "../../test/harness.js";
import { api, art, copyExampleCollection, grp, withoutArtifact, withoutGroup, type SetRef } from "../../test/fixtures.js";
import { deployUrl, resolved, resolveUrl, setsUrl } from "./route-test-helpers.js";

describe.each(ADAPTERS)("resolve and deploy over HTTP (%s)", (adapter) => {
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
          { artifact_name: "postgres", action: "created", path: ".mcp.json" },
        ],
        missing: MISSING(),
      });
      expect(readdirSync(join(dir, ".claude")).sort()).toEqual([".deployment-sets", ".skillmeat-deployed.toml", "commands"]);
      expect(readdirSync(dir).sort()).toEqual([".claude", ".mcp.json"]);
      const planned = await local.request("POST", deployUrl(holder.id), { project_path: dir, dry_run: true });
      expect(planned.json()).toMatchObject({ dry_run: true, total: 2, skipped: 2, missing: MISSING() });
    });
  });
});
