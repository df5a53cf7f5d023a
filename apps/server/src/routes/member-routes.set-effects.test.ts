import { describe, expect, it } from "vitest";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, art, UNKNOWN_ID } from "../../test/fixtures.js";
import { membersUrl, memberUrl, setsUrl, startServerForBlock } from "./route-test-helpers.js";

describe.each(ADAPTERS)("members over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  startServerForBlock(adapter, (started) => ({ server, a } = started));

  describe("effects on the set", () => {
    const updatedAt = async (setId: string) => (await server.request("GET", `${setsUrl}/${setId}`)).json().updated_at as string;
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

    it("updated_at changes on every real member change, and not on a no-op move or a rejected request", async () => {
      const set = await a.createSet("Touched");
      let last = await updatedAt(set.id);
      const changed = async () => {
        const now = await updatedAt(set.id);
        expect(now > last, `${now} > ${last}`).toBe(true);
        last = now;
      };
      await tick();
      const first = await a.addMember(set.id, { artifact_uuid: art("review").uuid });
      await changed();
      await tick();
      await a.addMember(set.id, { artifact_uuid: art("github").uuid });
      await changed();
      await tick();
      expect((await server.request("PUT", memberUrl(set.id, first.id), { position: 0 })).statusCode).toBe(200);
      expect((await server.request("POST", membersUrl(set.id), { artifact_uuid: art("review").uuid })).statusCode).toBe(409);
      expect((await server.request("POST", membersUrl(set.id), { artifact_uuid: UNKNOWN_ID })).statusCode).toBe(422);
      expect((await server.request("POST", membersUrl(set.id), { nested_set_id: set.id })).statusCode).toBe(422);
      expect(await updatedAt(set.id)).toBe(last);
      await tick();
      expect((await server.request("PATCH", memberUrl(set.id, first.id), { position: 1 })).statusCode).toBe(200);
      await changed();
      await tick();
      expect((await server.request("DELETE", memberUrl(set.id, first.id))).statusCode).toBe(204);
      await changed();
    });

    it("a nested set's member shows its current name", async () => {
      const child = await a.createSet("Before rename");
      const set = await a.createSet("Renames");
      await a.addMember(set.id, { nested_set_id: child.id });
      expect((await server.request("PATCH", `${setsUrl}/${child.id}`, { name: "After rename" })).statusCode).toBe(200);
      expect(await a.memberNames(set.id)).toEqual(["After rename"]);
    });

    it("deleting a set that is a member elsewhere closes the gap in every parent", async () => {
      const child = await a.createSet("Deleted child");
      const first = await a.setWith("Parent one", ["api-design"]);
      const second = await a.setWith("Parent two", ["api-design", "review"]);
      await a.addMember(first.id, { nested_set_id: child.id });
      await a.addMember(first.id, { artifact_uuid: art("postgres").uuid });
      await a.addMember(second.id, { nested_set_id: child.id, position: 0 });
      expect(await a.memberNames(first.id)).toEqual(["api-design", "Deleted child", "postgres"]);
      expect(await a.memberNames(second.id)).toEqual(["Deleted child", "api-design", "review"]);
      expect((await server.request("DELETE", `${setsUrl}/${child.id}`)).statusCode).toBe(204);
      expect(await a.memberNames(first.id)).toEqual(["api-design", "postgres"]);
      expect(await a.memberPositions(first.id)).toEqual([0, 1]);
      expect(await a.memberNames(second.id)).toEqual(["api-design", "review"]);
      expect(await a.memberPositions(second.id)).toEqual([0, 1]);
    });
  });
});
