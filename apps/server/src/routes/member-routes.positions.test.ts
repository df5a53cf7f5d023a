import { describe, expect, it } from "vitest";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, art, expectProblem, expectValidation, grp, type MemberBody } from "../../test/fixtures.js";
import { expectMember, memberUrl, startServerForBlock } from "./route-test-helpers.js";

describe.each(ADAPTERS)("members over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  startServerForBlock(adapter, (started) => ({ server, a } = started));

  describe("positions", () => {
    const INSERTS: [string, number | undefined, number, string[]][] = [
      ["without a position appends", undefined, 3, ["api-design", "review", "postgres", "github"]],
      ["at 0 inserts first and shifts the rest", 0, 0, ["github", "api-design", "review", "postgres"]],
      ["at 1 inserts in the middle", 1, 1, ["api-design", "github", "review", "postgres"]],
      ["at the member count appends", 3, 3, ["api-design", "review", "postgres", "github"]],
      ["past the member count appends", 99, 3, ["api-design", "review", "postgres", "github"]],
    ];

    it.each(INSERTS)("adding %s", async (_label, position, want, order) => {
      const set = await a.setWith("Inserts", ["api-design", "review", "postgres"]);
      const member = await a.addMember(set.id, { artifact_uuid: art("github").uuid, ...(position === undefined ? {} : { position }) });
      expect(member.position).toBe(want);
      expect(await a.memberNames(set.id)).toEqual(order);
      expect(await a.memberPositions(set.id)).toEqual([0, 1, 2, 3]);
    });

    const MOVES: [string, string, number, number, string[]][] = [
      ["the first member down", "a", 2, 2, ["b", "c", "a", "d"]],
      ["the last member to 0", "d", 0, 0, ["d", "a", "b", "c"]],
      ["a member past the end (clamped to the last position)", "b", 99, 3, ["a", "c", "d", "b"]],
      ["a member to the last position", "a", 3, 3, ["b", "c", "d", "a"]],
      ["a member to its own position", "c", 2, 2, ["a", "b", "c", "d"]],
    ];
    const LETTERS: Record<string, string> = { a: "api-design", b: "review", c: "postgres", d: "github" };

    for (const method of ["PUT", "PATCH"] as const) {
      it.each(MOVES)(`${method} moves %s`, async (_label, who, to, want, order) => {
        const set = await a.setWith(`Moves ${method}`, Object.values(LETTERS));
        const target = (await a.members(set.id)).find((m) => m.name === LETTERS[who])!;
        const response = await server.request(method, memberUrl(set.id, target.id), { position: to });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.headers["content-type"]).toMatch(/^application\/json/);
        const moved: MemberBody = response.json();
        expectMember(moved, { ...target, position: want });
        expect(await a.memberNames(set.id)).toEqual(order.map((letter) => LETTERS[letter]));
        expect(await a.memberPositions(set.id)).toEqual([0, 1, 2, 3]);
      });

      it(`${method} move returns a nested set's and a group's name`, async () => {
        const child = await a.createSet("Moved child");
        const set = await a.createSet(`Named moves ${method}`);
        const nested = await a.addMember(set.id, { nested_set_id: child.id });
        const group = await a.addMember(set.id, { group_id: grp("Docs toolkit").id });
        expect((await server.request(method, memberUrl(set.id, group.id), { position: 0 })).json()).toEqual({ ...group, position: 0 });
        expect((await server.request(method, memberUrl(set.id, nested.id), { position: 0 })).json()).toEqual({ ...nested, position: 0, name: "Moved child" });
      });

      const BAD_MOVES: [string, unknown, string[]][] = [
        ["a negative position", { position: -1 }, ["body.position"]],
        ["a fractional position", { position: 0.5 }, ["body.position"]],
        ["a string position", { position: "1" }, ["body.position"]],
        ["a null position", { position: null }, ["body.position"]],
        ["no position", {}, ["body.position"]],
        ["an unknown field", { position: 1, artifact_uuid: art("review").uuid }, ["body.artifact_uuid"]],
      ];

      it.each(BAD_MOVES)(`${method} move rejects %s with 422 validation_failed`, async (_label, body, paths) => {
        const set = await a.setWith(`Bad moves ${method}`, ["api-design", "review"]);
        const [first] = await a.members(set.id);
        expectValidation(await server.request(method, memberUrl(set.id, first!.id), body), paths);
        expect(await a.memberNames(set.id)).toEqual(["api-design", "review"]);
      });
    }

    const REMOVES: [string, string, string[]][] = [
      ["the first member", "api-design", ["review", "postgres", "github"]],
      ["a middle member", "postgres", ["api-design", "review", "github"]],
      ["the last member", "github", ["api-design", "review", "postgres"]],
    ];

    it.each(REMOVES)("removing %s closes ranks", async (_label, who, order) => {
      const set = await a.setWith("Removes", ["api-design", "review", "postgres", "github"]);
      const target = (await a.members(set.id)).find((m) => m.name === who)!;
      const response = await server.request("DELETE", memberUrl(set.id, target.id));
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe("");
      expect(await a.memberNames(set.id)).toEqual(order);
      expect(await a.memberPositions(set.id)).toEqual([0, 1, 2]);
      expectProblem(await server.request("DELETE", memberUrl(set.id, target.id)), 404, "member_not_found", { member_id: target.id });
    });
  });
});
