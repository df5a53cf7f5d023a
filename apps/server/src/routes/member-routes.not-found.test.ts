import { describe, expect, it } from "vitest";
import { ADAPTERS, type TestServer } from "../../test/harness.js";
import { api, art, expectProblem, UNKNOWN_ID } from "../../test/fixtures.js";
import { membersUrl, memberUrl, startServerForBlock } from "./route-test-helpers.js";

describe.each(ADAPTERS)("members over HTTP (%s)", (adapter) => {
  let server: TestServer;
  let a: ReturnType<typeof api>;
  startServerForBlock(adapter, (started) => ({ server, a } = started));

  describe("not found", () => {
    it("a member used under another set is 404 member_not_found, and nothing changes", async () => {
      const holder = await a.setWith("Real holder", ["api-design", "review"]);
      const other = await a.setWith("Other set", ["postgres"]);
      const [member] = await a.members(holder.id);
      for (const [method, body] of [["DELETE", undefined], ["PUT", { position: 0 }], ["PATCH", { position: 0 }]] as const) {
        expectProblem(await server.request(method, memberUrl(other.id, member!.id), body), 404, "member_not_found", { member_id: member!.id });
      }
      expect(await a.memberNames(holder.id)).toEqual(["api-design", "review"]);
      expect(await a.memberNames(other.id)).toEqual(["postgres"]);
    });

    const MEMBER_IDS: [string, string][] = [
      ["unknown", UNKNOWN_ID],
      ["malformed", "not-a-member"],
    ];

    it.each(MEMBER_IDS)("an %s member id is 404 member_not_found", async (_label, memberId) => {
      const set = await a.setWith("Member ids", ["review"]);
      for (const [method, body] of [["DELETE", undefined], ["PUT", { position: 0 }], ["PATCH", { position: 0 }]] as const) {
        expectProblem(await server.request(method, memberUrl(set.id, memberId), body), 404, "member_not_found", { member_id: memberId });
      }
    });

    const SET_IDS: [string, string][] = [
      ["unknown", UNKNOWN_ID],
      ["malformed", "not-a-set"],
    ];
    const ROUTES: [string, string, (setId: string) => string, unknown][] = [
      ["list", "GET", membersUrl, undefined],
      ["add", "POST", membersUrl, { artifact_uuid: art("review").uuid }],
      ["remove", "DELETE", (setId) => memberUrl(setId, UNKNOWN_ID), undefined],
      ["move (PUT)", "PUT", (setId) => memberUrl(setId, UNKNOWN_ID), { position: 0 }],
      ["move (PATCH)", "PATCH", (setId) => memberUrl(setId, UNKNOWN_ID), { position: 0 }],
    ];

    for (const [label, setId] of SET_IDS) {
      it.each(ROUTES)(`${label} set id: %s is 404 set_not_found`, async (_route, method, url, body) => {
        expectProblem(await server.request(method as "GET", url(setId), body), 404, "set_not_found", { set_id: setId });
      });
    }
  });
});
