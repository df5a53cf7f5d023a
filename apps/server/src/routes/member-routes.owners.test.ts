import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADAPTERS, startTestServer, type TestServer } from "../../test/harness.js";
import { art, expectProblem, grp, UNKNOWN_ID } from "../../test/fixtures.js";
import { memberUrl, membersUrl, setsUrl } from "./route-test-helpers.js";

describe.each(ADAPTERS)("members over HTTP (%s)", (adapter) => {
  describe("owners (DS_AUTH=token)", () => {
    let owned: TestServer;
    const alice = { token: "alice-token", owner: "alice", scopes: ["read", "write"] } as const;
    const bob = { token: "bob-token", owner: "bob", scopes: ["read", "write"] } as const;
    const reader = { token: "reader-token", owner: "alice", scopes: ["read"] } as const;
    beforeAll(async () => {
      owned = await startTestServer({ adapter, tokens: [alice, bob, reader] });
    });
    afterAll(() => owned.close());

    it("another owner's set is not found, as a path and as a nested_set_id", async () => {
      const mine = (await owned.request("POST", setsUrl, { name: "Alice's" }, alice.token)).json();
      const member = (await owned.request("POST", membersUrl(mine.id), { artifact_uuid: art("review").uuid }, alice.token)).json();
      const theirs = (await owned.request("POST", setsUrl, { name: "Bob's" }, bob.token)).json();
      expectProblem(await owned.request("GET", membersUrl(mine.id), undefined, bob.token), 404, "set_not_found", { set_id: mine.id });
      expectProblem(await owned.request("POST", membersUrl(mine.id), { group_id: grp("Docs toolkit").id }, bob.token), 404, "set_not_found");
      expectProblem(await owned.request("DELETE", memberUrl(mine.id, member.id), undefined, bob.token), 404, "set_not_found");
      expectProblem(await owned.request("PUT", memberUrl(mine.id, member.id), { position: 0 }, bob.token), 404, "set_not_found");
      expectProblem(await owned.request("POST", membersUrl(theirs.id), { nested_set_id: mine.id }, bob.token), 422, "unknown_reference", {
        kind: "set",
        id: mine.id,
      });
      // Bob's member id under Alice's path is not found either.
      const bobs = (await owned.request("POST", membersUrl(theirs.id), { artifact_uuid: art("review").uuid }, bob.token)).json();
      expectProblem(await owned.request("DELETE", memberUrl(mine.id, bobs.id), undefined, alice.token), 404, "member_not_found", { member_id: bobs.id });
      expect((await owned.request("GET", membersUrl(mine.id), undefined, alice.token)).json()).toEqual([{ ...member }]);
    });

    it("404 route_not_found comes before 401", async () => {
      expectProblem(await owned.request("GET", memberUrl(UNKNOWN_ID, UNKNOWN_ID)), 404, "route_not_found");
    });

    it("401 and 403 forbidden come before 422 validation and 404", async () => {
      const response = await owned.request("POST", membersUrl(UNKNOWN_ID), {});
      expectProblem(response, 401, "unauthenticated");
      expect(response.headers["www-authenticate"]).toMatch(/^Bearer/);
      expectProblem(await owned.request("POST", membersUrl(UNKNOWN_ID), {}, reader.token), 403, "forbidden");
      expectProblem(await owned.request("PUT", memberUrl(UNKNOWN_ID, UNKNOWN_ID), { position: -1 }, reader.token), 403, "forbidden");
      expectProblem(await owned.request("DELETE", memberUrl(UNKNOWN_ID, UNKNOWN_ID), undefined, reader.token), 403, "forbidden");
      const textBody = (token?: string) =>
        owned.app.inject({
          method: "POST",
          url: membersUrl(UNKNOWN_ID),
          headers: { "content-type": "text/plain", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          payload: "{",
        });
      expectProblem(await textBody(), 401, "unauthenticated");
      expectProblem(await textBody(reader.token), 403, "forbidden");
      expectProblem(await textBody(alice.token), 415, "unsupported_media_type");
      // A reader can still list.
      expect((await owned.request("GET", membersUrl(UNKNOWN_ID), undefined, reader.token)).statusCode).toBe(404);
    });
  });
});
