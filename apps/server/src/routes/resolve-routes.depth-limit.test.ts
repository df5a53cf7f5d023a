import { readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, art, expectProblem, type SetRef } from "../../test/fixtures.js";
import { deployUrl, resolved, resolveUrl, setsUrl, startServerForBlock } from "./route-test-helpers.js";

describe.each(ADAPTERS)("resolve and deploy over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  let outside: string;
  let project: () => string;
  startServerForBlock(adapter, (started) => ({ server, a, outside, project } = started));
  const deploy = (setId: string, body: unknown) => server.request("POST", deployUrl(setId), body);

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
});
