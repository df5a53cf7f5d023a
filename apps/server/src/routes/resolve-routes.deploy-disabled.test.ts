import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADAPTERS, startTestServer, type TestServer } from "../../test/harness.js";
import { api, art, expectProblem, expectValidation, UNKNOWN_ID, type SetRef } from "../../test/fixtures.js";
import { deployUrl, resolveUrl } from "./route-test-helpers.js";

describe.each(ADAPTERS)("resolve and deploy over HTTP (%s)", (adapter) => {
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
});
