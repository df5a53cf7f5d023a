import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ADAPTERS, startTestServer, type TestServer } from "../../test/harness.js";
import { api, art, copyExampleCollection, expectProblem, grp, withoutArtifact, withoutGroup } from "../../test/fixtures.js";
import { memberUrl, membersUrl } from "./route-test-helpers.js";

describe.each(ADAPTERS)("members over HTTP (%s)", (adapter) => {
  describe("with a collection that changes", () => {
    let collection: ReturnType<typeof copyExampleCollection>;
    let local: TestServer;
    let b: ReturnType<typeof api>;
    beforeAll(async () => {
      collection = copyExampleCollection();
      local = await startTestServer({ adapter, collection: collection.dir });
      b = api(local);
    });
    afterAll(async () => {
      await local.close();
      collection.remove();
    });

    it("422 unknown_reference before 409 duplicate_member: re-adding a member the catalog no longer knows", async () => {
      const set = await b.createSet("Stale members");
      const artifactMember = await b.addMember(set.id, { artifact_uuid: art("guard-secrets").uuid });
      const groupMember = await b.addMember(set.id, { group_id: grp("Docs toolkit").id });
      collection.rewrite((toml) => withoutGroup(withoutArtifact(toml, "hook", "guard-secrets"), "Docs toolkit"));
      await vi.waitFor(
        async () => expect((await b.members(set.id)).map((m) => m.name)).toEqual([null, null]),
        { timeout: 5_000, interval: 100 },
      );
      // The members stay, named null, until removed.
      expect((await b.members(set.id)).map((m) => m.id)).toEqual([artifactMember.id, groupMember.id]);
      expectProblem(await local.request("POST", membersUrl(set.id), { artifact_uuid: art("guard-secrets").uuid }), 422, "unknown_reference", {
        kind: "artifact",
        id: art("guard-secrets").uuid,
      });
      expectProblem(await local.request("POST", membersUrl(set.id), { group_id: grp("Docs toolkit").id }), 422, "unknown_reference", {
        kind: "group",
        id: grp("Docs toolkit").id,
      });
      // A stale member can still be moved and removed.
      expect((await local.request("PUT", memberUrl(set.id, groupMember.id), { position: 0 })).json()).toMatchObject({ position: 0, name: null });
      expect((await local.request("DELETE", memberUrl(set.id, artifactMember.id))).statusCode).toBe(204);
    });
  });
});
