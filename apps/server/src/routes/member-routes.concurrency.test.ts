import { describe, expect, it } from "vitest";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, art, expectProblem, grp } from "../../test/fixtures.js";
import { membersUrl, startServerForBlock } from "./route-test-helpers.js";

describe.each(ADAPTERS)("members over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  startServerForBlock(adapter, (started) => ({ server, a } = started));

  describe("concurrent requests", () => {
    it("of A -> B and B -> A, exactly one succeeds and the other is cycle_detected", async () => {
      for (let round = 0; round < 3; round++) {
        const left = await a.createSet(`Race left ${round}`);
        const right = await a.createSet(`Race right ${round}`);
        const responses = await Promise.all([
          server.request("POST", membersUrl(left.id), { nested_set_id: right.id }),
          server.request("POST", membersUrl(right.id), { nested_set_id: left.id }),
        ]);
        expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 422]);
        expectProblem(responses.find((r) => r.statusCode === 422)!, 422, "cycle_detected");
      }
    });

    it("of the same reference, exactly one succeeds and the others are duplicate_member", async () => {
      const set = await a.createSet("Racing duplicates");
      const responses = await Promise.all([0, 1, 2, 3].map(() => server.request("POST", membersUrl(set.id), { group_id: grp("Code review").id })));
      const created = responses.filter((r) => r.statusCode === 201);
      expect(created).toHaveLength(1);
      for (const response of responses.filter((r) => r.statusCode !== 201)) {
        expectProblem(response, 409, "duplicate_member", { member_id: created[0]!.json().id });
      }
    });

    it("inserting at 0 keeps positions dense", async () => {
      const set = await a.setWith("Racing inserts", ["review"]);
      const racers = ["api-design", "github", "postgres", "changelog"];
      const responses = await Promise.all(racers.map((name) => server.request("POST", membersUrl(set.id), { artifact_uuid: art(name).uuid, position: 0 })));
      expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
      expect(await a.memberPositions(set.id)).toEqual([0, 1, 2, 3, 4]);
      expect((await a.memberNames(set.id)).at(-1)).toBe("review");
    });
  });
});
