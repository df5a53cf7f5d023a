import { beforeAll, describe, expect, it } from "vitest";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, art, expectProblem, grp, UNKNOWN_ID, type SetRef } from "../../test/fixtures.js";
import { resolved, resolveUrl, setsUrl, startServerForBlock } from "./route-test-helpers.js";

const RESOLUTION_KEYS = ["set_id", "set_name", "total_count", "duplicates_dropped", "resolved_artifacts", "missing"];

describe.each(ADAPTERS)("resolve and deploy over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  startServerForBlock(adapter, (started) => ({ server, a } = started));

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
});
