import { describe, expect, it } from "vitest";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, expectProblem, type SetRef } from "../../test/fixtures.js";
import { membersUrl, memberUrl, startServerForBlock } from "./route-test-helpers.js";

describe.each(ADAPTERS)("members over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  startServerForBlock(adapter, (started) => ({ server, a } = started));

  describe("cycles", () => {
    const expectCycle = async (holder: SetRef, nested: SetRef, path: SetRef[]) => {
      const before = await a.members(holder.id);
      const response = await server.request("POST", membersUrl(holder.id), { nested_set_id: nested.id });
      const body = expectProblem(response, 422, "cycle_detected", {
        path: path.map((s) => s.id),
        set_names: path.map((s) => s.name),
      });
      for (const set of path) expect(body.detail).toContain(set.name);
      // SkillMeat's web client shows its cycle dialog when the detail says "circular".
      expect(body.detail).toContain("circular reference");
      expect(await a.members(holder.id)).toEqual(before);
    };

    it("rejects a set inside itself", async () => {
      const self = await a.createSet("Selfish");
      await expectCycle(self, self, [self, self]);
    });

    it("rejects a two-step cycle: A holds B, adding A to B", async () => {
      const [top, bottom] = await a.chain("Two-step", 2);
      await expectCycle(bottom!, top!, [bottom!, top!, bottom!]);
    });

    it("rejects a three-step cycle: A holds B holds C, adding A to C", async () => {
      const [top, middle, bottom] = await a.chain("Three-step", 3);
      await expectCycle(bottom!, top!, [bottom!, top!, middle!, bottom!]);
    });

    it("reports the shortest cycle when there are several", async () => {
      const [top, , bottom] = await a.chain("Shortest", 3);
      await a.addMember(top!.id, { nested_set_id: bottom!.id, position: 0 });
      await expectCycle(bottom!, top!, [bottom!, top!, bottom!]);
      // Still the shortest when the direct edge comes last in position order.
      await server.request("PUT", memberUrl(top!.id, (await a.members(top!.id))[0]!.id), { position: 5 });
      await expectCycle(bottom!, top!, [bottom!, top!, bottom!]);
    });

    it("accepts a diamond (the same set reachable along two paths) that is not a cycle", async () => {
      const shared = await a.createSet("Diamond shared");
      const left = await a.createSet("Diamond left");
      const right = await a.createSet("Diamond right");
      await a.addMember(left.id, { nested_set_id: shared.id });
      await a.addMember(right.id, { nested_set_id: shared.id });
      await a.addMember(left.id, { nested_set_id: right.id });
      expect(await a.memberNames(left.id)).toEqual(["Diamond shared", "Diamond right"]);
    });
  });
});
